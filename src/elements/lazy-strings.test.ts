// A page built like the drop-in (no define.ts): the English words of files come with the code
// of files (each imports the locale parts it shows), and every element shows them once that code
// is there, even an element that rendered before; German and overrides still win over them.
// The drop-in loads as in a page opened offline, so that its background fetch of the file code
// (which brings every file word) waits, and what each first need loads shows.
import { expect, waitUntil } from '@open-wc/testing';
import { importDropInOffline } from '../../test/helpers/drop-in.ts';
import { MemoryHub, MemoryTransport } from '../transport/memory.ts';
import type { ChatWidget } from './chat-widget/chat-widget.ts';
import type { FileComposer } from './file-composer/file-composer.ts';
import type { ChatStrings } from './strings.ts';

// Room to record every module the page fetches from here on (the default keeps 250 entries).
performance.setResourceTimingBufferSize(10_000);

/** The English parts of the words of files, which no code a page loads before the first file imports. */
const FILE_WORDS = ['locales/en-file-view.ts', 'locales/en-file-send.ts', 'locales/en-failures.ts'];

/** Those of `modules` the page has fetched. */
const fetched = (modules: string[]) =>
  modules.filter((module) => performance.getEntriesByType('resource').some((entry) => new URL(entry.name).pathname.endsWith(`/elements/${module}`)));

const notes = () => new File(['some notes'], 'notes.txt', { type: 'text/plain' });

/** A widget in the page, online in a room of `hub`. */
async function widgetIn(hub: MemoryHub, options: { locale?: string; strings?: Partial<ChatStrings> } = {}): Promise<ChatWidget> {
  const widget = document.createElement('chat-widget') as ChatWidget;
  Object.assign(widget, { room: 'r', user: 'alice', transport: new MemoryTransport(hub), ...options });
  document.body.append(widget);
  await waitUntil(() => widget.store?.$status.get() === 'online', 'online');
  return widget;
}

const composerOf = (widget: ChatWidget) => widget.shadowRoot!.querySelector<FileComposer>('file-composer')!;
const composerPart = (widget: ChatWidget, name: string) => composerOf(widget).shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

/** Opens the first staged file's details (its caption field). */
async function openStaged(widget: ChatWidget): Promise<void> {
  composerPart(widget, 'edit')!.click();
  await composerOf(widget).updateComplete;
}

/** Bob sends a PDF; resolves with the rendered shadow root of its bubble in the widget's thread. */
async function receivedBubble(hub: MemoryHub, widget: ChatWidget, id: string): Promise<ShadowRoot> {
  const bob = new MemoryTransport(hub);
  await bob.connect({ room: 'r', user: { id: 'bob' } });
  await bob.send({ id, room: 'r', sender: { id: 'bob' }, createdAt: Date.now(), attachments: [{ url: 'https://example.com/a.pdf', name: 'a.pdf', size: 2048, mime: 'application/pdf' }] });
  bob.close();
  const thread = widget.shadowRoot!.querySelector('chat-thread')!;
  const bubble = () => thread.shadowRoot!.querySelector('file-bubble')?.shadowRoot;
  await waitUntil(() => bubble()?.querySelector('[part="download"]'), 'the bubble loaded and rendered');
  return bubble()!;
}

describe('the words of files in a drop-in page', () => {
  before(importDropInOffline);
  afterEach(() => document.querySelectorAll('chat-widget').forEach((widget) => widget.remove()));

  it('loads no file words before the first file, then shows them in English in the tray and the bubble', async () => {
    const hub = new MemoryHub();
    const widget = await widgetIn(hub);
    // The composer has rendered, its strings resolved, before any file word was loaded.
    expect(composerPart(widget, 'send')!.getAttribute('aria-label')).to.equal('Send');
    expect(fetched(FILE_WORDS)).to.deep.equal([]);

    composerOf(widget).addFiles([notes()]);
    await composerOf(widget).updateComplete;
    expect(composerPart(widget, 'tray')!.getAttribute('aria-label')).to.equal('Files to send');
    expect(composerPart(widget, 'textarea')!.getAttribute('placeholder')).to.equal('Add a caption…');
    await openStaged(widget);
    expect(composerPart(widget, 'caption')!.getAttribute('placeholder')).to.equal('Caption');
    expect(composerPart(widget, 'remove')!.title).to.equal('Remove');
    expect(composerPart(widget, 'remove')!.getAttribute('aria-label')).to.equal('Remove notes.txt');
    expect(composerPart(widget, 'size')!.textContent).to.equal('10 B');
    expect(fetched(FILE_WORDS)).to.deep.equal(['locales/en-file-send.ts']);

    const bubble = await receivedBubble(hub, widget, 'f1');
    expect(bubble.querySelector('[part="download"]')!.textContent).to.equal('Download');
    expect(bubble.querySelector('[part="size"]')!.textContent).to.equal('2.0 KB');
    expect(fetched(FILE_WORDS)).to.deep.equal(FILE_WORDS);
  });

  it('shows German file words in a German widget, under the widget’s and the element’s own strings', async () => {
    const hub = new MemoryHub();
    const widget = await widgetIn(hub, { locale: 'de', strings: { remove: 'Weg' } });
    await waitUntil(() => composerPart(widget, 'send')!.getAttribute('aria-label') === 'Senden', 'German');
    composerOf(widget).addFiles([notes()]);
    await composerOf(widget).updateComplete;
    await openStaged(widget);
    expect(composerPart(widget, 'tray')!.getAttribute('aria-label')).to.equal('Zu sendende Dateien');
    expect(composerPart(widget, 'caption')!.getAttribute('placeholder')).to.equal('Beschriftung');
    expect(composerPart(widget, 'remove')!.title).to.equal('Weg');

    composerOf(widget).strings = { captionPlaceholder: 'Zeile' };
    await composerOf(widget).updateComplete;
    expect(composerPart(widget, 'caption')!.getAttribute('placeholder')).to.equal('Zeile');
    expect(composerPart(widget, 'remove')!.title).to.equal('Weg');

    const bubble = await receivedBubble(hub, widget, 'f2');
    expect(bubble.querySelector('[part="download"]')!.textContent).to.equal('Herunterladen');
  });

  it('shows a widget’s override of an English file word', async () => {
    const hub = new MemoryHub();
    const widget = await widgetIn(hub, { strings: { download: 'Get it' } });
    const bubble = await receivedBubble(hub, widget, 'f3');
    expect(bubble.querySelector('[part="download"]')!.textContent).to.equal('Get it');
  });
});
