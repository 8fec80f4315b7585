// The relay cuts history pages to its byte limit (HISTORY_PAGE_BYTES): a client that joins late
// still gets every older message by scrolling back, and never takes a short page for the end.
// Run with `node --experimental-websocket --import tsx --test test/delivery/*.test.ts`.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { until } from '../helpers/files.ts';
import { burst, createScene, requireGlobalWebSocket, storedCount } from './harness.ts';

before(requireGlobalWebSocket);

describe('history pages cut to the relay’s byte limit', { timeout: 30_000 }, () => {
  test('a late joiner scrolls back through every message, page by short page, to the first', async (t) => {
    const scene = createScene(t);
    // About 20 of the burst's messages fit a page.
    const relay = await scene.startRelay({ limits: { historyPageBytes: 4000 } });
    const alice = await scene.startClient('alice', relay);
    burst(alice, 120);
    await until(() => storedCount(alice.store.$entries.get()) === 120, 15_000, 'all 120 stored');

    const late = await scene.startClient('late', relay);
    const pages: number[] = [];
    while (late.store.$hasOlder.get() && pages.length < 60) pages.push(await late.store.loadOlder(50));
    const seqs = late.store.$entries.get().map((entry) => entry.message.seq);
    assert.deepEqual(seqs, Array.from({ length: 120 }, (_, index) => index + 1), `pages: ${pages.join(', ')}`);
    assert.ok(pages.some((count) => count > 0 && count < 50), `some pages were cut short: ${pages.join(', ')}`);
  });
});
