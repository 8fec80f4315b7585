import { expect, waitUntil } from '@open-wc/testing';
import { deferElement, needElement } from './lazy-elements.ts';

describe('deferred elements', () => {
  it('load on the first need only, and again after their code failed to load', async () => {
    let attempts = 0;
    class LaterThing extends HTMLElement {}
    deferElement('later-thing', async () => {
      attempts++;
      if (attempts === 1) throw new TypeError('Failed to fetch dynamically imported module');
      return LaterThing;
    });
    expect(attempts, 'nothing loads before it is needed').to.equal(0);
    const logged: unknown[] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => logged.push(args);
    try {
      needElement('later-thing');
      await waitUntil(() => logged.length === 1, 'the failure reported');
    } finally {
      console.error = consoleError;
    }
    expect(customElements.get('later-thing')).to.equal(undefined);
    needElement('later-thing');
    await waitUntil(() => customElements.get('later-thing') === LaterThing, 'defined on the second need');
    needElement('later-thing');
    expect(attempts, 'a defined element never loads again').to.equal(2);
  });

  it('leave alone a tag that is already defined', () => {
    class DefinedThing extends HTMLElement {}
    customElements.define('defined-thing', DefinedThing);
    let loads = 0;
    deferElement('defined-thing', async () => (loads++, DefinedThing));
    needElement('defined-thing');
    expect(loads).to.equal(0);
  });
});
