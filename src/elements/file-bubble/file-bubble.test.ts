import { expect, oneEvent } from '@open-wc/testing';
import { defineElements } from '../define-elements.ts';
import type { FileBubble } from './file-bubble.ts';
import { bubble, part, photo, pixelBlob, report } from './file-bubble.test-helpers.ts';

defineElements();

/** Clicks a part and resolves with the event it raises. */
async function clickFor<K extends 'chat-retry' | 'chat-download' | 'chat-cancel-upload' | 'chat-cancel-download'>(element: FileBubble, name: string, type: K) {
  const button = part<HTMLButtonElement>(element, name)!;
  expect(button.tagName).to.equal('BUTTON');
  setTimeout(() => button.click());
  return (await oneEvent(element, type)).detail;
}

describe('<file-bubble>', () => {
  it('shows an image thumbnail at once, sized from the image, described by its alt text', async () => {
    const element = await bubble({ attachment: { ...photo, alt: 'Waves on sand' } });
    const img = part<HTMLImageElement>(element, 'thumbnail')!;
    expect(img.getAttribute('src')).to.equal(photo.thumbnail);
    expect(img.alt).to.equal('Waves on sand');
    expect([img.getAttribute('width'), img.getAttribute('height')]).to.deep.equal(['800', '600']);
    expect(part(element, 'icon')).to.equal(null);
  });

  it('joins only what it knows of a file with " · ": no dangling separator, no vague type', async () => {
    const metaOf = async (attachment: typeof report) => {
      const element = await bubble({ attachment });
      return part(element, 'name')!.nextElementSibling!.textContent!.replace(/\s+/g, ' ').trim();
    };
    expect(await metaOf(report)).to.equal('12 MB · PDF');
    expect(await metaOf({ ...report, size: undefined })).to.equal('PDF');
    expect(await metaOf({ ...report, name: 'blob', mime: 'application/octet-stream' })).to.equal('12 MB');
    expect(await metaOf({ ...report, name: 'blob', mime: 'application/octet-stream', size: undefined })).to.equal('');
  });

  it('uses the file name as alt text when there is none', async () => {
    const element = await bubble({ attachment: photo });
    expect(part<HTMLImageElement>(element, 'thumbnail')!.alt).to.equal('beach.png');
  });

  it('shows a typed icon, name, size, type and caption for a document', async () => {
    const element = await bubble({ attachment: report });
    expect(part(element, 'thumbnail')).to.equal(null);
    expect(part(element, 'icon')!.querySelector('svg')).to.not.equal(null);
    expect(part(element, 'name')!.textContent).to.equal('report.pdf');
    expect(part(element, 'size')!.textContent).to.equal('12 MB');
    expect(part(element, 'type')!.textContent).to.equal('PDF');
    expect(part(element, 'type')!.title, 'the full type as its tooltip').to.equal('application/pdf');
    expect(part(element, 'caption')!.textContent).to.equal('Q3\nfigures');
  });

  it('refuses an SVG or oversized thumbnail and shows the icon instead', async () => {
    const element = await bubble({ attachment: { ...photo, thumbnail: 'data:image/svg+xml;base64,PHN2Zz4=' } });
    expect(part(element, 'thumbnail')).to.equal(null);
    expect(part(element, 'icon')).to.not.equal(null);
  });

  it('shortens a long name in the middle, keeping the extension, with the full name in the title and label', async () => {
    const name = `${'quarterly-financial-report-final-'.repeat(3)}v2.xlsx`;
    const element = await bubble({ attachment: { ...report, name } });
    const shown = part(element, 'name')!;
    expect(shown.textContent!.length).to.be.at.most(40);
    expect(shown.textContent).to.match(/^quarterly.*….*v2\.xlsx$/);
    expect(shown.title).to.equal(name);
    expect(part(element, 'bubble')!.getAttribute('aria-label')).to.equal(name);
  });

  it('shows a hostile name as plain text and never runs it', async () => {
    const name = '<img src=x onerror="window.__chatdropPwned = true">.png';
    const element = await bubble({ attachment: { ...report, name, caption: '<img src=x onerror="window.__chatdropPwned = true">' } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(part(element, 'bubble')!.getAttribute('aria-label')).to.equal(name);
    expect(part(element, 'name')!.title).to.equal(name);
    expect(element.shadowRoot!.querySelector('img[src="x"], img[onerror]')).to.equal(null);
    expect((window as { __chatdropPwned?: boolean }).__chatdropPwned).to.equal(undefined);
  });

  it('removes bidi controls so a disguised extension shows for what it is', async () => {
    const element = await bubble({ attachment: { ...report, name: 'invoice\u202Efdp.exe' } });
    expect(part(element, 'name')!.textContent).to.equal('invoicefdp.exe');
    expect(element.shadowRoot!.textContent).to.not.include('\u202E');
  });

  it('never turns a script URL into a link or a source, and offers no download', async () => {
    const element = await bubble({ attachment: { ...report, url: 'javascript:alert(1)' } });
    expect(part(element, 'error')!.textContent).to.equal('Unsupported link');
    expect(part(element, 'download')).to.equal(null);
    expect(element.shadowRoot!.innerHTML).to.not.include('javascript:');
  });

  it('shows upload progress with its percentage, and Cancel asks to stop the upload', async () => {
    const element = await bubble({ attachment: { ...report, url: '' }, isMine: true, delivery: 'sending', upload: { status: 'uploading', sent: 400, total: 1000 } });
    const progress = part(element, 'progress')!;
    expect(progress.getAttribute('role')).to.equal('progressbar');
    expect(['aria-valuemin', 'aria-valuemax', 'aria-valuenow'].map((name) => progress.getAttribute(name))).to.deep.equal(['0', '100', '40']);
    expect(element.shadowRoot!.textContent).to.include('Uploading… 40%');
    expect(element.shadowRoot!.textContent).to.not.include('Unsupported link');
    expect(part(element, 'download')).to.equal(null);
    expect(await clickFor(element, 'cancel', 'chat-cancel-upload')).to.deep.equal({ messageId: 'm1' });
  });

  it('shows the bytes sent beside the percentage', async () => {
    const element = await bubble({ attachment: { ...report, url: '' }, isMine: true, delivery: 'sending', upload: { status: 'uploading', sent: 4_100_000, total: 12_300_000 } });
    expect(element.shadowRoot!.textContent).to.include('Uploading… 33% · 4.1 MB of 12 MB');
  });

  it('says about how long is left once the rate is known', async () => {
    const element = await bubble({ attachment: { ...report, url: '' }, isMine: true, delivery: 'sending', upload: { status: 'uploading', sent: 4_100_000, total: 12_300_000, remainingMs: 183_000 } });
    expect(element.shadowRoot!.textContent).to.include('Uploading… 33% · 4.1 MB of 12 MB · about 3 min left');
  });

  it('shows a queued file as Waiting…, still cancellable', async () => {
    const element = await bubble({ attachment: { ...report, url: '' }, isMine: true, delivery: 'sending', upload: { status: 'queued', sent: 0, total: 1000 } });
    expect(element.shadowRoot!.textContent).to.include('Waiting…');
    expect(part(element, 'progress')).to.equal(null);
    expect(await clickFor(element, 'cancel', 'chat-cancel-upload')).to.deep.equal({ messageId: 'm1' });
  });

  it('says a stalled upload has made no progress, and it can still be cancelled', async () => {
    const element = await bubble({ attachment: { ...report, url: '' }, isMine: true, delivery: 'sending', upload: { status: 'uploading', sent: 300, total: 1000, stalledMs: 30_000 } });
    expect(part(element, 'stalled')!.textContent).to.equal('Stalled: no progress for 30 s');
    expect(part(element, 'progress')!.getAttribute('aria-valuenow')).to.equal('30');
    expect(await clickFor(element, 'cancel', 'chat-cancel-upload')).to.deep.equal({ messageId: 'm1' });
  });

  it('says when the next attempt starts while an upload waits to retry', async () => {
    const element = await bubble({ attachment: { ...report, url: '' }, isMine: true, delivery: 'sending', upload: { status: 'uploading', sent: 0, total: 1000, retry: { attempt: 1, delayMs: 300 } } });
    expect(element.shadowRoot!.textContent).to.include('Retrying in 0.3 s…');
    expect(part(element, 'cancel')).to.not.equal(null);
  });

  it('says why an upload failed and Retry asks to try again', async () => {
    const error = { code: 'too-large' as const, message: 'HTTP 413', status: 413, maxFileSize: 10_000_000 };
    const element = await bubble({ attachment: { ...report, url: '' }, isMine: true, delivery: 'failed', upload: { status: 'failed', sent: 0, total: 1, error } });
    expect(part(element, 'error')!.textContent).to.equal("The file is larger than the server's limit of 10 MB.");
    expect(await clickFor(element, 'retry', 'chat-retry')).to.deep.equal({ messageId: 'm1' });
  });

  it('shows a host’s own failure sentence only when the host marked it for the user', async () => {
    const upload = { status: 'failed' as const, sent: 0, total: 1 };
    const element = await bubble({ attachment: { ...report, url: '' }, isMine: true, delivery: 'failed', upload: { ...upload, error: { code: 'failed', message: 'TypeError: x is undefined' } } });
    expect(part(element, 'error')!.textContent).to.equal('The upload failed.');
    element.upload = { ...upload, error: { code: 'forbidden', message: 'Ihr Konto ist gesperrt.', isUserFacing: true } };
    await element.updateComplete;
    expect(part(element, 'error')!.textContent).to.equal('Ihr Konto ist gesperrt.');
  });

  it('says our delivered file is sent, and still offers Download', async () => {
    const element = await bubble({ attachment: report, isMine: true, delivery: 'sent' });
    expect(part(element, 'delivery')!.textContent).to.equal('Sent');
    expect(part(element, 'download')!.textContent).to.equal('Download');
  });

  it('says our file is sending once uploaded, with nothing to click yet', async () => {
    const element = await bubble({ attachment: report, isMine: true, delivery: 'sending', upload: { status: 'done', sent: 1, total: 1 } });
    expect(part(element, 'delivery')!.textContent).to.equal('Sending…');
    expect(element.shadowRoot!.querySelector('button')).to.equal(null);
  });

  it('says our file was not sent, and Retry asks to send it again', async () => {
    const element = await bubble({ attachment: report, isMine: true, delivery: 'failed' });
    expect(part(element, 'error')!.textContent).to.equal('Not sent');
    expect(await clickFor(element, 'retry', 'chat-retry')).to.deep.equal({ messageId: 'm1' });
  });

  it('offers Save on an image the auto-download policy fetched, which the user never saved', async () => {
    const element = await bubble({ attachment: photo, download: { status: 'done', received: 1, blob: pixelBlob(), isAutomatic: true } });
    expect(part(element, 'download')!.textContent).to.equal('Save');
    expect(element.shadowRoot!.textContent).to.not.include('Downloaded');
  });

  it('offers Download on a sent file, asking for that attachment', async () => {
    const element = await bubble({ attachment: report, index: 2 });
    expect(part(element, 'download')!.textContent).to.equal('Download');
    expect(await clickFor(element, 'download', 'chat-download')).to.deep.equal({ messageId: 'm1', index: 2 });
  });

  it('shows download progress, and Cancel asks to stop the download', async () => {
    const element = await bubble({ attachment: report, index: 1, download: { status: 'downloading', received: 3_075_000, total: 12_300_000 } });
    expect(part(element, 'progress')!.getAttribute('aria-valuenow')).to.equal('25');
    expect(part(element, 'download')).to.equal(null);
    expect(await clickFor(element, 'cancel', 'chat-cancel-download')).to.deep.equal({ messageId: 'm1', index: 1 });
  });

  it('says why a download failed and offers to download again', async () => {
    const element = await bubble({ attachment: report, download: { status: 'failed', received: 0, error: { code: 'forbidden', message: 'HTTP 403', status: 403 } } });
    expect(part(element, 'error')!.textContent).to.equal('The server did not allow this download.');
    expect(part(element, 'download')!.textContent).to.equal('Download again');
    expect(await clickFor(element, 'download', 'chat-download')).to.deep.equal({ messageId: 'm1', index: 0 });
  });

  it('says a finished download is downloaded and offers to save it again', async () => {
    const element = await bubble({ attachment: report, download: { status: 'done', received: 3, blob: new Blob(['pdf']), isSaved: true } });
    expect(element.shadowRoot!.textContent).to.include('Downloaded');
    expect(part(element, 'download')!.textContent).to.equal('Save again');
    expect(part(element, 'thumbnail')).to.equal(null);
  });

  it('shows a downloaded image in full from its bytes, and lets the object URL go when removed, making a new one when back', async () => {
    const blob = pixelBlob();
    const element = await bubble({ attachment: photo, download: { status: 'done', received: blob.size, blob } });
    const src = part<HTMLImageElement>(element, 'thumbnail')!.src;
    expect(src).to.match(/^blob:/);
    expect((await fetch(src)).ok).to.equal(true);
    element.remove();
    let isRevoked = false;
    await fetch(src).catch(() => (isRevoked = true));
    expect(isRevoked).to.equal(true);
    // Back on the page, it shows the bytes again through a new URL.
    document.body.append(element);
    await element.updateComplete;
    const again = part<HTMLImageElement>(element, 'thumbnail')!.src;
    expect(again).to.match(/^blob:/).and.not.equal(src);
    expect((await fetch(again)).ok).to.equal(true);
    element.remove();
  });
});
