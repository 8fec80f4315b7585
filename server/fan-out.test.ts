import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { createFanOut } from './fan-out.ts';

describe('createFanOut', () => {
  test('runs a job at once while nothing waits and the turn has sends to spare', () => {
    const fanOut = createFanOut(100);
    const sent: string[] = [];
    fanOut.add('a', 10, () => sent.push('a1'));
    fanOut.add('b', 10, () => sent.push('b1'));
    assert.deepEqual(sent, ['a1', 'b1']);
  });

  test("a flooded room's fan-out does not hold another room's message behind all of it; each room keeps its order", async () => {
    const fanOut = createFanOut(100);
    const sent: string[] = [];
    // 20 messages to 40 members: 800 sends, eight turns' worth.
    for (let index = 1; index <= 20; index++) fanOut.add('flooded', 40, () => sent.push(`flooded ${index}`));
    fanOut.add('quiet', 1, () => sent.push('quiet'));
    assert.deepEqual(sent, ['flooded 1', 'flooded 2', 'flooded 3'], 'this turn: up to its 100 sends');
    await nextTurn();
    assert.ok(sent.includes('quiet'), `the quiet room's message went out in the next turn: ${sent.join(', ')}`);
    assert.ok(sent.indexOf('quiet') <= 4, `right after the flooded room's next message: ${sent.join(', ')}`);
    for (let turn = 0; turn < 10; turn++) await nextTurn();
    assert.deepEqual(
      sent.filter((each) => each.startsWith('flooded')),
      Array.from({ length: 20 }, (_, index) => `flooded ${index + 1}`),
      'every flooded message went out, in order',
    );
  });

  test('flush runs everything queued at once', () => {
    const fanOut = createFanOut(10);
    const sent: number[] = [];
    for (let index = 0; index < 5; index++) fanOut.add('room', 10, () => sent.push(index));
    assert.deepEqual(sent, [0]);
    fanOut.flush();
    assert.deepEqual(sent, [0, 1, 2, 3, 4]);
  });
});
