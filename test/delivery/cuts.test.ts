// Fault tests: a 300-message burst while the network cuts one side's connection at message ~100.
// Run with `node --experimental-websocket --import tsx --test test/delivery/*.test.ts`.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { assertDeliveredExactlyOnce, burst, createScene, requireGlobalWebSocket, storedCount, when } from './harness.ts';

before(requireGlobalWebSocket);

describe('delivery through cut connections', { timeout: 30_000 }, () => {
  test('300-message burst, the sender\'s connection cut at ~100: every message once, in order, everywhere', async (t) => {
    const scene = createScene(t);
    const relay = await scene.startRelay();
    const alice = await scene.startClient('alice', relay);
    const bob = await scene.startClient('bob', relay);
    let cutAt = -1;
    when(alice, (entries) => storedCount(entries) >= 100, () => {
      cutAt = storedCount(alice.store.$entries.get());
      alice.proxy.cutAll();
    });
    const sent = burst(alice);
    const waited = await assertDeliveredExactlyOnce([alice, bob], alice, sent);
    assert.ok(cutAt >= 100 && alice.proxy.attempts.length >= 2, `the cut happened (at ${cutAt}) and alice reconnected (${alice.proxy.attempts.length} connections)`);
    t.diagnostic(`cut after ${cutAt} acks; all delivered ${Math.round(waited)} ms after the burst began`);
  });

  test('300-message burst, the receiver\'s connection cut at ~100: every message once, in order, everywhere', async (t) => {
    const scene = createScene(t);
    const relay = await scene.startRelay();
    const alice = await scene.startClient('alice', relay);
    const bob = await scene.startClient('bob', relay);
    let cutAt = -1;
    when(bob, (entries) => entries.length >= 100, () => {
      cutAt = bob.store.$entries.get().length;
      bob.proxy.cutAll();
    });
    const sent = burst(alice);
    const waited = await assertDeliveredExactlyOnce([alice, bob], alice, sent);
    assert.ok(cutAt >= 100 && bob.proxy.attempts.length >= 2, `the cut happened (at ${cutAt}) and bob reconnected (${bob.proxy.attempts.length} connections)`);
    t.diagnostic(`cut after bob had ${cutAt} messages; all delivered ${Math.round(waited)} ms after the burst began`);
  });
});
