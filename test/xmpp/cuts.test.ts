// A 300-message burst through a real Prosody while the network cuts one side at message ~100:
// every message once, in order, with the same seq, on both sides. Short cuts are resumed with
// stream management (XEP-0198); longer ones outlast the server's hold on the session, so the
// client enters the room again and fills the gap from the archive while the outbox resends.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertDeliveredExactlyOnce, burst, storedCount, when, type TestClient } from '../delivery/harness.ts';
import { createXmppScene, freshRoom, startTestProsody, type XmppTestClient } from './harness.ts';
import { skipWithoutProsody, type TestProsody } from './prosody.ts';

/** The delivery harness only reads `name` and `store`, which an XMPP client has too. */
const asDelivery = (client: XmppTestClient) => client as unknown as TestClient;

/** Longer than the test server's `smacks_hibernation_time` (3 s): the session cannot be resumed after it. */
const LONGER_THAN_HIBERNATION_MS = 4500;

describe('XMPP delivery through cut connections', { skip: skipWithoutProsody, timeout: 90_000 }, () => {
  let prosody: TestProsody;
  before(async () => (prosody = await startTestProsody()));
  after(() => prosody?.stop());

  for (const side of ['sender', 'receiver'] as const) {
    for (const outage of ['a short cut', 'longer than the server keeps the session'] as const) {
      test(`300-message burst, the ${side}'s connection cut at ~100 (${outage}): every message once, in order, on both`, async (t) => {
        const scene = createXmppScene(t, prosody);
        const room = freshRoom();
        const alice = await scene.startClient('alice', room);
        const bob = await scene.startClient('bob', room);
        const victim = side === 'sender' ? alice : bob;
        let cutAt = -1;
        when(asDelivery(victim), (entries) => (side === 'sender' ? storedCount(entries) : entries.length) >= 100, () => {
          cutAt = side === 'sender' ? storedCount(victim.store.$entries.get()) : victim.store.$entries.get().length;
          if (outage !== 'a short cut') {
            victim.proxy.refuse(true);
            setTimeout(() => victim.proxy.refuse(false), LONGER_THAN_HIBERNATION_MS);
          }
          victim.proxy.cutAll();
        });
        const sent = burst(asDelivery(alice));
        const waited = await assertDeliveredExactlyOnce([asDelivery(alice), asDelivery(bob)], asDelivery(alice), sent, 30_000);
        assert.ok(cutAt >= 100 && victim.proxy.attempts.length >= 2, `the cut happened (at ${cutAt}) and the ${side} reconnected (${victim.proxy.attempts.length} connections)`);
        t.diagnostic(`cut at ${cutAt}; all delivered ${Math.round(waited)} ms after the burst began`);
      });
    }
  }
});
