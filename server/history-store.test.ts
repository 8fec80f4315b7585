import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { appendFile, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { startServer } from './app.ts';
import { createHistoryStore, roomFileName } from './history-store.ts';
import { joinRoom, makeTempDir, textMessage } from './test-helpers.ts';

describe('history store', { timeout: 30_000 }, () => {
  test('keeps history across a server restart on the same data folder', async (t) => {
    const dataDir = await makeTempDir(t);
    const first = await startServer({ dataDir, port: 0, host: '127.0.0.1' });
    t.after(() => first.close());
    const alice = await joinRoom(t, first, 'durable room', 'alice');
    const sent = Array.from({ length: 3 }, (_, index) => textMessage('durable room', 'alice', `before restart ${index}`));
    for (const message of sent) alice.client.send({ type: 'send', message });
    await alice.client.take('ack', (ack) => ack.seq === 3);
    await first.close();

    const second = await startServer({ dataDir, port: 0, host: '127.0.0.1' });
    t.after(() => second.close());
    const bob = await joinRoom(t, second, 'durable room', 'bob');
    assert.deepEqual(bob.joined.messages.map((message) => [message.id, message.seq, message.text]), sent.map((message, index) => [message.id, index + 1, message.text]));
    const again = await joinRoom(t, second, 'durable room', 'alice');
    again.client.send({ type: 'send', message: sent[0] });
    assert.deepEqual(await again.client.take('ack'), { type: 'ack', id: sent[0]!.id, seq: 1 }, 'a resend after the restart gets the original ack');
    const next = textMessage('durable room', 'alice', 'after restart');
    again.client.send({ type: 'send', message: next });
    assert.equal((await again.client.take('ack')).seq, 4);
    assert.equal((await bob.client.take('message')).message.seq, 4);
  });

  test('names room files by the sha256 of the room, never the raw name', async (t) => {
    const dir = await makeTempDir(t);
    const store = createHistoryStore(dir);
    t.after(() => store.close());
    const room = '../../etc/passwd';
    await (await store.room(room)).append(textMessage(room, 'alice', 'hi'));
    const expected = `${createHash('sha256').update(room).digest('hex')}.jsonl`;
    assert.equal(roomFileName(room), expected);
    assert.deepEqual(await readdir(dir), [expected]);
  });

  test('numbers concurrent appends in file order and stores a repeated id once', async (t) => {
    const dir = await makeTempDir(t);
    const store = createHistoryStore(dir);
    t.after(() => store.close());
    const room = await store.room('busy');
    const messages = Array.from({ length: 100 }, (_, index) => textMessage('busy', 'alice', `m${index}`));
    const results = await Promise.all([...messages, messages[10]!, messages[99]!].map((message) => room.append(message)));
    assert.deepEqual(results.slice(0, 100).map((result) => result.message.seq), messages.map((_, index) => index + 1));
    assert.deepEqual(results.slice(100).map((result) => [result.message.seq, result.duplicate]), [[11, true], [100, true]]);
    const lines = (await readFile(join(dir, roomFileName('busy')), 'utf8')).trimEnd().split('\n');
    assert.equal(lines.length, 100);
    assert.deepEqual(lines.map((line) => (JSON.parse(line) as { seq: number }).seq), messages.map((_, index) => index + 1));
  });

  test('answers after, before and latest in ascending seq', async (t) => {
    const dir = await makeTempDir(t);
    const store = createHistoryStore(dir);
    t.after(() => store.close());
    const room = await store.room('r');
    for (let index = 0; index < 10; index++) await room.append(textMessage('r', 'a', `m${index}`));
    const seqs = (list: Array<{ seq?: number }>) => list.map((message) => message.seq);
    assert.deepEqual(seqs(room.after(0, 3)), [1, 2, 3]);
    assert.deepEqual(seqs(room.after(8, 5)), [9, 10]);
    assert.deepEqual(seqs(room.before(4, 5)), [1, 2, 3]);
    assert.deepEqual(seqs(room.before(11, 2)), [9, 10]);
    assert.deepEqual(seqs(room.latest(3)), [8, 9, 10]);
    assert.deepEqual(seqs(room.latest(0)), []);
  });

  test('drops a torn last line left by a crash and appends cleanly after it', async (t) => {
    const dir = await makeTempDir(t);
    const first = createHistoryStore(dir);
    const kept = textMessage('r', 'a', 'kept');
    await (await first.room('r')).append(kept);
    await first.close();
    await appendFile(join(dir, roomFileName('r')), '{"id":"torn","room":"r","se');
    const second = createHistoryStore(dir);
    t.after(() => second.close());
    const room = await second.room('r');
    assert.deepEqual(room.latest(10).map((message) => message.id), [kept.id]);
    const next = await room.append(textMessage('r', 'a', 'next'));
    assert.equal(next.message.seq, 2);
    const lines = (await readFile(join(dir, roomFileName('r')), 'utf8')).split('\n');
    assert.deepEqual(lines.slice(0, 2).map((line) => (JSON.parse(line) as { seq: number }).seq), [1, 2]);
  });
});
