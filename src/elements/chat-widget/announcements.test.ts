import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../define.ts';
import { MemoryHub, MemoryTransport } from '../../transport/memory.ts';
import { TransferError, type UploadHandler, type UploadResult } from '../../upload/handler.ts';
import { makePngFile } from '../../../test/helpers/files.ts';
import type { FileComposer } from '../file-composer/file-composer.ts';
import type { ChatWidget } from './chat-widget.ts';

const shadow = (element: Element) => element.shadowRoot!;
const composerOf = (widget: ChatWidget) => shadow(widget).querySelector<FileComposer>('file-composer')!;
const announcer = (widget: ChatWidget) => shadow(widget).querySelector<HTMLElement>('[part="announcer"]')!;
const announced = (widget: ChatWidget) => [...announcer(widget).querySelectorAll('p')].map((item) => item.textContent);

/** An upload handler the test finishes by hand. */
function manualUpload() {
  const pending: { resolve(result: UploadResult): void; reject(error: Error): void }[] = [];
  const upload: UploadHandler = (file) => new Promise<UploadResult>((resolve, reject) => pending.push({ resolve, reject }));
  return { upload, pending };
}

async function widgetWith(upload: UploadHandler) {
  const widget = await fixture<ChatWidget>(html`<chat-widget room="r" user="me" .uploadHandler=${upload} .transport=${new MemoryTransport(new MemoryHub())}></chat-widget>`);
  await waitUntil(() => widget.store?.transport.status === 'online', 'online');
  return widget;
}

async function sendFile(widget: ChatWidget, file: File) {
  const composer = composerOf(widget);
  composer.addFiles([file]);
  await composer.updateComplete;
  shadow(composer).querySelector<HTMLButtonElement>('[part="send"]')!.click();
}

describe('<chat-widget> announcements', () => {
  it('says politely when our file starts uploading and when it is sent', async () => {
    const { upload, pending } = manualUpload();
    const widget = await widgetWith(upload);
    expect(announcer(widget).getAttribute('role')).to.equal('status');
    await sendFile(widget, await makePngFile('photo.png', 40, 30));
    await waitUntil(() => announced(widget).includes('Uploading photo.png'), 'upload announced', { timeout: 5000 });
    expect(announced(widget)).to.not.include('photo.png sent');
    await waitUntil(() => pending.length === 1, 'upload started');
    pending[0]!.resolve({ url: 'https://files.example/photo.png' });
    await waitUntil(() => announced(widget).includes('photo.png sent'), 'sent announced', { timeout: 5000 });
    expect(announced(widget)).to.deep.equal(['Uploading photo.png', 'photo.png sent']);
  });

  it('says when an upload failed, and why, in its own words for the error’s code', async () => {
    const { upload, pending } = manualUpload();
    const widget = await widgetWith(upload);
    await sendFile(widget, new File(['%PDF'], 'report.pdf', { type: 'application/pdf' }));
    await waitUntil(() => pending.length === 1, 'upload started', { timeout: 5000 });
    pending[0]!.reject(new TransferError('HTTP 413 from the storage', { status: 413, maxFileSize: 10_000_000 }));
    await waitUntil(() => announced(widget).includes("report.pdf failed: The file is larger than the server's limit of 10 MB."), 'failure announced');

    widget.store!.retry(widget.store!.$entries.get()[0]!.message.id);
    await waitUntil(() => announced(widget).filter((text) => text === 'Uploading report.pdf').length === 2, 'the retry announced');
    await waitUntil(() => pending.length === 2, 'the retry started');
    pending[1]!.reject(new TransferError('Ihr Speicherplatz ist voll.', { isUserFacing: true }));
    await waitUntil(() => announced(widget).includes('report.pdf failed: Ihr Speicherplatz ist voll.'), 'the host’s own sentence announced');
  });

  it('says a failure in German in a German widget, and a host’s error that is no TransferError in general words', async () => {
    const { upload, pending } = manualUpload();
    const widget = await widgetWith(upload);
    widget.locale = 'de';
    await waitUntil(() => widget.lang === 'de', 'German');
    await sendFile(widget, new File(['%PDF'], 'bericht.pdf', { type: 'application/pdf' }));
    await waitUntil(() => pending.length === 1, 'upload started', { timeout: 5000 });
    pending[0]!.reject(new TransferError('503 Service Unavailable', { status: 503 }));
    await waitUntil(() => announced(widget).includes('bericht.pdf fehlgeschlagen: Das Hochladen ist wegen eines Serverfehlers (503) fehlgeschlagen. Versuchen Sie es erneut.'), 'failure announced in German');

    widget.store!.retry(widget.store!.$entries.get()[0]!.message.id);
    await waitUntil(() => pending.length === 2, 'the retry started');
    pending[1]!.reject(new Error('socket hang up'));
    await waitUntil(() => announced(widget).includes('bericht.pdf fehlgeschlagen: Das Hochladen ist fehlgeschlagen.'), 'the general failure announced in German');
  });

  it('shows a drop zone over the whole widget while files are dragged over it, says so, and stages what is dropped', async () => {
    const widget = await widgetWith(manualUpload().upload);
    const data = new DataTransfer();
    data.items.add(new File(['notes'], 'notes.txt', { type: 'text/plain' }));
    const drag = (type: string) => new DragEvent(type, { dataTransfer: data, bubbles: true, composed: true, cancelable: true });
    const thread = shadow(widget).querySelector('chat-thread')!;
    thread.dispatchEvent(drag('dragover'));
    await widget.updateComplete;
    const zone = shadow(widget).querySelector<HTMLElement>('[part="drop-zone"]')!;
    const chat = shadow(widget).querySelector('.chat')!.getBoundingClientRect();
    expect(zone.getBoundingClientRect().height).to.be.closeTo(chat.height, 2);
    expect(zone.getBoundingClientRect().width).to.be.closeTo(chat.width, 2);
    expect(zone.textContent).to.equal('Drop files to send');
    expect(announced(widget)).to.deep.equal(['Drop files to send']);

    shadow(composerOf(widget)).querySelector('textarea')!.dispatchEvent(drag('dragenter'));
    await composerOf(widget).updateComplete;
    expect(shadow(composerOf(widget)).querySelector('[part="drop-zone"]'), 'one drop zone, not two').to.equal(null);

    thread.dispatchEvent(drag('drop'));
    await widget.updateComplete;
    await composerOf(widget).updateComplete;
    expect(shadow(widget).querySelector('[part="drop-zone"]')).to.equal(null);
    expect(shadow(composerOf(widget)).querySelector('[part="staged-file"] .name')!.textContent).to.equal('notes.txt');
  });
});
