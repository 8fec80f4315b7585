import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { HISTORY_FILE } from './app.ts';
import { joinRoom, makeTempDir, startTestServer, textMessage } from './test-helpers.ts';

/** A room file as the earlier JSON-lines store wrote it: named by the room's sha256, one stored message a line. */
async function writeRoomFile(roomsDir: string, room: string, texts: string[], tail = ''): Promise<Array<{ id: string; seq: number; text: string | undefined }>> {
  const stored = texts.map((text, index) => ({ ...textMessage(room, 'alice', text), seq: index + 1 }));
  const name = `${createHash('sha256').update(room, 'utf8').digest('hex')}.jsonl`;
  await writeFile(join(roomsDir, name), stored.map((message) => `${JSON.stringify(message)}\n`).join('') + tail);
  return stored.map(({ id, seq, text }) => ({ id, seq, text }));
}

describe('import of JSON-lines room files', { timeout: 30_000 }, () => {
  test('imports every room file once on the first start, keeping ids and seqs', async (t) => {
    const dataDir = await makeTempDir(t);
    const roomsDir = join(dataDir, 'rooms');
    await mkdir(roomsDir);
    const lobby = await writeRoomFile(roomsDir, 'lobby', ['one', 'two', 'three'], '{"id":"torn","room":"lobby","se');
    const big = await writeRoomFile(roomsDir, 'big room', Array.from({ length: 1200 }, (_, index) => `line ${index}`));

    const first = await startTestServer(t, { dataDir });
    const names = (await readdir(roomsDir)).filter((name) => name.includes('.jsonl'));
    assert.equal(names.filter((name) => name.endsWith('.jsonl.imported')).length, 2, `renamed once imported: ${names.join(', ')}`);
    assert.equal(names.length, 2);
    const alice = await joinRoom(t, first, 'lobby', 'alice');
    assert.deepEqual(alice.joined.messages.map(({ id, seq, text }) => ({ id, seq, text })), lobby, 'the torn last line is dropped');
    const bob = await joinRoom(t, first, 'big room', 'bob', 0);
    assert.deepEqual(bob.joined.messages.map((message) => message.seq), big.slice(0, 500).map((message) => message.seq));
    alice.client.send({ type: 'send', message: textMessage('lobby', 'alice', 'four') });
    assert.equal((await alice.client.take('ack')).seq, 4);
    alice.client.send({ type: 'send', message: { ...textMessage('lobby', 'alice', 'again'), id: lobby[0]!.id } });
    assert.deepEqual(await alice.client.take('ack'), { type: 'ack', id: lobby[0]!.id, seq: 1 }, 'an imported id is still known');
    await first.close();

    const second = await startTestServer(t, { dataDir });
    const carol = await joinRoom(t, second, 'lobby', 'carol');
    assert.deepEqual(carol.joined.messages.map((message) => message.seq), [1, 2, 3, 4], 'nothing imported twice');
    const dave = await joinRoom(t, second, 'big room', 'dave');
    assert.deepEqual(dave.joined.messages.map((message) => message.seq), big.slice(-200).map((message) => message.seq));
  });

  test('a start stopped half-way through a file imports the rest next time, without doubles', async (t) => {
    const dataDir = await makeTempDir(t);
    const roomsDir = join(dataDir, 'rooms');
    await mkdir(roomsDir);
    const texts = Array.from({ length: 10 }, (_, index) => `m${index}`);
    const all = await writeRoomFile(roomsDir, 'r', texts);
    // What a start killed after importing the first 4 messages (before renaming the file) leaves behind.
    const first = await startTestServer(t, { dataDir: await makeTempDir(t) });
    const early = await joinRoom(t, first, 'r', 'alice');
    all.slice(0, 4).forEach(({ id }, index) => early.client.send({ type: 'send', message: { ...textMessage('r', 'alice', texts[index]!), id } }));
    await early.client.take('ack', (ack) => ack.seq === 4);
    await first.close();
    await rename(join(first.dataDir, 'rooms', HISTORY_FILE), join(roomsDir, HISTORY_FILE));

    const second = await startTestServer(t, { dataDir });
    const bob = await joinRoom(t, second, 'r', 'bob');
    assert.deepEqual(bob.joined.messages.map(({ id, seq, text }) => ({ id, seq, text })), all);
  });
});
