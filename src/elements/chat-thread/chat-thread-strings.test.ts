// A standalone thread speaks the words it is given everywhere it shows them: in its file bubbles,
// albums and lightbox as in its own log, as it does inside a `<chat-widget>`.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Attachment, ChatMessage } from '../../model/message.ts';
import { downloadKey, type DownloadState, type UploadState } from '../../state/types.ts';
import type { ChatThread } from './chat-thread.ts';
import { fileMessage, settled } from './thread-test-helpers.ts';
import { defineElements } from '../define-elements.ts';
import { photo, pixelBlob, report } from '../file-bubble/file-bubble.test-helpers.ts';
import type { FileAlbum } from '../file-album/file-album.ts';
import type { FileBubble } from '../file-bubble/file-bubble.ts';
import type { ChatLightbox } from '../lightbox/chat-lightbox.ts';
import { de } from '../locales/de.ts';

defineElements();

const pdf = (name: string): Attachment => ({ ...report, name, caption: undefined });
const image = (name: string): Attachment => ({ ...photo, name });

const corrupt = fileMessage('alice', [pdf('corrupt.pdf')], 0);
const shown = fileMessage('alice', [image('shown.png')], 1);
const mine = fileMessage('me', [{ ...pdf('mine.pdf'), url: '' }], 2);
const album = ['1.png', '2.png'].map((name) => ({ ...fileMessage('alice', [image(name)], 3), group: 'g' }));
const messages: ChatMessage[] = [corrupt, shown, mine, ...album];

const downloads: Record<string, DownloadState> = {
  [downloadKey(corrupt.id, 0)]: { status: 'failed', received: 0, error: { code: 'integrity', message: 'sha256 mismatch' } },
  // Fetched to be shown, not saved: its one action is Save.
  [downloadKey(shown.id, 0)]: { status: 'done', received: 1, blob: pixelBlob() },
};
const uploads: Record<string, UploadState> = {
  [mine.id]: { status: 'failed', sent: 0, total: 1, error: { code: 'network', message: 'offline' } },
};

const bubbleOf = (thread: ChatThread, name: string) =>
  [...thread.shadowRoot!.querySelectorAll<FileBubble>('file-bubble')].find((bubble) => bubble.attachment?.name === name)!;
const partOf = (element: Element, name: string) => element.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;
/** A button's name: its text (an icon button's is visually hidden), else its `aria-label`. */
const nameOf = (button: HTMLElement) => button.getAttribute('aria-label') ?? button.textContent!.trim();

describe('<chat-thread> standalone with German strings', () => {
  it('shows its file bubbles, albums and lightbox in German, not English', async () => {
    const thread = await fixture<ChatThread>(html`<chat-thread user-id="me" style="--chat-thread-height: 900px"
      .strings=${de} .messages=${messages} .downloads=${downloads} .uploads=${uploads}></chat-thread>`);
    await settled(thread);
    await waitUntil(() => thread.shadowRoot!.querySelector('file-album')?.shadowRoot?.querySelector('[part~="open"]'), 'the album renders');
    await settled(thread);

    const failed = bubbleOf(thread, 'corrupt.pdf');
    expect(partOf(failed, 'error').textContent).to.equal('Die Datei ist beschädigt: Ihre Prüfsumme stimmt nicht.');
    expect(nameOf(partOf(failed, 'download'))).to.equal('Erneut herunterladen');

    const save = partOf(bubbleOf(thread, 'shown.png'), 'download');
    expect([nameOf(save), save.title]).to.deep.equal(['Speichern', 'Speichern']);

    const ours = bubbleOf(thread, 'mine.pdf');
    expect(partOf(ours, 'error').textContent).to.match(/^Das Hochladen ist fehlgeschlagen: Der Server ist nicht erreichbar\./);
    expect(nameOf(partOf(ours, 'retry'))).to.equal('Erneut versuchen');
    expect(nameOf(partOf(ours, 'remove'))).to.equal('Datei entfernen');

    const tile = partOf(thread.shadowRoot!.querySelector<FileAlbum>('file-album')!, 'open');
    expect(nameOf(tile)).to.equal('Bild öffnen: 1.png');

    tile.click();
    await waitUntil(() => thread.shadowRoot!.querySelector('chat-lightbox'), 'the lightbox opens');
    const lightbox = thread.shadowRoot!.querySelector<ChatLightbox>('chat-lightbox')!;
    await lightbox.updateComplete;
    expect(nameOf(partOf(lightbox, 'close'))).to.equal('Schließen');
    expect(partOf(lightbox, 'position').textContent).to.equal(de.imagePosition(2, 3));
  });

  it('speaks the words it is given later, and its own override over a locale', async () => {
    const thread = await fixture<ChatThread>(html`<chat-thread .messages=${[corrupt]} .downloads=${downloads}></chat-thread>`);
    await settled(thread);
    await waitUntil(() => bubbleOf(thread, 'corrupt.pdf')?.shadowRoot?.querySelector('[part~="download"]'), 'the bubble renders');
    const again = () => nameOf(partOf(bubbleOf(thread, 'corrupt.pdf'), 'download'));
    expect(again()).to.equal('Download again');

    thread.strings = { ...de, downloadAgain: 'Nochmal laden' };
    await thread.updateComplete;
    await bubbleOf(thread, 'corrupt.pdf').updateComplete;
    expect(again()).to.equal('Nochmal laden');
    expect(partOf(bubbleOf(thread, 'corrupt.pdf'), 'error').textContent).to.equal('Die Datei ist beschädigt: Ihre Prüfsumme stimmt nicht.');
  });
});
