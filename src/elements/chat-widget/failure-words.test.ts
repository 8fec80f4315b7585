// What a German widget says when a file cannot be uploaded or downloaded: real failures of the
// reference server (a file over its limit, a file that is gone, a server error), in German.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { serverUrl } from '@chatdrop/test-server';
import '../../define.ts';
import type { Attachment } from '../../model/message.ts';
import { MemoryHub, MemoryTransport } from '../../transport/memory.ts';
import { attachmentOnServer, faultyUrl } from '../../upload/downloader.test-helpers.ts';
import { makeRandomFile } from '../../../test/helpers/files.ts';
import type { FileComposer } from '../file-composer/file-composer.ts';
import type { ChatWidget } from './chat-widget.ts';

const shadow = (element: Element) => element.shadowRoot!;
const announced = (widget: ChatWidget) => [...shadow(widget).querySelectorAll('[part="announcer"] p')].map((item) => item.textContent);

/** A German widget in a room of `hub`, uploading to the reference server. */
async function germanWidget(hub: MemoryHub): Promise<ChatWidget> {
  const widget = await fixture<ChatWidget>(
    html`<chat-widget locale="de" room="r" user="anna" upload-endpoint=${`${serverUrl}/upload`} .transport=${new MemoryTransport(hub)}></chat-widget>`,
  );
  await waitUntil(() => widget.store?.transport.status === 'online' && widget.lang === 'de', 'online, in German');
  return widget;
}

/** The rendered shadow root of the bubble of the file named `name`, once it shows. */
async function bubbleOf(widget: ChatWidget, name: string): Promise<ShadowRoot> {
  const thread = shadow(widget).querySelector('chat-thread')!;
  const bubble = () => [...shadow(thread).querySelectorAll('file-bubble')].find((element) => element.attachment?.name === name)?.shadowRoot;
  await waitUntil(() => bubble()?.querySelector('[part="name"]'), `the bubble of ${name}`, { timeout: 10_000 });
  return bubble()!;
}

/** Bob sends `attachment` into the widget's room. */
async function receive(hub: MemoryHub, id: string, attachment: Attachment): Promise<void> {
  const bob = new MemoryTransport(hub);
  await bob.connect({ room: 'r', user: { id: 'bob' } });
  await bob.send({ id, room: 'r', sender: { id: 'bob' }, createdAt: Date.now(), attachments: [attachment] });
  bob.close();
}

describe('<chat-widget locale="de"> failures of files', () => {
  it('says in German that a file over the server’s limit was not uploaded, in the bubble and aloud', async () => {
    const widget = await germanWidget(new MemoryHub());
    const composer = shadow(widget).querySelector<FileComposer>('file-composer')!;
    composer.addFiles([makeRandomFile('gross.bin', 5 * 1024 * 1024 + 1)]);
    await composer.updateComplete;
    shadow(composer).querySelector<HTMLButtonElement>('[part="send"]')!.click();

    const bubble = await bubbleOf(widget, 'gross.bin');
    await waitUntil(() => bubble.querySelector('[part="error"]'), 'the upload to fail', { timeout: 15_000 });
    const sentence = 'Die Datei ist größer, als der Server annimmt (höchstens 5,2 MB).';
    expect(bubble.querySelector('[part="error"]')!.textContent).to.equal(sentence);
    expect(bubble.querySelector('[part="retry"]')!.textContent).to.equal('Erneut versuchen');
    await waitUntil(() => announced(widget).includes(`gross.bin fehlgeschlagen: ${sentence}`), 'the failure announced in German');
    expect(widget.store!.$uploads.get()[widget.store!.$entries.get()[0]!.message.id]!.error).to.deep.include({ code: 'too-large', status: 413 });
  });

  it('says in German that a file is gone (404), and that a download failed on a server error (500)', async () => {
    const hub = new MemoryHub();
    const widget = await germanWidget(hub);
    const stored = await attachmentOnServer(serverUrl, makeRandomFile('bericht.bin', 4000));
    await receive(hub, 'gone', { ...stored, name: 'weg.bin', url: `${serverUrl}/files/${'x'.repeat(43)}` });
    await receive(hub, 'flaky', { ...stored, name: 'wackelig.bin', url: faultyUrl(stored.url, { status: 500, times: 1 }) });

    const gone = await bubbleOf(widget, 'weg.bin');
    gone.querySelector<HTMLButtonElement>('[part="download"]')!.click();
    await waitUntil(() => gone.querySelector('[part="unavailable"]'), 'the download to find the file gone');
    expect(gone.querySelector('[part="unavailable"]')!.textContent).to.equal('Nicht verfügbar');
    expect(gone.textContent).to.include('Diese Datei ist nicht mehr verfügbar.');

    const flaky = await bubbleOf(widget, 'wackelig.bin');
    flaky.querySelector<HTMLButtonElement>('[part="download"]')!.click();
    await waitUntil(() => flaky.querySelector('[part="error"]'), 'the download to fail');
    expect(flaky.querySelector('[part="error"]')!.textContent).to.equal('Das Herunterladen ist wegen eines Serverfehlers (500) fehlgeschlagen. Versuchen Sie es erneut.');
    expect(flaky.querySelector('[part="download"]')!.textContent).to.equal('Erneut herunterladen');
  });
});
