// Fault tests: the relay itself misbehaves (lost acks, doubled and swapped broadcasts) during a
// 300-message burst. Run with `node --experimental-websocket --import tsx --test test/delivery/*.test.ts`.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { assertDeliveredExactlyOnce, burst, createScene, requireGlobalWebSocket, storedCount, when } from './harness.ts';

before(requireGlobalWebSocket);

describe('delivery when the relay misbehaves', { timeout: 30_000 }, () => {
  test('ack lost at ~100 (stored, the sender never hears), the connection stays up', async (t) => {
    const scene = createScene(t);
    const relay = await scene.startRelay();
    const alice = await scene.startClient('alice', relay);
    const bob = await scene.startClient('bob', relay);
    when(alice, (entries) => storedCount(entries) >= 100, () => (relay.faults.dropAcks = 1));
    const sent = burst(alice);
    await assertDeliveredExactlyOnce([alice, bob], alice, sent);
    assert.equal(relay.faults.dropAcks, 0, 'an ack was dropped');
  });

  test('ack lost at ~100, then the sender\'s connection drops before it could be resent', async (t) => {
    const scene = createScene(t);
    const relay = await scene.startRelay();
    const alice = await scene.startClient('alice', relay);
    const bob = await scene.startClient('bob', relay);
    when(alice, (entries) => storedCount(entries) >= 100, () => {
      relay.faults.dropAcks = 1;
      setTimeout(() => alice.proxy.cutAll(), 50);
    });
    const sent = burst(alice);
    await assertDeliveredExactlyOnce([alice, bob], alice, sent);
    assert.equal(relay.faults.dropAcks, 0, 'an ack was dropped');
    assert.ok(alice.proxy.attempts.length >= 2, 'alice reconnected');
  });

  test('every broadcast doubled and swapped in pairs: each message shown once, in seq order', async (t) => {
    const scene = createScene(t);
    const relay = await scene.startRelay({ faults: { duplicateBroadcasts: true, reorderBroadcasts: true } });
    const alice = await scene.startClient('alice', relay);
    const bob = await scene.startClient('bob', relay);
    const carol = await scene.startClient('carol', relay);
    const arrivals: number[] = [];
    bob.transport.addEventListener('message', (event) => arrivals.push((event.detail as { seq: number }).seq));
    const sent = burst(alice);
    await assertDeliveredExactlyOnce([alice, bob, carol], alice, sent);
    assert.ok(arrivals.length >= 2 * sent.length - 2, `bob was sent doubles (${arrivals.length} frames)`);
    assert.ok(arrivals.some((seq, index) => index > 0 && seq < arrivals[index - 1]!), 'bob was sent some out of order');
  });
});
