import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { ChatMessage } from '../../model/message.ts';
import { defineElements } from '../define-elements.ts';
import type { TextBubble } from './text-bubble.ts';

defineElements();

const createdAt = new Date(2024, 4, 1, 9, 5).getTime();
const message: ChatMessage = { id: 'm1', room: 'r', sender: { id: 'alice', name: 'Alice' }, createdAt, text: 'Hello\nthere' };

const part = (element: TextBubble, name: string) => element.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

describe('<text-bubble>', () => {
  it("shows the sender's name, the text and the time of a message from someone else", async () => {
    const bubble = await fixture<TextBubble>(html`<text-bubble .message=${message}></text-bubble>`);
    expect(part(bubble, 'sender')!.textContent).to.equal('Alice');
    expect(part(bubble, 'text')!.textContent).to.equal('Hello\nthere');
    expect(getComputedStyle(part(bubble, 'text')!).whiteSpace).to.equal('pre-wrap');
    const time = part(bubble, 'time') as HTMLTimeElement;
    expect(time.textContent).to.equal('09:05');
    expect(time.dateTime).to.equal(new Date(createdAt).toISOString());
    expect(part(bubble, 'delivery')).to.equal(null);
  });

  it('falls back to the sender id when there is no name', async () => {
    const bubble = await fixture<TextBubble>(html`<text-bubble .message=${{ ...message, sender: { id: 'bob' } }}></text-bubble>`);
    expect(part(bubble, 'sender')!.textContent).to.equal('bob');
  });

  it('shows markup in a message as the characters typed, never as elements', async () => {
    const text = '<img src=x onerror="window.__chatdropPwned = true"><b>bold</b>';
    const bubble = await fixture<TextBubble>(html`<text-bubble .message=${{ ...message, text }}></text-bubble>`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(part(bubble, 'text')!.textContent).to.equal(text);
    expect(bubble.shadowRoot!.querySelector('img, b')).to.equal(null);
    expect((window as { __chatdropPwned?: boolean }).__chatdropPwned).to.equal(undefined);
  });

  it('marks our own message as mine, without a sender name, with its delivery', async () => {
    const bubble = await fixture<TextBubble>(html`<text-bubble .message=${message} .isMine=${true} delivery="sending"></text-bubble>`);
    expect(bubble.hasAttribute('mine')).to.equal(true);
    expect(part(bubble, 'sender')).to.equal(null);
    expect(part(bubble, 'delivery')!.textContent).to.equal('Sending…');
    bubble.delivery = 'sent';
    await bubble.updateComplete;
    expect(part(bubble, 'delivery')!.textContent).to.equal('Sent');
    expect(part(bubble, 'retry')).to.equal(null);
  });

  it('offers Retry on a message that was not sent, asking to retry that message', async () => {
    const bubble = await fixture<TextBubble>(html`<text-bubble .message=${message} mine delivery="failed"></text-bubble>`);
    expect(part(bubble, 'delivery')!.textContent).to.equal('Not sent');
    const retry = part(bubble, 'retry') as HTMLButtonElement;
    expect(retry.tagName).to.equal('BUTTON');
    expect(retry.textContent).to.equal('Retry');
    setTimeout(() => retry.click());
    const event = await oneEvent(bubble, 'chat-retry');
    expect(event.detail).to.deep.equal({ messageId: 'm1' });
    expect(event.bubbles && event.composed).to.equal(true);
  });

  it('shows a message with an impossible time without the time', async () => {
    const bubble = await fixture<TextBubble>(html`<text-bubble .message=${{ ...message, createdAt: Number.MAX_SAFE_INTEGER }}></text-bubble>`);
    expect(part(bubble, 'text')!.textContent).to.equal('Hello\nthere');
    expect(part(bubble, 'time')).to.equal(null);
  });

  it('passes an accessibility audit', async () => {
    const bubble = await fixture<TextBubble>(html`<text-bubble .message=${message} mine delivery="failed"></text-bubble>`);
    await expect(bubble).to.be.accessible();
  });
});
