import { expect } from '@open-wc/testing';
import type { ThreadEntry } from '../../state/types.ts';
import { ArrivalTracker } from './arrivals.ts';
import { conversation, text } from './thread-test-helpers.ts';

const ids = (items: { id?: string; message?: { id: string } }[]) => items.map((item) => item.message?.id ?? item.id);

describe('ArrivalTracker', () => {
  it('reports nothing for the history a thread opens with, then the messages added at the end', () => {
    const tracker = new ArrivalTracker();
    const history = conversation(100);
    expect(tracker.next([])).to.deep.equal([]);
    expect(tracker.next(history)).to.deep.equal([]);
    const added = [text('alice', 'a'), text('bob', 'b')];
    expect(ids(tracker.next([...history, ...added]))).to.deep.equal(ids(added));
  });

  it('does not take older history loaded at the top, or a message updated in place, for arrivals', () => {
    const tracker = new ArrivalTracker();
    const history = conversation(100);
    tracker.next(history);
    expect(tracker.next([...conversation(50), ...history])).to.deep.equal([]);
    const updated = history.map((message, index) => (index === 99 ? { ...message, seq: 5 } : message));
    expect(tracker.next(updated)).to.deep.equal([]);
  });

  it("finds a message stored before ours that is still unsent", () => {
    const tracker = new ArrivalTracker();
    const stored: ThreadEntry[] = conversation(40).map((message) => ({ message, delivery: 'sent', isMine: false }));
    const unsent: ThreadEntry = { message: text('me', 'still sending'), delivery: 'sending', isMine: true };
    tracker.next([...stored, unsent]);
    const fromAlice: ThreadEntry = { message: text('alice', 'meanwhile'), delivery: 'sent', isMine: false };
    expect(ids(tracker.next([...stored, fromAlice, unsent]))).to.deep.equal([fromAlice.message.id]);
  });

  it('reports a large catch-up whole', () => {
    const tracker = new ArrivalTracker();
    const history = conversation(10);
    tracker.next(history);
    const missed = conversation(500, 10);
    expect(tracker.next([...history, ...missed])).to.have.length(500);
  });
});
