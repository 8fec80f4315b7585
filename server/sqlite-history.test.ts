import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { optionsFromEnv } from './env.ts';
import type { StoredMessage } from './history.ts';
import { openSqliteHistory, type SqliteHistoryOptions } from './sqlite-history.ts';
import { makeTempDir, textMessage } from './test-helpers.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A history in a fresh temp folder (or `dir`), closed after the test. */
async function openHistory(t: TestContext, options: Partial<SqliteHistoryOptions> = {}, dir?: string) {
  const folder = dir ?? (await makeTempDir(t));
  const history = openSqliteHistory({ file: join(folder, 'history.sqlite'), ...options });
  t.after(() => history.close());
  return { history, dir: folder };
}

const seqs = (messages: StoredMessage[]) => messages.map((message) => message.seq);

describe('SQLite history', { timeout: 30_000 }, () => {
  test('numbers concurrent appends 1..n per room and stores a repeated id once', async (t) => {
    const { history } = await openHistory(t);
    const messages = Array.from({ length: 100 }, (_, index) => textMessage('busy', 'alice', `m${index}`));
    const results = await Promise.all([...messages, messages[10]!, messages[99]!].map((message) => history.append('busy', message)));
    assert.deepEqual(results.slice(0, 100).map((result) => [result.message.seq, result.duplicate]), messages.map((_, index) => [index + 1, false]));
    assert.deepEqual(results.slice(100).map((result) => [result.message.id, result.message.seq, result.duplicate]), [[messages[10]!.id, 11, true], [messages[99]!.id, 100, true]]);
    const later = await history.append('busy', messages[0]!);
    assert.deepEqual([later.message.seq, later.duplicate, later.message.text], [1, true, 'm0'], 'a resend in a later batch gets the stored message');
    const other = await history.append('quiet', messages[0]!);
    assert.deepEqual([other.message.seq, other.duplicate], [1, false], 'ids are per room, and so are seqs');
    assert.equal((await history.page('busy', { after: 0, limit: 500 })).length, 100);
  });

  test('pages after, before and the newest, always in ascending seq', async (t) => {
    const { history } = await openHistory(t);
    for (let index = 0; index < 10; index++) await history.append('r', textMessage('r', 'a', `m${index}`));
    assert.deepEqual(seqs(await history.page('r', { after: 0, limit: 3 })), [1, 2, 3]);
    assert.deepEqual(seqs(await history.page('r', { after: 8, limit: 5 })), [9, 10]);
    assert.deepEqual(seqs(await history.page('r', { after: 2, before: 6, limit: 10 })), [3, 4, 5]);
    assert.deepEqual(seqs(await history.page('r', { before: 4, limit: 5 })), [1, 2, 3]);
    assert.deepEqual(seqs(await history.page('r', { before: 11, limit: 2 })), [9, 10]);
    assert.deepEqual(seqs(await history.page('r', { limit: 3 })), [8, 9, 10]);
    assert.deepEqual(seqs(await history.page('r', { limit: 0 })), []);
    assert.deepEqual(await history.page('nobody here', { limit: 10 }), []);
    const [first] = await history.page('r', { after: 0, limit: 1 });
    assert.equal(first!.text, 'm0');
    assert.equal(first!.sender.id, 'a');
  });

  test('keeps only the newest messages of each room when a count limit is set', async (t) => {
    const { history } = await openHistory(t, { retention: { maxPerRoom: 5 } });
    const sent = Array.from({ length: 12 }, (_, index) => textMessage('r', 'a', `m${index}`));
    await Promise.all(sent.slice(0, 7).map((message) => history.append('r', message)));
    for (const message of sent.slice(7)) await history.append('r', message);
    await history.append('other', textMessage('other', 'a', 'alone'));
    assert.deepEqual(seqs(await history.page('r', { after: 0, limit: 100 })), [8, 9, 10, 11, 12]);
    assert.deepEqual(seqs(await history.page('other', { limit: 100 })), [1]);
    const next = await history.append('r', textMessage('r', 'a', 'next'));
    assert.equal(next.message.seq, 13, 'seq never goes back after pruning');
  });

  test('a lowered count limit prunes what is already stored when it opens', async (t) => {
    const dir = await makeTempDir(t);
    const roomy = openSqliteHistory({ file: join(dir, 'history.sqlite') });
    for (let index = 0; index < 20; index++) await roomy.append('r', textMessage('r', 'a', `m${index}`));
    await roomy.close();
    const { history } = await openHistory(t, { retention: { maxPerRoom: 3 } }, dir);
    assert.equal(await history.prune(), 0, 'the run on open already removed them');
    assert.deepEqual(seqs(await history.page('r', { after: 0, limit: 100 })), [18, 19, 20]);
  });

  test('removes messages older than the age limit and keeps counting seq after them', async (t) => {
    let now = Date.UTC(2026, 0, 1);
    const { history } = await openHistory(t, { retention: { maxAgeDays: 7 }, now: () => now });
    for (let index = 0; index < 5; index++) await history.append('r', textMessage('r', 'a', `old ${index}`));
    await history.append('gone', textMessage('gone', 'a', 'old too'));
    now += 5 * DAY_MS;
    for (let index = 0; index < 3; index++) await history.append('r', textMessage('r', 'a', `newer ${index}`));
    now += 3 * DAY_MS;
    assert.equal(await history.prune(), 6);
    assert.deepEqual(seqs(await history.page('r', { after: 0, limit: 100 })), [6, 7, 8]);
    assert.deepEqual(await history.page('gone', { limit: 100 }), []);
    assert.equal((await history.append('gone', textMessage('gone', 'a', 'new'))).message.seq, 2, 'an emptied room does not start again at 1');
    now += 30 * DAY_MS;
    assert.equal(await history.prune(), 4);
  });

  test('reopening the file keeps every message, seq and id', async (t) => {
    const dir = await makeTempDir(t);
    const first = openSqliteHistory({ file: join(dir, 'history.sqlite') });
    const sent = Array.from({ length: 30 }, (_, index) => textMessage('../../etc/passwd', 'a', `m${index}`));
    await Promise.all(sent.map((message) => first.append('../../etc/passwd', message)));
    await first.close();
    await assert.rejects(first.append('r', textMessage('r', 'a', 'late')), /closed/);
    assert.deepEqual((await readdir(dir)).sort(), ['history.sqlite'], 'one file, nothing named after a room');

    const { history } = await openHistory(t, {}, dir);
    const kept = await history.page('../../etc/passwd', { after: 0, limit: 100 });
    assert.deepEqual(kept.map((message) => [message.id, message.seq, message.text]), sent.map((message, index) => [message.id, index + 1, message.text]));
    assert.equal((await history.append('../../etc/passwd', sent[3]!)).duplicate, true);
    assert.equal((await history.append('../../etc/passwd', textMessage('../../etc/passwd', 'a', 'next'))).message.seq, 31);
  });

  test('close writes appends that are still queued', async (t) => {
    const dir = await makeTempDir(t);
    const first = openSqliteHistory({ file: join(dir, 'history.sqlite') });
    const appended = first.append('r', textMessage('r', 'a', 'queued'));
    await first.close();
    assert.equal((await appended).message.seq, 1);
    const { history } = await openHistory(t, {}, dir);
    assert.deepEqual(seqs(await history.page('r', { limit: 10 })), [1]);
  });

  test('npm start reads the retention and sync settings, and refuses nonsense', () => {
    assert.deepEqual(optionsFromEnv({ HISTORY_MAX_AGE_DAYS: '30', HISTORY_MAX_PER_ROOM: '500', HISTORY_SYNC: 'FULL' }), {
      ...optionsFromEnv({}),
      retention: { maxAgeDays: 30, maxPerRoom: 500 },
      historySync: 'full',
    });
    assert.equal(optionsFromEnv({}).retention, undefined, 'the defaults of history.ts apply');
    assert.throws(() => optionsFromEnv({ HISTORY_MAX_PER_ROOM: '-1' }), /HISTORY_MAX_PER_ROOM/);
    assert.throws(() => optionsFromEnv({ HISTORY_SYNC: 'sometimes' }), /HISTORY_SYNC/);
  });

  test("with synchronous 'full' it stores and reads the same way", async (t) => {
    const { history } = await openHistory(t, { synchronous: 'full' });
    const results = await Promise.all(['a', 'b'].map((text) => history.append('r', textMessage('r', 'a', text))));
    assert.deepEqual(results.map((result) => result.message.seq), [1, 2]);
    assert.deepEqual((await history.page('r', { limit: 5 })).map((message) => message.text), ['a', 'b']);
  });
});
