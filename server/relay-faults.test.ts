import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { REORDER_HOLD_MS, type RelayFaults } from './testing/relay-faults.ts';
import { joinRoom, startTestServer, textMessage } from './test-helpers.ts';

describe('relay fault switch (test only)', { timeout: 30_000 }, () => {
  test('drops the next N acks after storing; a resend gets the original ack', async (t) => {
    const faults: RelayFaults = { dropAcks: 2 };
    const server = await startTestServer(t, { faults });
    const alice = await joinRoom(t, server, 'room', 'alice');
    const bob = await joinRoom(t, server, 'room', 'bob');
    const sent = Array.from({ length: 3 }, (_, index) => textMessage('room', 'alice', `m${index}`));
    for (const message of sent) alice.client.send({ type: 'send', message });
    assert.deepEqual(await alice.client.take('ack'), { type: 'ack', id: sent[2]!.id, seq: 3 });
    assert.equal(faults.dropAcks, 0);
    for (let seq = 1; seq <= 3; seq++) assert.equal((await bob.client.take('message')).message.seq, seq, 'stored and relayed all the same');
    alice.client.send({ type: 'send', message: sent[0] });
    assert.deepEqual(await alice.client.take('ack'), { type: 'ack', id: sent[0]!.id, seq: 1 });
    assert.equal(alice.client.pending.length, 0);
  });

  test('sends every broadcast twice', async (t) => {
    const faults: RelayFaults = { duplicateBroadcasts: true };
    const server = await startTestServer(t, { faults });
    const alice = await joinRoom(t, server, 'room', 'alice');
    const bob = await joinRoom(t, server, 'room', 'bob');
    for (let index = 0; index < 2; index++) alice.client.send({ type: 'send', message: textMessage('room', 'alice', `m${index}`) });
    const seqs = [];
    for (let index = 0; index < 4; index++) seqs.push((await bob.client.take('message')).message.seq);
    assert.deepEqual(seqs, [1, 1, 2, 2]);
    await alice.client.take('ack', (ack) => ack.seq === 2);
    assert.equal(alice.client.pending.length, 1, 'acks are not duplicated');
  });

  test('swaps broadcasts in pairs, and sends an odd one alone after a short hold', async (t) => {
    const faults: RelayFaults = { reorderBroadcasts: true };
    const server = await startTestServer(t, { faults });
    const alice = await joinRoom(t, server, 'room', 'alice');
    const bob = await joinRoom(t, server, 'room', 'bob');
    for (let index = 0; index < 5; index++) alice.client.send({ type: 'send', message: textMessage('room', 'alice', `m${index}`) });
    const seqs = [];
    for (let index = 0; index < 5; index++) seqs.push((await bob.client.take('message', undefined, REORDER_HOLD_MS * 20)).message.seq);
    assert.deepEqual(seqs.slice(4), [5]);
    assert.deepEqual(seqs.slice(0, 4).sort(), [1, 2, 3, 4]);
    assert.notDeepEqual(seqs.slice(0, 4), [1, 2, 3, 4], 'something arrived out of order');
    faults.reorderBroadcasts = false;
    alice.client.send({ type: 'send', message: textMessage('room', 'alice', 'in order') });
    assert.equal((await bob.client.take('message')).message.seq, 6);
  });

  test('duplicates and reorders together', async (t) => {
    const faults: RelayFaults = { reorderBroadcasts: true, duplicateBroadcasts: true };
    const server = await startTestServer(t, { faults });
    const alice = await joinRoom(t, server, 'room', 'alice');
    const bob = await joinRoom(t, server, 'room', 'bob');
    for (let index = 0; index < 2; index++) {
      alice.client.send({ type: 'send', message: textMessage('room', 'alice', `m${index}`) });
      await alice.client.take('ack');
    }
    const seqs = [];
    for (let index = 0; index < 4; index++) seqs.push((await bob.client.take('message')).message.seq);
    assert.deepEqual(seqs, [2, 2, 1, 1]);
  });
});
