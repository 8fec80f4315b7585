import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import type { Attachment } from '../../model/message.ts';
import { describeFile } from '../../upload/describe-file.ts';
import { makeRandomFile } from '../../../test/helpers/files.ts';
import { canRecordWebm, makeWav, makeWebm } from '../../../test/helpers/media.ts';
import { defineElements } from '../define-elements.ts';
import { bubble, part } from './file-bubble.test-helpers.ts';

defineElements();

/** The attachment a sender's `file` becomes: its description, and a URL. */
async function attachmentOf(file: File): Promise<Attachment> {
  return { url: `https://files.example/${file.name}`, name: file.name, size: file.size, mime: file.type, ...(await describeFile(file)) };
}

/** Clicks a part as a person does (a real click: the page gets user activation, which playing with sound needs). */
async function clickPart(element: HTMLElement, name: string) {
  const { x, y, width, height } = part(element, name)!.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(x + width / 2), Math.round(y + height / 2)] });
}

const box = (element: HTMLElement) => part(element, 'player')!.closest('.media')!.getBoundingClientRect();

describe('<file-bubble> video and audio', () => {
  before(function () {
    if (!canRecordWebm()) this.skip();
  });

  it('plays our own video in place on one click, at the size its poster had: the bubble does not jump', async () => {
    const file = await makeWebm(1500, 320, 180);
    const attachment = await attachmentOf(file);
    const element = await bubble({ attachment, isMine: true, download: { status: 'done', received: file.size, blob: file, isLocal: true } });
    const before = box(element);
    expect(before.width).to.equal(240);
    expect(before.height).to.be.closeTo(135, 1);
    const video = part<HTMLVideoElement>(element, 'player')!;
    expect(video.controls, 'a poster with a play button, not shrunk controls').to.equal(false);
    await clickPart(element, 'play');
    await waitUntil(() => !video.paused && video.currentTime > 0.2, 'the video plays', { timeout: 4000 });
    expect(part(element, 'play'), 'the play button makes way for the controls').to.equal(null);
    const after = box(element);
    expect([after.width, after.height]).to.deep.equal([before.width, before.height]);
  });

  it('fetches a received video on one click (not saved) and plays it as soon as it arrives', async () => {
    const file = await makeWebm(1200, 320, 180);
    const attachment = await attachmentOf(file);
    const element = await bubble({ attachment });
    expect(part<HTMLImageElement>(element, 'thumbnail')!.getAttribute('src'), 'its poster').to.equal(attachment.thumbnail);
    setTimeout(() => void clickPart(element, 'play'));
    expect((await oneEvent(element, 'chat-play')).detail).to.deep.equal({ messageId: 'm1', index: 0 });
    element.download = { status: 'done', received: file.size, blob: file };
    await element.updateComplete;
    const video = part<HTMLVideoElement>(element, 'player')!;
    await waitUntil(() => !video.paused && video.currentTime > 0.2, 'the video plays', { timeout: 4000 });
    expect(part(element, 'download')!.title, 'played, not saved: saving stays its own action').to.equal('Save');
    expect(element.shadowRoot!.textContent).to.not.include('Downloaded');
  });

  it('shows how long a sound plays before any download, with a play button', async () => {
    const attachment = await attachmentOf(makeWav(7, 'voice.wav'));
    expect(attachment.durationMs).to.be.closeTo(7000, 50);
    const element = await bubble({ attachment });
    expect(part(element, 'duration')!.textContent).to.equal('0:07');
    expect(element.shadowRoot!.querySelector('audio'), 'nothing fetched yet').to.equal(null);
    setTimeout(() => part<HTMLButtonElement>(element, 'play')!.click());
    await oneEvent(element, 'chat-play');
  });
});

describe('<file-bubble> pictures the browser cannot decode', () => {
  for (const [name, mime] of [['IMG_0001.heic', 'image/heic'], ['broken.png', 'image/png']] as const) {
    it(`shows ${name} as a clean file, its name and size, never a broken image`, async () => {
      const blob = makeRandomFile(name, 20_000, mime);
      const attachment: Attachment = { url: `https://files.example/${name}`, name, size: blob.size, mime };
      const element = await bubble({ attachment, isMine: true, download: { status: 'done', received: blob.size, blob, isLocal: true } });
      await waitUntil(() => element.shadowRoot!.querySelector('img') === null, 'the picture that did not decode is gone', { timeout: 3000 });
      expect(part(element, 'icon')).to.not.equal(null);
      expect(part(element, 'name')!.textContent).to.equal(name);
      expect(part(element, 'size')!.textContent).to.equal('20 KB');
    });
  }
});
