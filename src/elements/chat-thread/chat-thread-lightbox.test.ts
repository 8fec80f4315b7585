// The thread opens its lightbox when an image bubble is activated, over every image of the
// loaded messages in order, and gives focus back to the bubble when it closes. The code doing it
// comes with the first file the thread shows (`thread-files.ts`, beside the thread).
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ChatThread } from './chat-thread.ts';
import { fileMessage, settled, text } from './thread-test-helpers.ts';
import { defineElements } from '../define-elements.ts';
import { emit } from '../events.ts';
import { photo, pixelBlob, report } from '../file-bubble/file-bubble.test-helpers.ts';
import type { ChatLightbox } from '../lightbox/chat-lightbox.ts';

defineElements();

const image = (name: string) => ({ ...photo, name });
const messages = [
  fileMessage('alice', [image('a.png')], 0),
  text('alice', 'and two more', 1),
  fileMessage('me', [image('b.png'), report], 2),
  fileMessage('alice', [image('c.png')], 3),
];

async function thread() {
  const element = await fixture<ChatThread>(html`<chat-thread user-id="me" style="--chat-thread-height: 600px" .messages=${messages}></chat-thread>`);
  await settled(element);
  return element;
}

const lightboxOf = (element: ChatThread) => element.shadowRoot!.querySelector<ChatLightbox>('chat-lightbox');
const bubbles = (element: ChatThread) => [...element.shadowRoot!.querySelectorAll('file-bubble')];
const openButton = (bubble: Element) => bubble.shadowRoot!.querySelector<HTMLButtonElement>('[part="open"]')!;
const label = (lightbox: ChatLightbox) => lightbox.shadowRoot!.querySelector('dialog')!.getAttribute('aria-label');

describe('<chat-thread> with its lightbox', () => {
  it('takes an image activated while its file code is still loading: handled at once, the lightbox opens once the code is there', async () => {
    const element = await fixture<ChatThread>(html`<chat-thread user-id="me" style="--chat-thread-height: 600px" .messages=${messages}></chat-thread>`);
    const c = bubbles(element).find((bubble) => bubble.attachment?.name === 'c.png')!;
    const isHandled = !emit(c, 'chat-open-image', { messageId: messages[3]!.id, index: 0 });
    expect(isHandled, 'the thread prevents the default at once').to.equal(true);
    await waitUntil(() => lightboxOf(element), 'the lightbox opens');
    await lightboxOf(element)!.updateComplete;
    expect(label(lightboxOf(element)!)).to.equal('c.png, 3 of 3');
  });

  it("opens on an image's bubble among the thread's images, steps through them, and Escape gives focus back to the bubble", async () => {
    const element = await thread();
    const b = bubbles(element).find((bubble) => bubble.attachment?.name === 'b.png')!;
    openButton(b).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => lightboxOf(element), 'the lightbox opens');
    const lightbox = lightboxOf(element)!;
    await lightbox.updateComplete;
    expect(lightbox.images.map((shown) => shown.attachment.name)).to.deep.equal(['a.png', 'b.png', 'c.png']);
    expect(label(lightbox)).to.equal('b.png, 2 of 3');
    await expect(element).to.be.accessible();

    await sendKeys({ press: 'ArrowRight' });
    await lightbox.updateComplete;
    expect(label(lightbox)).to.equal('c.png, 3 of 3');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => lightboxOf(element) === null, 'the lightbox closes');
    await waitUntil(() => element.shadowRoot!.activeElement === b && b.shadowRoot!.activeElement === openButton(b), 'focus is back on the bubble');
  });

  it('shows the full image the thread has downloaded, and its Download asks the host through the thread', async () => {
    const element = await thread();
    const [a] = bubbles(element);
    openButton(a!).click();
    await waitUntil(() => lightboxOf(element), 'the lightbox opens');
    const lightbox = lightboxOf(element)!;
    await lightbox.updateComplete;
    const download = lightbox.shadowRoot!.querySelector<HTMLButtonElement>('[part="download"]')!;
    setTimeout(() => download.click());
    const asked = await oneEvent(element, 'chat-download');
    expect([asked.detail, asked.composed]).to.deep.equal([{ messageId: messages[0]!.id, index: 0 }, true]);

    element.downloads = { [`${messages[0]!.id}/0`]: { status: 'done', received: 1, blob: pixelBlob() } };
    await element.updateComplete;
    await lightbox.updateComplete;
    expect(lightbox.shadowRoot!.querySelector('img')!.getAttribute('src')).to.match(/^blob:/);
  });
});
