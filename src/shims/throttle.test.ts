import { expect } from '@open-wc/testing';
import throttle from './throttle.ts';

const WAIT_MS = 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A throttled recorder: the arguments and times (ms) of each run. */
function recorder() {
  const runs: Array<{ value: number; at: number }> = [];
  const throttled = throttle((value: number) => void runs.push({ value, at: performance.now() }), WAIT_MS, { leading: true, trailing: true });
  return { runs, throttled };
}

describe('the lodash/throttle shim', () => {
  it('runs the first call at once, and the last of the calls held back once the wait is over', async () => {
    const { runs, throttled } = recorder();
    throttled(1);
    throttled(2);
    throttled(3);
    expect(runs.map((run) => run.value)).to.deep.equal([1]);
    await sleep(WAIT_MS * 2);
    expect(runs.map((run) => run.value)).to.deep.equal([1, 3]);
    await sleep(WAIT_MS * 2);
    expect(runs).to.have.length(2);
  });

  it('never runs twice within the wait, however often it is called', async () => {
    const { runs, throttled } = recorder();
    const until = performance.now() + WAIT_MS * 3.5;
    let value = 0;
    while (performance.now() < until) {
      throttled(++value);
      await sleep(5);
    }
    await sleep(WAIT_MS * 2);
    expect(runs.length).to.be.within(4, 5);
    expect(runs.at(-1)!.value).to.equal(value);
    for (let index = 1; index < runs.length; index++) expect(runs[index]!.at - runs[index - 1]!.at).to.be.at.least(WAIT_MS - 1);
  });

  it('runs at once again after a quiet wait', async () => {
    const { runs, throttled } = recorder();
    throttled(1);
    await sleep(WAIT_MS * 1.5);
    throttled(2);
    expect(runs.map((run) => run.value)).to.deep.equal([1, 2]);
  });

  it('refuses to throttle on one edge only rather than ignore it', () => {
    expect(() => throttle(() => {}, WAIT_MS, { leading: false })).to.throw(TypeError);
    expect(() => throttle(() => {}, WAIT_MS, { trailing: false })).to.throw(TypeError);
  });
});
