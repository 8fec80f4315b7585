import { expect } from '@open-wc/testing';
import { loadOnce } from './load-once.ts';

/** A load that can be settled by hand, counting its runs. */
function manualLoad() {
  const runs: Array<{ resolve(value: string): void; reject(error: Error): void }> = [];
  const load = () => new Promise<string>((resolve, reject) => runs.push({ resolve, reject }));
  return { load, runs };
}

describe('loadOnce', () => {
  it('runs nothing until first called', () => {
    const { load, runs } = manualLoad();
    loadOnce(load);
    expect(runs).to.have.length(0);
  });

  it('shares one load among calls made while it is pending', async () => {
    const { load, runs } = manualLoad();
    const need = loadOnce(load);
    const [first, second] = [need(), need()];
    expect(runs).to.have.length(1);
    expect(second).to.equal(first);
    runs[0]!.resolve('code');
    expect(await Promise.all([first, second])).to.deep.equal(['code', 'code']);
  });

  it('keeps a success: later calls get it without loading again', async () => {
    const { load, runs } = manualLoad();
    const need = loadOnce(load);
    const first = need();
    runs[0]!.resolve('code');
    await first;
    expect(await need()).to.equal('code');
    expect(runs).to.have.length(1);
  });

  it('forgets a failure: every caller of the failed load sees it, and the next call loads again', async () => {
    const { load, runs } = manualLoad();
    const need = loadOnce(load);
    const [first, second] = [need(), need()];
    runs[0]!.reject(new TypeError('Failed to fetch dynamically imported module'));
    for (const failed of [first, second]) {
      const error = await failed.then(() => undefined, (reason: unknown) => reason);
      expect(error).to.be.instanceOf(TypeError);
    }
    const again = need();
    expect(runs).to.have.length(2);
    runs[1]!.resolve('code');
    expect(await again).to.equal('code');
    expect(await need()).to.equal('code');
    expect(runs).to.have.length(2);
  });
});
