import { expect } from '@open-wc/testing';
import { createProgressPace } from './progress-pace.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('createProgressPace', () => {
  it('shows the first step at once, then at most one step per interval: the newest waiting', async () => {
    const pace = createProgressPace(100);
    const shown: number[] = [];
    pace.paced(() => shown.push(1));
    expect(shown).to.deep.equal([1]);
    for (let step = 2; step <= 5; step++) pace.paced(() => shown.push(step));
    expect(shown, 'steps inside the interval wait').to.deep.equal([1]);
    await sleep(150);
    expect(shown, 'only the newest of the waiting steps').to.deep.equal([1, 5]);
    await sleep(150);
    expect(shown, 'nothing more without new steps').to.deep.equal([1, 5]);
  });

  it('shows a step through now() at once, dropping the paced one waiting', async () => {
    const pace = createProgressPace(100);
    const shown: string[] = [];
    pace.paced(() => shown.push('first'));
    pace.paced(() => shown.push('waiting'));
    pace.now(() => shown.push('done'));
    await sleep(150);
    expect(shown).to.deep.equal(['first', 'done']);
  });

  it('drops a waiting step once stopped: a settled transfer never shows an old step', async () => {
    const pace = createProgressPace(100);
    const shown: string[] = [];
    pace.paced(() => shown.push('first'));
    pace.paced(() => shown.push('late'));
    pace.stop();
    await sleep(150);
    expect(shown).to.deep.equal(['first']);
  });
});
