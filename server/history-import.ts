/**
 * The move from the earlier history store, one JSON-lines file per room (`<DATA_DIR>/rooms/<sha256
 * of the room>.jsonl`, a stored message with its `seq` per line), into a `History`. Each file is
 * read line by line (never whole), its messages are appended in `seq` order, and it is then renamed
 * to `….jsonl.imported`, so it is imported once. That store numbered each room 1, 2, 3, … without
 * gaps, so an empty room gets the same `seq`s again. A start killed half-way imports the rest of
 * the file next time: lines at or below the room's newest stored `seq` are skipped.
 */
import { createReadStream } from 'node:fs';
import { readdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ChatMessage } from '../src/model/message.ts';
import type { History, StoredMessage } from './history.ts';

/** What an import did. */
export interface ImportReport {
  /** Room files imported (and renamed). */
  files: number;
  /** Messages appended. */
  messages: number;
}

/** Appends are awaited in groups this large, which the SQLite history writes as one transaction. */
const GROUP = 500;

/** Imports every `*.jsonl` file in `roomsDir` (a missing folder has none) into `history`. */
export async function importRoomFiles(history: History, roomsDir: string): Promise<ImportReport> {
  let names: string[];
  try {
    names = await readdir(roomsDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { files: 0, messages: 0 };
    throw error;
  }
  const report: ImportReport = { files: 0, messages: 0 };
  for (const name of names.filter((file) => file.endsWith('.jsonl')).sort()) {
    const path = join(roomsDir, name);
    report.messages += await importFile(history, path);
    await rename(path, `${path}.imported`);
    report.files++;
  }
  return report;
}

/** Appends the messages of one room file that are not stored yet; answers how many. */
async function importFile(history: History, path: string): Promise<number> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let newest: number | undefined;
  let lastSeq = 0;
  let appended = 0;
  let group: Array<Promise<unknown>> = [];
  for await (const line of lines) {
    const message = parseLine(line);
    if (message === undefined || message.seq <= lastSeq) continue;
    lastSeq = message.seq;
    newest ??= (await history.page(message.room, { limit: 1 })).at(-1)?.seq ?? 0;
    if (message.seq <= newest) continue;
    const { seq: _unused, ...fields } = message;
    group.push(history.append(message.room, fields));
    appended++;
    if (group.length >= GROUP) {
      await Promise.all(group);
      group = [];
    }
  }
  await Promise.all(group);
  return appended;
}

/** A stored message from one line, or `undefined` for a blank, torn or foreign line. */
function parseLine(line: string): StoredMessage | undefined {
  if (line.trim() === '') return undefined;
  try {
    const value = JSON.parse(line) as Partial<StoredMessage> | null;
    const isStored = value !== null && typeof value === 'object' && typeof value.id === 'string' && typeof value.room === 'string' && Number.isSafeInteger(value.seq);
    return isStored ? (value as ChatMessage as StoredMessage) : undefined;
  } catch {
    return undefined;
  }
}
