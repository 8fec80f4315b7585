// A picture (or a video's poster) shows alone, as in WhatsApp and Slack: no line of name, size and
// type under it; its name labels it; its one action sits over it; its transfers still show.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { defineElements } from '../define-elements.ts';
import type { FileBubble } from './file-bubble.ts';
import { bubble, clip, part, photo, pixelBlob, report } from './file-bubble.test-helpers.ts';

defineElements();

/** The words a sighted reader sees in the bubble (hidden text left out, visually hidden labels in). */
const visibleText = (element: FileBubble) => part(element, 'bubble')!.innerText;

/** Whether `inner` lies wholly over `outer` on the screen. */
function liesOver(inner: Element, outer: Element): boolean {
  const [a, b] = [inner.getBoundingClientRect(), outer.getBoundingClientRect()];
  return a.width > 0 && a.left >= b.left && a.right <= b.right && a.top >= b.top && a.bottom <= b.bottom;
}

describe('<file-bubble> pictures shown alone', () => {
  it('shows a received photo with no name, size or type under it; the name is its accessible name, tooltip and label', async () => {
    const element = await bubble({ attachment: photo });
    for (const text of ['beach.png', '1.5 MB', 'image/png']) expect(visibleText(element)).to.not.include(text);
    for (const name of ['name', 'size', 'type']) expect(part(element, name), name).to.equal(null);
    expect(part<HTMLImageElement>(element, 'thumbnail')!.alt).to.equal('beach.png');
    expect(part(element, 'open')!.title).to.equal('beach.png');
    expect(part(element, 'bubble')!.getAttribute('aria-label')).to.equal('beach.png');
    await expect(element).to.be.accessible();
  });

  it('offers saving a photo as one small button over its corner, raising the download', async () => {
    const element = await bubble({ attachment: photo, index: 2 });
    const download = part<HTMLButtonElement>(element, 'download')!;
    expect(download.title).to.equal('Download');
    expect(liesOver(download, part(element, 'open')!), 'over the picture').to.equal(true);
    setTimeout(() => download.click());
    expect((await oneEvent(element, 'chat-download')).detail).to.deep.equal({ messageId: 'm1', index: 2 });

    element.download = { status: 'done', received: 1, blob: pixelBlob() };
    await element.updateComplete;
    expect(part(element, 'download')!.title, 'shown but not saved: Save').to.equal('Save');
    expect(visibleText(element)).to.not.include('Downloaded');
  });

  it('shows its caption under the picture, in the bubble', async () => {
    const element = await bubble({ attachment: { ...photo, caption: 'Low tide' } });
    const [caption, picture] = [part(element, 'caption')!, part(element, 'open')!];
    expect(caption.textContent).to.equal('Low tide');
    expect(caption.getBoundingClientRect().top).to.be.at.least(picture.getBoundingClientRect().bottom);
    expect(visibleText(element)).to.not.include('beach.png');
  });

  it("shows the sender's own photo alone once sent, saying Sent over its corner, with nothing to do", async () => {
    const element = await bubble({ attachment: photo, isMine: true, download: { status: 'done', received: 1, blob: pixelBlob(), isLocal: true } });
    expect(visibleText(element).trim()).to.equal('Sent');
    expect(liesOver(part(element, 'delivery')!, part(element, 'open')!), 'over the picture').to.equal(true);
    expect([...element.shadowRoot!.querySelectorAll('button')].map((button) => button.getAttribute('part'))).to.deep.equal(['open']);
    await expect(element).to.be.accessible();
  });

  it('shows a video poster with its play time, and no name, size or type', async () => {
    const element = await bubble({ attachment: { ...clip, caption: 'Boats' } });
    for (const text of ['clip.mp4', '48 MB', 'video/mp4']) expect(visibleText(element)).to.not.include(text);
    expect(part(element, 'duration')!.textContent).to.equal('0:42');
    expect(part(element, 'play')!.getAttribute('aria-label')).to.equal('Play: clip.mp4');
    expect(part(element, 'caption')!.textContent).to.equal('Boats');
    expect(part(element, 'download')).to.not.equal(null);
  });

  it('keeps an upload, its failure and a download visible under a photo, with their buttons', async () => {
    const element = await bubble({ attachment: { ...photo, url: '' }, isMine: true, delivery: 'sending', upload: { status: 'uploading', sent: 1, total: 4 } });
    expect(part(element, 'progress')!.getAttribute('aria-valuenow')).to.equal('25');
    expect(part(element, 'progress')!.getBoundingClientRect().top).to.be.at.least(part(element, 'open')!.getBoundingClientRect().bottom);
    expect(part(element, 'cancel')!.getBoundingClientRect().width).to.be.above(0);

    element.upload = { status: 'failed', sent: 0, total: 4, error: { code: 'too-large', message: '413', maxFileSize: 10_000_000 } };
    element.delivery = 'failed';
    await element.updateComplete;
    expect(part(element, 'error')!.textContent).to.equal("The file is larger than the server's limit of 10 MB.");
    expect(part(element, 'retry')!.getBoundingClientRect().width).to.be.above(0);

    const received = await bubble({ attachment: photo, download: { status: 'downloading', received: 1, total: 2 } });
    expect(part(received, 'progress')!.getAttribute('aria-valuenow')).to.equal('50');
    expect(part(received, 'cancel')!.getBoundingClientRect().width).to.be.above(0);
    expect(visibleText(received)).to.include('Downloading… 50%');
  });

  for (const width of [260, 200]) {
    it(`shrinks a picture and a video poster to a bubble narrower than their width, frame and button inside (${width} px row)`, async () => {
      // A phone's row: the bubble may take 85 % of it, less than the thumbnails' 240 px.
      const row = await fixture<HTMLElement>(html`<div style="width: ${width}px">
        <file-bubble .attachment=${photo}></file-bubble>
        <file-bubble mine .attachment=${photo} .download=${{ status: 'done', received: 1, blob: pixelBlob(), isLocal: true }}></file-bubble>
        <file-bubble .attachment=${clip}></file-bubble>
      </div>`);
      for (const element of row.querySelectorAll('file-bubble')) {
        await element.updateComplete;
        const box = part(element, 'bubble')!.getBoundingClientRect();
        const picture = part(element, 'thumbnail')!;
        const shown = picture.getBoundingClientRect();
        expect(box.right, 'the bubble fits its row').to.be.at.most(row.getBoundingClientRect().right + 0.5);
        expect(shown.width, 'the picture is shown').to.be.above(100);
        expect(shown.left, 'the picture starts inside its bubble').to.be.at.least(box.left);
        expect(shown.right, 'the picture ends inside its bubble').to.be.at.most(box.right + 0.5);
        for (const over of ['download', 'delivery']) {
          const shownOver = part(element, over);
          if (shownOver) expect(shownOver.getBoundingClientRect().right, `${over} inside the bubble`).to.be.at.most(box.right + 0.5);
        }
      }
    });
  }

  it('keeps the name, size and type of a document', async () => {
    const element = await bubble({ attachment: report });
    expect(visibleText(element)).to.include('report.pdf');
    expect(visibleText(element)).to.include('12 MB');
  });
});
