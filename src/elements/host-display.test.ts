import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../define.ts';
import type { ChatMessage } from '../model/message.ts';
import { MemoryHub, MemoryTransport } from '../transport/memory.ts';
import type { ChatThread } from './chat-thread/chat-thread.ts';
import { conversation, distanceFromBottom, entries, log, settled } from './chat-thread/thread-test-helpers.ts';
import type { ChatWidget } from './chat-widget/chat-widget.ts';
import { notes, photo } from './file-composer/composer-test-helpers.ts';
import type { FileComposer } from './file-composer/file-composer.ts';
import type { ChatLightbox } from './lightbox/chat-lightbox.ts';
import { photo as photoAttachment, report } from './file-bubble/file-bubble.test-helpers.ts';
import type { FileBubble } from './file-bubble/file-bubble.ts';
import type { TextBubble } from './text-bubble/text-bubble.ts';

/**
 * A host page often gives custom elements a `display` of its own. Whatever it gives (of those
 * that make a box), each element must look and work the same: its layout is inside its shadow root.
 */
const DISPLAYS = [undefined, 'block', 'inline-block', 'grid', 'flex'] as const;
const named = (display: string | undefined) => (display ? `display: ${display}` : 'its own display');

/** A page-level rule, as a host page's stylesheet would set it; removed after the test. */
let pageStyle: HTMLStyleElement | undefined;
function pageRule(tag: string, display: string | undefined, declarations = ''): void {
  pageStyle = Object.assign(document.createElement('style'), { textContent: `${tag} { ${display ? `display: ${display};` : ''} ${declarations} }` });
  document.head.append(pageStyle);
}
afterEach(() => pageStyle?.remove());

const box = (element: Element) => element.getBoundingClientRect();
const partOf = <T extends HTMLElement = HTMLElement>(element: Element, name: string) => element.shadowRoot!.querySelector<T>(`[part~="${name}"]`)!;

/** Whether a click at the middle of `element` would reach it (through every shadow root on the way). */
function isClickable(element: HTMLElement): boolean {
  element.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  const { left, top, width, height } = box(element);
  if (width === 0 || height === 0) return false;
  let hit: Element | null = document.elementFromPoint(left + width / 2, top + height / 2);
  while (hit?.shadowRoot) {
    const inner = hit.shadowRoot.elementFromPoint(left + width / 2, top + height / 2);
    if (!inner || inner === hit) break;
    hit = inner;
  }
  return hit === element || element.contains(hit);
}

/** The newest message shows whole at the bottom of the log, and only the rows near it exist. */
async function expectPinnedAndVirtualized(thread: ChatThread, count: number): Promise<void> {
  const newestEntry = () => entries(thread).find((entry) => Number(entry.dataset.index) === count - 1);
  await waitUntil(() => newestEntry() && distanceFromBottom(log(thread)) < 2, 'the log is at the newest message', { timeout: 5000 });
  await settled(thread);
  const newest = newestEntry();
  expect(newest, 'the newest message is rendered').to.exist;
  const [view, row] = [box(log(thread)), box(newest!)];
  expect(row.bottom, 'the newest message ends inside the log').to.be.at.most(view.bottom + 1);
  expect(row.top, 'the newest message starts inside the log').to.be.at.least(view.top - 1);
  expect(distanceFromBottom(log(thread)), 'scrolled to the bottom').to.be.below(2);
  expect(entries(thread).length, 'rows in the DOM').to.be.within(1, 199);
}

describe('an element the page gives a display of its own', () => {
  for (const display of DISPLAYS) {
    describe(named(display), () => {
      it('<chat-thread> of 600px shows its newest of 10,000 messages, rendering only the rows near it', async () => {
        pageRule('chat-thread', display, 'height: 600px');
        const messages = conversation(10_000);
        const thread = await fixture<ChatThread>(html`<chat-thread user-id="me" .messages=${messages}></chat-thread>`);
        expect(box(thread).height).to.be.closeTo(600, 1);
        expect(box(log(thread)).height, 'the log fills the thread').to.be.closeTo(600, 1);
        await expectPinnedAndVirtualized(thread, messages.length);
      });

      it('<chat-widget> shows its composer under a thread that scrolls, across its width', async () => {
        pageRule('chat-widget', display, 'height: 600px; width: 360px');
        const hub = new MemoryHub();
        const room = hub.room('r');
        room.messages = conversation(300).map((message, i) => ({ ...message, seq: i + 1 }) as ChatMessage);
        const widget = await fixture<ChatWidget>(html`<chat-widget room="r" user="me" .transport=${new MemoryTransport(hub)}></chat-widget>`);
        const thread = widget.shadowRoot!.querySelector('chat-thread')!;
        const composer = widget.shadowRoot!.querySelector('file-composer')!;
        await waitUntil(() => entries(thread).length > 0, 'the history shows');
        await expectPinnedAndVirtualized(thread, 300);
        expect(log(thread).scrollHeight, 'the thread scrolls').to.be.above(log(thread).clientHeight);
        const [outer, panel] = [box(widget), box(composer)];
        expect(outer.height).to.be.closeTo(600, 1);
        expect(panel.bottom, 'the composer ends inside the widget').to.be.at.most(outer.bottom);
        expect(panel.width, 'the composer spans the widget').to.be.closeTo(outer.width - 2, 1);
        expect(box(thread).bottom, 'the thread ends where the composer starts').to.be.closeTo(panel.top, 1);
        expect(isClickable(partOf(composer, 'textarea')), 'the message field').to.equal(true);
        expect(isClickable(partOf(composer, 'send')), 'the send button').to.equal(true);
      });

      it('<file-composer> keeps its refusals, staged files and field apart, every control reachable', async () => {
        pageRule('file-composer', display);
        const composer = await fixture<FileComposer>(html`<file-composer accept="image/*"></file-composer>`);
        composer.addFiles([notes(), photo()]);
        await waitUntil(() => composer.shadowRoot!.querySelector('[part~="staged-file"]'), 'the photo is staged');
        await composer.updateComplete;
        const pieces = [partOf(composer, 'error'), partOf(composer, 'staged-file').parentElement!, partOf(composer, 'textarea')].map(box);
        for (let i = 1; i < pieces.length; i++) expect(pieces[i]!.top - pieces[i - 1]!.bottom, `space above piece ${i}`).to.be.at.least(4);
        expect(box(composer).width).to.be.above(200);
        for (const name of ['textarea', 'attach', 'send']) expect(isClickable(partOf(composer, name)), name).to.equal(true);
      });

      it('<text-bubble> hugs a short text, at the start for others and at the end for ours', async () => {
        pageRule('text-bubble', display);
        const message: ChatMessage = { id: 'm1', room: 'r', sender: { id: 'alice', name: 'Alice' }, createdAt: Date.now(), text: 'Hi' };
        const column = await fixture<HTMLDivElement>(html`<div style="width: 360px">
          <text-bubble .message=${message}></text-bubble>
          <text-bubble mine delivery="failed" .message=${{ ...message, id: 'm2' }}></text-bubble>
        </div>`);
        const [theirs, ours] = [...column.querySelectorAll('text-bubble')] as TextBubble[];
        await Promise.all([theirs!.updateComplete, ours!.updateComplete]);
        const [hostOfTheirs, hostOfOurs] = [box(theirs!), box(ours!)];
        const [bubbleOfTheirs, bubbleOfOurs] = [box(partOf(theirs!, 'bubble')), box(partOf(ours!, 'bubble'))];
        expect(bubbleOfTheirs.width, 'a short text makes a narrow bubble').to.be.within(20, 200);
        expect(bubbleOfTheirs.left).to.be.closeTo(hostOfTheirs.left, 1);
        expect(bubbleOfOurs.right).to.be.closeTo(hostOfOurs.right, 1);
        expect(isClickable(partOf(ours!, 'retry')), 'the retry button').to.equal(true);
      });

      it('<file-bubble> hugs its file, at the start for others and at the end for ours, its download button reachable', async () => {
        pageRule('file-bubble', display);
        const column = await fixture<HTMLDivElement>(html`<div style="width: 600px">
          <file-bubble message-id="a" .attachment=${report}></file-bubble>
          <file-bubble message-id="b" mine .attachment=${photoAttachment}></file-bubble>
        </div>`);
        const [theirs, ours] = [...column.querySelectorAll('file-bubble')] as FileBubble[];
        await Promise.all([theirs!.updateComplete, ours!.updateComplete]);
        const [bubbleOfTheirs, bubbleOfOurs] = [box(partOf(theirs!, 'bubble')), box(partOf(ours!, 'bubble'))];
        expect(bubbleOfTheirs.width, 'the bubble is as wide as its file needs').to.be.within(100, 400);
        expect(bubbleOfTheirs.left).to.be.closeTo(box(theirs!).left, 1);
        expect(bubbleOfOurs.right).to.be.closeTo(box(ours!).right, 1);
        expect(isClickable(partOf(theirs!, 'download')), 'the download button').to.equal(true);
      });

      it('<chat-lightbox> covers the window, its buttons reachable', async () => {
        pageRule('chat-lightbox', display);
        const images = [photoAttachment, { ...photoAttachment, name: 'two.png' }].map((attachment, i) => ({ messageId: `m${i}`, index: 0, attachment }));
        const lightbox = await fixture<ChatLightbox>(html`<chat-lightbox open .images=${images} .index=${0}></chat-lightbox>`);
        await lightbox.updateComplete;
        const dialog = box(partOf(lightbox, 'dialog'));
        expect([dialog.width, dialog.height]).to.deep.equal([innerWidth, innerHeight]);
        for (const name of ['close', 'zoom-in', 'next']) expect(isClickable(partOf(lightbox, name)), name).to.equal(true);
      });
    });
  }
});
