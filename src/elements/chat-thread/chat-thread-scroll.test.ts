import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { defineElements } from '../define-elements.ts';
import type { ChatThread } from './chat-thread.ts';
import { atBottom, conversation, distanceFromBottom, entries, firstVisible, frames, log, offsetOf, pill, settled, text } from './thread-test-helpers.ts';

defineElements();

const threadOf = (messages: ReturnType<typeof conversation>) =>
  fixture<ChatThread>(html`<chat-thread user-id="me" style="--chat-thread-height: 300px" .messages=${messages}></chat-thread>`);

/** Scrolls the log as a reader would, and lets the virtualizer catch up. */
async function scrollTo(thread: ChatThread, top: number): Promise<void> {
  log(thread).scrollTop = top;
  await settled(thread);
}

describe('<chat-thread> scrolling', () => {
  it('opens at the newest of 1,000 messages, rendering only the rows near the viewport', async () => {
    const thread = await threadOf(conversation(1000));
    await atBottom(thread);
    await settled(thread);
    expect(distanceFromBottom(log(thread))).to.be.below(2);
    expect(entries(thread).length).to.be.within(1, 100);
    expect(thread.shadowRoot!.querySelectorAll('text-bubble').length).to.be.below(100);
  });

  it('opens at the newest message when shown after rendering hidden (a closed chat window)', async () => {
    const thread = await fixture<ChatThread>(html`<chat-thread hidden user-id="me" style="--chat-thread-height: 300px" .messages=${conversation(500)}></chat-thread>`);
    await settled(thread);
    thread.hidden = false;
    await atBottom(thread);
    await settled(thread);
    expect(distanceFromBottom(log(thread))).to.be.below(2);
  });

  it('stays at the newest message as messages arrive', async () => {
    const thread = await threadOf(conversation(200));
    await atBottom(thread);
    for (let i = 0; i < 5; i++) {
      thread.messages = [...thread.messages!, text('alice', `new ${i}\nwith a second line`, 300 + i)];
      await atBottom(thread, `follows arrival ${i}`);
    }
    expect(pill(thread)).to.equal(null);
  });

  it('leaves a reader who scrolled up where they are, counts new messages, and the button brings them back', async () => {
    const thread = await threadOf(conversation(200));
    await atBottom(thread);
    await scrollTo(thread, log(thread).scrollTop - 1500);
    const before = firstVisible(thread);

    thread.messages = [...thread.messages!, text('alice', 'one', 300), text('bob', 'two', 301)];
    await settled(thread);
    thread.messages = [...thread.messages!, text('alice', 'three', 302)];
    await settled(thread);

    expect(firstVisible(thread)).to.deep.equal(before);
    expect(pill(thread)?.textContent?.trim()).to.equal('3 new messages');
    pill(thread)!.click();
    await atBottom(thread, 'the button jumps to the newest message');
    await thread.updateComplete;
    expect(pill(thread)).to.equal(null);
    expect(thread.shadowRoot!.activeElement).to.equal(log(thread));
  });

  it('moves the content by exactly what the reader scrolls, while rows of unknown height appear above', async () => {
    const messages = conversation(1000).map((message, i) => (i % 4 === 0 ? { ...message, text: `${message.text}\nand\nmore\nlines` } : message));
    const thread = await threadOf(messages);
    await atBottom(thread);
    for (let step = 0; step < 40; step++) {
      const before = firstVisible(thread);
      log(thread).scrollTop -= 60;
      await frames(2);
      expect(offsetOf(thread, before.index), `step ${step}`).to.be.closeTo(before.offset + 60, 1.5);
    }
  });

  it('lets the reader scroll up while messages pour in', async () => {
    const thread = await threadOf(conversation(500));
    await atBottom(thread);
    let minute = 1000;
    const arriving = setInterval(() => (thread.messages = [...thread.messages!, text('alice', `burst ${minute}`, minute++)]), 10);
    try {
      await frames(5);
      // The wheel turns; the log scrolls; its scroll event comes a frame later, after more arrivals.
      log(thread).dispatchEvent(new WheelEvent('wheel', { deltaY: -400, bubbles: true }));
      log(thread).scrollTop -= 400;
      await frames(10);
      expect(distanceFromBottom(log(thread))).to.be.above(300);
      expect(pill(thread)).to.not.equal(null);
    } finally {
      clearInterval(arriving);
    }
  });

  it('brings the reader back when they send a message of their own', async () => {
    const thread = await threadOf(conversation(200));
    await atBottom(thread);
    await scrollTo(thread, 0);
    thread.messages = [...thread.messages!, text('me', 'mine', 300)];
    await atBottom(thread, 'a message of ours brings the reader back');
  });

  it('jumps to the newest message on End', async () => {
    const thread = await threadOf(conversation(200));
    await atBottom(thread);
    await scrollTo(thread, 0);
    thread.messages = [...thread.messages!, text('alice', 'unseen', 300)];
    await settled(thread);
    log(thread).dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true, composed: true }));
    await atBottom(thread, 'End jumps to the newest message');
    await thread.updateComplete;
    expect(pill(thread)).to.equal(null);
  });

  it('asks for older messages at the top and keeps the message being read in place when they come', async () => {
    const first = conversation(100, 1000);
    const thread = await threadOf(first);
    await atBottom(thread);
    const asked = oneEvent(thread, 'chat-load-older');
    await scrollTo(thread, 30);
    expect((await asked).detail).to.deep.equal({ messageId: first[0]!.id });
    const before = firstVisible(thread);
    expect(before.index).to.be.below(3);

    thread.messages = [...conversation(50, 900), ...first];
    await settled(thread);
    const after = firstVisible(thread);
    expect(after.index).to.equal(before.index + 50);
    expect(after.offset).to.be.closeTo(before.offset, 1);
    expect(offsetOf(thread, before.index + 50)).to.be.closeTo(before.offset, 1);
  });

  it('asks once per oldest message, not on every scroll at the top', async () => {
    const thread = await threadOf(conversation(100));
    await atBottom(thread);
    let asked = 0;
    thread.addEventListener('chat-load-older', () => asked++);
    await scrollTo(thread, 0);
    await scrollTo(thread, 400);
    await scrollTo(thread, 0);
    expect(asked).to.equal(1);
  });

  it('asks for older messages at once when the few it has do not fill the log', async () => {
    const messages = conversation(2);
    const asked = new Promise<Event>((resolve) => document.addEventListener('chat-load-older', resolve, { once: true }));
    await threadOf(messages);
    expect(((await asked) as CustomEvent).detail).to.deep.equal({ messageId: messages[0]!.id });
  });
});
