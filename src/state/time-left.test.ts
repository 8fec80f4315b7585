import { expect } from '@open-wc/testing';
import { createTimeLeft } from './time-left.ts';

/** A clock the test moves. */
function clock() {
  let time = 0;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

describe('createTimeLeft', () => {
  it('tells nothing in the first second, then the time left at the steady rate', () => {
    const { now, advance } = clock();
    const timeLeft = createTimeLeft(now);
    const total = 10_000_000;
    expect(timeLeft.update(0, total)).to.equal(undefined);
    let sent = 0;
    const estimates: Array<number | undefined> = [];
    for (let step = 0; step < 20; step++) {
      advance(250);
      sent += 250_000; // 1 MB/s
      estimates.push(timeLeft.update(sent, total));
    }
    expect(estimates.slice(0, 3), 'the first second').to.deep.equal([undefined, undefined, undefined]);
    // 5 MB sent at 1 MB/s: 5 s left.
    expect(estimates.at(-1)).to.be.closeTo(5000, 1);
  });

  it('follows a link that slows down without swinging on one pause, and never goes below zero', () => {
    const { now, advance } = clock();
    const timeLeft = createTimeLeft(now);
    const total = 4_000_000;
    let sent = 0;
    timeLeft.update(sent, total);
    for (let step = 0; step < 8; step++) {
      advance(250);
      timeLeft.update((sent += 250_000), total); // 1 MB/s
    }
    advance(500); // a pause: no bytes
    const afterPause = timeLeft.update(sent, total)!;
    expect(afterPause, 'one pause does not make it endless').to.be.below(6000);
    for (let step = 0; step < 40; step++) {
      advance(250);
      timeLeft.update((sent += 25_000), total); // 100 KB/s
    }
    const slowed = timeLeft.update(sent, total)!;
    // 1 MB left at about 100 KB/s: about 10 s (the average has mostly caught up).
    expect(slowed).to.be.within(8000, 14000);
    advance(250);
    expect(timeLeft.update(total, total)).to.equal(0);
  });

  it('starts over when progress goes back (a retry)', () => {
    const { now, advance } = clock();
    const timeLeft = createTimeLeft(now);
    timeLeft.update(0, 1000);
    for (let step = 0; step < 6; step++) {
      advance(250);
      timeLeft.update((step + 1) * 100, 1000);
    }
    expect(timeLeft.update(600, 1000)).to.not.equal(undefined);
    advance(250);
    expect(timeLeft.update(0, 1000)).to.equal(undefined);
    advance(250);
    expect(timeLeft.update(100, 1000)).to.equal(undefined);
  });
});
