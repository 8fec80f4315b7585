import { expect, fixture, html } from '@open-wc/testing';
import type { Attachment, ChatMessage } from '../../model/message.ts';
import { dayLabel } from '../day-label.ts';
import { defineElements } from '../define-elements.ts';
import type { FileBubble } from '../file-bubble/file-bubble.ts';
import type { ChatThread } from './chat-thread.ts';
import { all, entries, fileMessage, frames, settled, text } from './thread-test-helpers.ts';

defineElements();

const DAY = 24 * 60 * 60_000;

/** A message from `sender` at `time` (ms). */
const at = (sender: string, body: string, time: number): ChatMessage => ({ ...text(sender, body), createdAt: time });

async function threadOf(messages: ChatMessage[], downloads = {}): Promise<ChatThread> {
  const thread = await fixture<ChatThread>(html`<chat-thread user-id="me" style="--chat-thread-height: 500px" .messages=${messages} .downloads=${downloads}></chat-thread>`);
  await settled(thread);
  return thread;
}

/** A picture drawn on a canvas, as PNG bytes or a data URL. */
function picture(width: number, height: number): HTMLCanvasElement {
  const canvas = Object.assign(document.createElement('canvas'), { width, height });
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#7cc4ff';
  context.fillRect(0, 0, width, height);
  return canvas;
}

describe('<chat-thread> rows', () => {
  it('separates days with "Today", "Yesterday" and the date', async () => {
    const today = new Date();
    today.setHours(12, 0, 0, 0);
    const noon = today.getTime();
    const thread = await threadOf([
      at('alice', 'last week', noon - 6 * DAY),
      at('alice', 'last week, later', noon - 6 * DAY + 60_000),
      at('alice', 'yesterday', noon - DAY),
      at('me', 'today', noon),
      at('alice', 'today too', noon + 60_000),
    ]);
    const days = all(thread, '[part="day"]').map((day) => day.textContent!.trim());
    expect(days).to.deep.equal([dayLabel(noon - 6 * DAY), 'Yesterday', 'Today']);
    expect(days[0]).to.equal(new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: new Date(noon - 6 * DAY).getFullYear() === today.getFullYear() ? undefined : 'numeric' }).format(noon - 6 * DAY));
    expect(all(thread, '[part="day"] time')[2]!.getAttribute('datetime')).to.match(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("names the sender once for consecutive messages within five minutes, and never names ours", async () => {
    const thread = await threadOf([
      text('alice', 'one', 0),
      text('alice', 'two', 3),
      text('alice', 'three, much later', 9),
      text('bob', 'four', 10),
      text('me', 'five', 11),
      text('me', 'six', 12),
      text('bob', 'seven', 13),
    ]);
    const shown = all<HTMLElement>(thread, '[part="sender"]:not(.visually-hidden)').map((name) => name.textContent);
    expect(shown).to.deep.equal(['alice', 'alice', 'bob', 'bob']);
    // A continued message keeps its sender's name for screen readers.
    const hidden = all<HTMLElement>(thread, '[part="sender"].visually-hidden').map((name) => name.textContent);
    expect(hidden).to.deep.equal(['alice']);
    // The bubble's own name would repeat the thread's: it is hidden.
    const bubbleName = all(thread, 'text-bubble')[0]!.shadowRoot!.querySelector<HTMLElement>('[part="sender"]')!;
    expect(getComputedStyle(bubbleName).display).to.equal('none');
  });

  it("reserves an image's space from its width and height: the row keeps its height as the thumbnail, then the image, load", async () => {
    // A 6000 × 4000 photo whose thumbnail was rounded to 64 × 43, as the thumbnail maker does.
    const photo: Attachment = {
      url: 'https://files.example/photo.jpg', name: 'photo.jpg', size: 3_000_000, mime: 'image/jpeg',
      width: 6000, height: 4000, thumbnail: picture(64, 43).toDataURL('image/png'),
    };
    const message = fileMessage('alice', [photo]);
    const thread = await fixture<ChatThread>(html`<chat-thread style="--chat-thread-height: 500px" .messages=${[message]}></chat-thread>`);
    await thread.updateComplete;
    const row = () => entries(thread)[0]!.parentElement!.getBoundingClientRect().height;
    const bubble = () => all<FileBubble>(thread, 'file-bubble')[0]!;
    // The picture on top: the best one there is (the full image over the thumbnail until it is decoded).
    const image = () => bubble().shadowRoot!.querySelector<HTMLImageElement>('img[part="thumbnail"]')!;
    await bubble().updateComplete;
    await image().decode();
    await frames(2);
    // The thumbnail (a data URL, there at once) shows in the declared 3:2 box, not in its own rounded ratio.
    const box = image().getBoundingClientRect();
    expect(box.height).to.be.above(100);
    expect(box.height).to.be.closeTo((box.width * 4000) / 6000, 0.5);

    // The downloaded image (not quite the declared ratio) replaces the thumbnail in the same box.
    const full = await new Promise<Blob>((resolve) => picture(601, 400).toBlob((blob) => resolve(blob!), 'image/png'));
    thread.downloads = { [`${message.id}/0`]: { status: 'done', received: full.size, total: full.size, blob: full } };
    await thread.updateComplete;
    await bubble().updateComplete;
    expect(image().complete, 'measured before the image loaded').to.equal(false);
    const beforeImage = row();
    await image().decode();
    await frames(2);
    const withImage = row();
    expect(image().src).to.match(/^blob:/);
    expect(withImage).to.be.closeTo(beforeImage, 0.5);
    expect(image().getBoundingClientRect().height).to.be.closeTo(box.height, 0.5);
  });
});
