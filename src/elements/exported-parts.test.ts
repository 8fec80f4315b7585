import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../define.ts';
import type { ChatMessage } from '../model/message.ts';
import { MemoryHub, MemoryTransport } from '../transport/memory.ts';
import type { UploadHandler } from '../upload/handler.ts';
import * as chatThread from './chat-thread/chat-thread.names.ts';
import type { ChatWidget } from './chat-widget/chat-widget.ts';
import * as chatWidget from './chat-widget/chat-widget.names.ts';
import { photo } from './file-bubble/file-bubble.test-helpers.ts';
import * as fileAlbum from './file-album/file-album.names.ts';
import * as fileBubble from './file-bubble/file-bubble.names.ts';
import * as fileComposer from './file-composer/file-composer.names.ts';
import * as chatLightbox from './lightbox/chat-lightbox.names.ts';
import * as textBubble from './text-bubble/text-bubble.names.ts';

const ELEMENTS = [chatWidget, chatThread, fileBubble, fileAlbum, fileComposer, chatLightbox, textBubble];
const INNER_TAGS: readonly string[] = [chatThread, fileComposer, textBubble, fileBubble, fileAlbum, chatLightbox].map((element) => element.tagName);

/** Each element's parts as custom-elements.json lists them (`npm run analyze` makes it; `npm test` builds it first). */
async function manifestParts(): Promise<Map<string, string[]>> {
  const response = await fetch('/custom-elements.json');
  if (!response.ok) throw new Error('custom-elements.json is missing: run `npm run analyze`');
  const manifest = (await response.json()) as { modules: { declarations?: { tagName?: string; cssParts?: { name: string }[] }[] }[] };
  const elements = manifest.modules.flatMap((module) => module.declarations ?? []).filter((declaration) => declaration.tagName);
  return new Map(elements.map((element) => [element.tagName!, (element.cssParts ?? []).map((part) => part.name)]));
}

const sorted = (names: Iterable<string>) => [...names].sort();

/** Every element in `root` and the shadow roots below it. */
function deepElements(root: ParentNode): Element[] {
  return [...root.querySelectorAll('*')].flatMap((element) => [element, ...(element.shadowRoot ? deepElements(element.shadowRoot) : [])]);
}

/** The host of the shadow root `element` is in. */
const hostOf = (element: Element) => (element.getRootNode() as ShadowRoot).host;

/** What an `exportparts` attribute forwards: inner name to outer name. */
function exportedNames(element: Element): Map<string, string> {
  const entries = (element.getAttribute('exportparts') ?? '').split(',').map((entry) => entry.split(':').map((name) => name.trim()));
  return new Map(entries.filter(([inner]) => inner).map(([inner, outer]) => [inner!, outer ?? inner!]));
}

/** The name the part `part` of `element` (the widget or an element inside it) has on the widget, following the rendered `exportparts`; undefined when it is not forwarded. */
function nameOnWidget(element: Element, part: string, widget: ChatWidget): string | undefined {
  let name: string | undefined = part;
  for (let host = element; host !== widget && name !== undefined; host = hostOf(host)) name = exportedNames(host).get(name);
  return name;
}

/** Whether a page rule `chat-widget::part(name)` reaches `element`, as the browser applies it. */
function isStyledAs(element: Element, name: string, sheet: CSSStyleSheet): boolean {
  sheet.replaceSync(`chat-widget::part(${name}) { scroll-margin-left: 7px; }`);
  return getComputedStyle(element).scrollMarginLeft === '7px';
}

/** A widget showing a text, an image and an album of two from Bob, our failed file and our file uploading, the lightbox and a staged file. */
async function widgetShowingEveryElement(): Promise<ChatWidget> {
  const hub = new MemoryHub();
  const fromBob = (id: string, message: Partial<ChatMessage>): ChatMessage => ({ id, room: 'r', sender: { id: 'bob', name: 'bob' }, createdAt: Date.now(), ...message });
  hub.room('r').messages.push(fromBob('b1', { text: 'hello' }), fromBob('b2', { attachments: [photo] }), fromBob('b3', { attachments: [photo], group: 'g' }), fromBob('b4', { attachments: [photo], group: 'g' }));
  const upload: UploadHandler = (file) => (file.name === 'refused.pdf' ? Promise.reject(new Error('refused')) : new Promise(() => {}));
  const widget = await fixture<ChatWidget>(html`<chat-widget room="r" user="me" .uploadHandler=${upload} .transport=${new MemoryTransport(hub)}></chat-widget>`);
  const shadow = (element: Element) => element.shadowRoot!;
  const thread = () => shadow(shadow(widget).querySelector('chat-thread')!);
  const composer = shadow(widget).querySelector('file-composer')!;
  for (const name of ['refused.pdf', 'slow.pdf']) {
    composer.addFiles([new File(['%PDF'], name, { type: 'application/pdf' })]);
    await composer.updateComplete;
    shadow(composer).querySelector<HTMLButtonElement>('[part="send"]')!.click();
  }
  composer.addFiles([new File(['notes'], 'notes.txt', { type: 'text/plain' })]);
  const bubbleShowing = (part: string) => [...thread().querySelectorAll('file-bubble')].find((bubble) => bubble.shadowRoot?.querySelector(`[part="${part}"]`));
  await waitUntil(() => bubbleShowing('retry') && bubbleShowing('cancel') && bubbleShowing('open'), 'the failed, uploading and image files shown', { timeout: 5000 });
  bubbleShowing('open')!.shadowRoot!.querySelector<HTMLButtonElement>('[part="open"]')!.click();
  await waitUntil(() => thread().querySelector('chat-lightbox')?.shadowRoot?.querySelector('[part="dialog"]'), 'the lightbox open');
  return widget;
}

describe('parts forwarded to the page', () => {
  it('lists in the manifest every part each element module names, forwarded ones included', async () => {
    const manifest = await manifestParts();
    expect(sorted(manifest.keys())).to.deep.equal(sorted(ELEMENTS.map((element) => element.tagName)));
    for (const element of ELEMENTS) expect(sorted(manifest.get(element.tagName)!), element.tagName).to.deep.equal(sorted(element.parts));
  });

  it('forwards every part of every element inside a widget to the widget, under a name its manifest lists', async () => {
    const manifest = await manifestParts();
    const widget = await widgetShowingEveryElement();
    const inner = deepElements(widget.shadowRoot!).filter((element) => INNER_TAGS.includes(element.localName));
    expect(sorted(new Set(inner.map((element) => element.localName)))).to.deep.equal(sorted(INNER_TAGS));
    const reached = new Set(chatWidget.ownParts);
    for (const element of inner) {
      for (const part of manifest.get(element.localName)!) {
        const name = nameOnWidget(element, part, widget);
        expect(name, `<${element.localName}>'s part ${part}`).to.be.a('string');
        reached.add(name!);
      }
    }
    expect(sorted(reached)).to.deep.equal(sorted(manifest.get(chatWidget.tagName)!));
  });

  it('lets a page style every part a widget renders, down to its bubbles and lightbox, with chat-widget::part()', async () => {
    const manifest = await manifestParts();
    const widget = await widgetShowingEveryElement();
    const sheet = new CSSStyleSheet();
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    try {
      const shown = deepElements(widget.shadowRoot!).filter((element) => element.hasAttribute('part'));
      for (const element of shown) {
        const tag = hostOf(element).localName;
        for (const part of element.getAttribute('part')!.split(/\s+/)) {
          expect(manifest.get(tag), `<${tag}> documents its part ${part}`).to.include(part);
          const name = nameOnWidget(hostOf(element), part, widget);
          expect(name && isStyledAs(element, name, sheet), `<${tag}>'s part ${part} styled from the page as ${name}`).to.equal(true);
        }
      }
    } finally {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((candidate) => candidate !== sheet);
    }
  });

  it('styles a failed file\'s Retry and error, and an upload\'s Cancel, through chat-widget::part()', async () => {
    const widget = await widgetShowingEveryElement();
    const style = document.createElement('style');
    style.textContent = `
      chat-widget::part(file-retry) { color: rgb(1, 2, 3); }
      chat-widget::part(file-error) { color: rgb(4, 5, 6); }
      chat-widget::part(file-cancel) { color: rgb(7, 8, 9); }
    `;
    document.head.append(style);
    try {
      const bubbles = [...widget.shadowRoot!.querySelector('chat-thread')!.shadowRoot!.querySelectorAll('file-bubble')];
      const colorOf = (part: string) => getComputedStyle(bubbles.map((bubble) => bubble.shadowRoot!.querySelector(`[part="${part}"]`)).find(Boolean)!).color;
      expect([colorOf('retry'), colorOf('error'), colorOf('cancel')]).to.deep.equal(['rgb(1, 2, 3)', 'rgb(4, 5, 6)', 'rgb(7, 8, 9)']);
    } finally {
      style.remove();
    }
  });
});
