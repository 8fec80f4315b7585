/**
 * Where uploaded files live on disk: `<dataDir>/files/<id>` for the bytes and `<id>.json` beside it
 * for what the uploader declared. Ids are long random strings; names never become paths. An
 * upload streams to `<id>.part` and is renamed to `<id>` once whole; what a crash leaves behind
 * (partials, bytes without metadata) is removed when the server starts (`removePartials`).
 */
import { randomBytes } from 'node:crypto';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What is stored beside each file. */
export interface FileMetadata {
  /** The original file name, cleaned (see `cleanFileName`); shown to people, never a path. */
  name: string;
  /** Declared media type, `type/subtype` only. */
  mime: string;
  /** Size in bytes. */
  size: number;
  /** Milliseconds since the epoch when the upload completed. */
  createdAt: number;
  /** Hex sha256 of the bytes (files stored before it was recorded have none). */
  sha256?: string;
}

/** Random bytes in an id: 24 bytes make 32 base64url characters (192 bits). */
const ID_BYTES = 24;
const ID_PATTERN = /^[A-Za-z0-9_-]{32,128}$/;

/** A new unguessable file id (base64url, 32 characters). */
export function createFileId(): string {
  return randomBytes(ID_BYTES).toString('base64url');
}

/** Whether `id` has the shape of a file id, so it is safe to join to a folder. */
export function isFileId(id: string): boolean {
  return ID_PATTERN.test(id);
}

/** The path of a file's bytes. `id` must have passed `isFileId`. */
export function filePath(filesDir: string, id: string): string {
  return join(filesDir, id);
}

/** Where a file's bytes are written while its upload streams, before the rename to `filePath`. */
export function partialPath(target: string): string {
  return `${target}${PARTIAL_SUFFIX}`;
}

const PARTIAL_SUFFIX = '.part';
const METADATA_SUFFIX = '.json';

/**
 * Removes what unfinished uploads left in `filesDir`: partial files, metadata never renamed into
 * place, and bytes without metadata (a crash between the two renames). Call it before serving.
 * Resolves with how many files went.
 */
export async function removePartials(filesDir: string): Promise<number> {
  const names = await readdir(filesDir);
  const present = new Set(names);
  const leftovers = names.filter(
    (name) => name.endsWith(PARTIAL_SUFFIX) || name.endsWith(`${METADATA_SUFFIX}.tmp`) || (isFileId(name) && !present.has(`${name}${METADATA_SUFFIX}`)),
  );
  await Promise.all(leftovers.map((name) => rm(join(filesDir, name), { force: true })));
  return leftovers.length;
}

/** Writes a file's metadata; the rename makes it appear whole or not at all. */
export async function writeMetadata(filesDir: string, id: string, metadata: FileMetadata): Promise<void> {
  const target = join(filesDir, `${id}.json`);
  const temporary = `${target}.tmp`;
  await writeFile(temporary, JSON.stringify(metadata), { flag: 'wx' });
  await rename(temporary, target);
}

/** A file's metadata, or `undefined` when the id is malformed or unknown (or its upload never completed). */
export async function readMetadata(filesDir: string, id: string): Promise<FileMetadata | undefined> {
  if (!isFileId(id)) return undefined;
  try {
    const value: unknown = JSON.parse(await readFile(join(filesDir, `${id}.json`), 'utf8'));
    return isMetadata(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Deletes a file's bytes and metadata (used when a finished upload turns out to be a repeat). */
export async function removeStoredFile(filesDir: string, id: string): Promise<void> {
  await rm(join(filesDir, `${id}.json`), { force: true });
  await rm(filePath(filesDir, id), { force: true });
}

function isMetadata(value: unknown): value is FileMetadata {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.name === 'string' && typeof record.mime === 'string' && Number.isSafeInteger(record.size) && typeof record.createdAt === 'number';
}
