import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { createFanOut } from './fan-out.ts';

/** A clock that moves only when a send says it took time. */
function fakeClock() {
  let time = 0;
  return { now: () => time, spend: (ms: number) => (time += ms) };
}

describe('createFanOut', () => {
  test('runs a job at once while nothing waits and the turn has time left', () => {
    const clock = fakeClock();
    const fanOut = createFanOut({ turnMs: 4, now: clock.now });
    const sent: string[] = [];
    fanOut.add('a', () => sent.push('a1'));
    fanOut.add('b', () => sent.push('b1'));
    assert.deepEqual(sent, ['a1', 'b1']);
  });

  test("a flooded room's fan-out does not hold another room's message behind all of it; each room keeps its order", async () => {
    const clock = fakeClock();
    const fanOut = createFanOut({ turnMs: 4, now: clock.now });
    const sent: string[] = [];
    // 20 messages whose sends take 1.5 ms each: 30 ms of sends, eight turns' worth.
    for (let index = 1; index <= 20; index++) {
      fanOut.add('flooded', () => {
        clock.spend(1.5);
        sent.push(`flooded ${index}`);
      });
    }
    assert.deepEqual(sent, ['flooded 1', 'flooded 2', 'flooded 3'], 'this turn: until its 4 ms are spent');
    fanOut.add('quiet', () => sent.push('quiet'));
    assert.deepEqual(sent.at(-1), 'quiet', "a quiet room's first message of the turn goes out at once, ahead of the flooded room's waiting ones");
    fanOut.add('quiet', () => sent.push('quiet again'));
    assert.ok(!sent.includes('quiet again'), 'its second, once the turn is spent, waits its turn');
    await nextTurn();
    assert.deepEqual(sent.slice(4), ['flooded 4', 'quiet again', 'flooded 5', 'flooded 6'], 'the next turn: the rooms take turns');
    for (let turn = 0; turn < 10; turn++) await nextTurn();
    assert.deepEqual(
      sent.filter((each) => each.startsWith('flooded')),
      Array.from({ length: 20 }, (_, index) => `flooded ${index + 1}`),
      'every flooded message went out, in order',
    );
  });

  test('flush runs everything queued at once', () => {
    const clock = fakeClock();
    const fanOut = createFanOut({ turnMs: 4, now: clock.now });
    const sent: number[] = [];
    for (let index = 0; index < 5; index++) {
      fanOut.add('room', () => {
        clock.spend(5);
        sent.push(index);
      });
    }
    assert.deepEqual(sent, [0]);
    fanOut.flush();
    assert.deepEqual(sent, [0, 1, 2, 3, 4]);
  });
});
