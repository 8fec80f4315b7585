import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ChatMessage } from '../../model/message.ts';
import { defineElements } from '../define-elements.ts';
import type { ChatThread } from './chat-thread.ts';
import { atBottom, conversation, entryAt, fileMessage, log, settled, text } from './thread-test-helpers.ts';

defineElements();

async function threadOf(messages: ChatMessage[]): Promise<ChatThread> {
  const thread = await fixture<ChatThread>(html`<chat-thread user-id="me" style="--chat-thread-height: 300px" .messages=${messages}></chat-thread>`);
  await settled(thread);
  return thread;
}

/** The index of the focused message, or `undefined` when focus is not on a message. */
const focusedIndex = (thread: ChatThread) => {
  const active = thread.shadowRoot!.activeElement as HTMLElement | null;
  return active?.classList.contains('entry') ? Number(active.dataset.index) : undefined;
};

const announced = (thread: ChatThread) => thread.shadowRoot!.querySelector('[aria-live="polite"]')!.textContent!.trim();

describe('<chat-thread> keyboard and screen readers', () => {
  it('moves focus between messages with Up and Down, with one roving tab stop', async () => {
    const thread = await threadOf(conversation(200));
    log(thread).focus();
    await sendKeys({ press: 'ArrowUp' });
    await waitUntil(() => focusedIndex(thread) === 199, 'Up from the log focuses the newest message shown');
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowUp' });
    await waitUntil(() => focusedIndex(thread) === 197);
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => focusedIndex(thread) === 198);
    await thread.updateComplete;
    const stops = [...thread.shadowRoot!.querySelectorAll('.entry[tabindex="0"]')].map((entry) => (entry as HTMLElement).dataset.index);
    expect(stops).to.deep.equal(['198']);
  });

  it('goes to the oldest loaded message with Home and back to the newest with End', async () => {
    const thread = await threadOf(conversation(200));
    log(thread).focus();
    await sendKeys({ press: 'ArrowUp' });
    await waitUntil(() => focusedIndex(thread) === 199);
    await sendKeys({ press: 'Home' });
    await waitUntil(() => focusedIndex(thread) === 0, 'Home focuses the oldest message');
    await settled(thread);
    expect(log(thread).scrollTop).to.be.below(2);
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => focusedIndex(thread) === 1);
    await sendKeys({ press: 'End' });
    await waitUntil(() => focusedIndex(thread) === 199, 'End focuses the newest message');
    await atBottom(thread);
  });

  it('hands focus back to the log when the focused message scrolls far out of view', async () => {
    const thread = await threadOf(conversation(200));
    log(thread).focus();
    await sendKeys({ press: 'ArrowUp' });
    await waitUntil(() => focusedIndex(thread) === 199);
    log(thread).scrollTop = 0;
    await settled(thread);
    expect(entryAt(thread, 199)).to.equal(null);
    expect(thread.shadowRoot!.activeElement).to.equal(log(thread));
  });

  it('downloads a file message on Enter, and leaves Enter alone on a text message', async () => {
    const report = { url: 'https://files.example/report.pdf', name: 'report.pdf', size: 1000, mime: 'application/pdf' };
    const thread = await threadOf([fileMessage('alice', [report]), text('alice', 'read it', 1)]);
    let downloads = 0;
    thread.addEventListener('chat-download', () => downloads++);
    entryAt(thread, 1)!.focus();
    await sendKeys({ press: 'Enter' });
    expect(downloads).to.equal(0);

    await sendKeys({ press: 'ArrowUp' });
    await waitUntil(() => focusedIndex(thread) === 0);
    const asked = oneEvent(thread, 'chat-download');
    await sendKeys({ press: 'Enter' });
    const event = await asked;
    expect(event.detail).to.deep.equal({ messageId: thread.messages![0]!.id, index: 0 });
    expect(event.composed).to.equal(true);
  });

  it('announces a new message from someone else, but neither our own nor the history it opened with', async () => {
    const thread = await threadOf(conversation(20));
    expect(announced(thread)).to.equal('');

    thread.messages = [...thread.messages!, text('me', 'my own', 30)];
    await thread.updateComplete;
    expect(announced(thread)).to.equal('');

    thread.messages = [...thread.messages!, text('alice', 'hello', 31)];
    await thread.updateComplete;
    expect(announced(thread)).to.equal('alice: hello');

    const photo = { url: 'https://files.example/photo.jpg', name: 'photo.jpg', size: 1000, mime: 'image/jpeg' };
    thread.messages = [...thread.messages!, { ...fileMessage('bob', [photo], 32), sender: { id: 'bob', name: 'Bob' } }];
    await thread.updateComplete;
    expect(announced(thread)).to.equal('Bob sent photo.jpg');
    // Only the live region speaks: the log does not re-read its rows.
    expect(log(thread).getAttribute('aria-live')).to.equal('off');
  });

  it('passes an accessibility audit while scrolled up with new messages waiting', async () => {
    const thread = await threadOf(conversation(100));
    log(thread).scrollTop = 0;
    await settled(thread);
    thread.messages = [...thread.messages!, text('alice', 'unseen', 200)];
    await settled(thread);
    await expect(thread).to.be.accessible();
  });
});
