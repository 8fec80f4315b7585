// Fault tests: a connection that dies without closing (the proxy blackholes it) in the middle of
// a 300-message burst; only the client's heartbeat can notice. Not in the list of
// scenarios, but the issue asks for that heartbeat. Run with
// `node --experimental-websocket --import tsx --test test/delivery/*.test.ts`.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { assertDeliveredExactlyOnce, burst, createScene, FAST_RECONNECT, requireGlobalWebSocket, storedCount, when } from './harness.ts';

before(requireGlobalWebSocket);

/** Fast reconnects and a fast heartbeat: a silent connection is given up after well under 2 s. */
const QUICK = { ...FAST_RECONNECT, heartbeatInterval: 300, heartbeatTimeout: 300 };

describe('delivery through connections that die silently', { timeout: 30_000 }, () => {
  test('the sender\'s connection goes silent at ~100 and never closes: every message once, in order, everywhere', async (t) => {
    const scene = createScene(t);
    const relay = await scene.startRelay();
    const alice = await scene.startClient('alice', relay, QUICK);
    const bob = await scene.startClient('bob', relay, QUICK);
    when(alice, (entries) => storedCount(entries) >= 100, () => {
      alice.proxy.blackhole(true); // the open connection is dead for good...
      alice.proxy.blackhole(false); // ...and a new one would work
    });
    const sent = burst(alice);
    const waited = await assertDeliveredExactlyOnce([alice, bob], alice, sent);
    assert.ok(alice.proxy.attempts.length >= 2, 'alice gave up the silent connection and made a new one');
    t.diagnostic(`all delivered ${Math.round(waited)} ms after the burst began`);
  });

  test('the receiver\'s connection goes silent at ~100 and never closes: every message once, in order, everywhere', async (t) => {
    const scene = createScene(t);
    const relay = await scene.startRelay();
    const alice = await scene.startClient('alice', relay, QUICK);
    const bob = await scene.startClient('bob', relay, QUICK);
    when(bob, (entries) => entries.length >= 100, () => {
      bob.proxy.blackhole(true);
      bob.proxy.blackhole(false);
    });
    const sent = burst(alice);
    const waited = await assertDeliveredExactlyOnce([alice, bob], alice, sent);
    assert.ok(bob.proxy.attempts.length >= 2, 'bob gave up the silent connection and made a new one');
    t.diagnostic(`all delivered ${Math.round(waited)} ms after the burst began`);
  });
});
