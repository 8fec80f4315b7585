/**
 * The page `bench/render.ts` drives: makes a conversation, renders it in `<chat-thread>` (or the
 * `<repeat-thread>` baseline) and times it to rendered and pinned at the bottom, counts the DOM
 * nodes (shadow roots included), and streams messages in while watching for long tasks.
 * Bundled by esbuild and served by `serveBenchPage()` (the entry calls `installBench()`); its
 * functions are called from Node as `window.bench`.
 */
import { defineElements } from '../../src/elements/define-elements.ts';
import type { Attachment, ChatMessage } from '../../src/model/message.ts';
import { RepeatThread } from './repeat-thread.ts';

/** The two threads compared. */
export type ThreadKind = 'chat-thread' | 'repeat-thread';

/** What one history render measured. */
export interface RenderRun {
  /** To rendered and pinned at the bottom, two animation frames after (to rendered, when it never got pinned). */
  ms: number;
  /** To rendered, two animation frames after the thread's update. */
  renderedMs: number;
  /** To the end of the thread's first update (its rows created), before any frame. */
  updateMs: number;
  isPinned: boolean;
  nodes: number;
  bubbles: number;
}

/** Most frames waited, after rendering, for the thread to reach the bottom. */
const MAX_PIN_FRAMES = 120;

/** What one burst of arrivals measured. */
export interface BurstRun {
  messages: number;
  longestTaskMs: number;
  longTasks: number;
  isPinned: boolean;
}


const SENDERS = [{ id: 'me' }, { id: 'alice', name: 'Alice' }, { id: 'bob', name: 'Bob' }, { id: 'chen', name: 'Chen' }];
const SENTENCES = [
  'ok',
  'Sounds good to me.',
  'Did you see the figures for the third quarter? They look better than we expected.',
  'I will be a few minutes late,\nstart without me.',
  'Here is the plan: first the draft, then the review with the whole team on Thursday, then the final version before the board meets next week.',
  'Thanks!',
];

/** A few distinct thumbnails, as a photo message would carry (small raster data URLs). */
function makeThumbnails(): string[] {
  return Array.from({ length: 8 }, (_, index) => {
    const canvas = Object.assign(document.createElement('canvas'), { width: 64, height: 43 });
    const context = canvas.getContext('2d')!;
    const gradient = context.createLinearGradient(0, 0, 64, 43);
    gradient.addColorStop(0, `hsl(${index * 45} 70% 60%)`);
    gradient.addColorStop(1, `hsl(${index * 45 + 90} 70% 45%)`);
    context.fillStyle = gradient;
    context.fillRect(0, 0, 64, 43);
    return canvas.toDataURL('image/webp', 0.5);
  });
}

let thumbnails: string[] = [];
let made = 0;
const START = Date.now() - 30 * 24 * 60 * 60_000;

/** The `index`-th message of the conversation: 80% text, 10% photos (thumbnail, dimensions), 10% files. */
function makeMessage(index: number): ChatMessage {
  const base = { id: `m${index}`, room: 'bench', sender: SENDERS[(index * 7) % SENDERS.length]!, createdAt: START + index * 20_000, seq: index + 1 };
  const kind = index % 10;
  if (kind === 3) {
    const photo: Attachment = {
      url: `https://files.example/photo-${index}.jpg`, name: `photo-${index}.jpg`, size: 2_400_000, mime: 'image/jpeg',
      width: 4032, height: 2688, thumbnail: thumbnails[index % thumbnails.length], alt: 'A photo',
    };
    return { ...base, attachments: [photo] };
  }
  if (kind === 7) {
    return { ...base, attachments: [{ url: `https://files.example/report-${index}.pdf`, name: `report-${index}.pdf`, size: 830_000, mime: 'application/pdf' }] };
  }
  return { ...base, text: SENTENCES[index % SENTENCES.length] };
}

/** Makes `count` messages (not timed). */
function makeMessages(count: number): ChatMessage[] {
  if (thumbnails.length === 0) thumbnails = makeThumbnails();
  made = count;
  return Array.from({ length: count }, (_, index) => makeMessage(index));
}

const frame = () => new Promise<number>(requestAnimationFrame);
const logOf = (thread: Element) => thread.shadowRoot!.querySelector<HTMLElement>('[part="log"]')!;
const isPinned = (thread: Element) => {
  const log = logOf(thread);
  return log.scrollHeight > log.clientHeight && log.scrollHeight - log.scrollTop - log.clientHeight < 2;
};

/** Nodes under `node`, shadow roots included. */
function countNodes(node: Node): number {
  let count = 1;
  const shadow = (node as Element).shadowRoot;
  if (shadow) count += countNodes(shadow);
  for (let child = node.firstChild; child; child = child.nextSibling) count += countNodes(child);
  return count;
}

let thread: (HTMLElement & { messages?: ChatMessage[]; updateComplete: Promise<boolean> }) | undefined;
let messages: ChatMessage[] = [];

const bench = {
  prepare(count: number): void {
    messages = makeMessages(count);
  },

  /** Renders the prepared history; resolves two animation frames after it is rendered and pinned at the bottom. */
  async render(kind: ThreadKind): Promise<RenderRun> {
    thread?.remove();
    await frame();
    const started = performance.now();
    thread = document.createElement(kind) as typeof thread & HTMLElement;
    thread.setAttribute('user-id', 'me');
    thread.style.setProperty('--chat-thread-height', '600px');
    thread.style.width = '420px';
    thread.messages = messages;
    document.body.append(thread);
    await thread.updateComplete;
    const updateMs = performance.now() - started;
    await frame();
    await frame();
    const renderedMs = performance.now() - started;
    for (let frames = 0; frames < MAX_PIN_FRAMES && !isPinned(thread); frames++) await frame();
    const pinned = isPinned(thread);
    const ms = pinned ? performance.now() - started : renderedMs;
    const bubbles = thread.shadowRoot!.querySelectorAll('text-bubble, file-bubble').length;
    return { ms, renderedMs, updateMs, isPinned: pinned, nodes: countNodes(thread), bubbles };
  },

  /** Messages arrive at `perSecond` for `seconds`, in batches every 10 ms; the longest main-thread task meanwhile. */
  async burst(perSecond: number, seconds: number): Promise<BurstRun> {
    const target = thread!;
    const longTasks: PerformanceEntry[] = [];
    const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries()));
    observer.observe({ type: 'longtask' });
    let sent = 0;
    await new Promise<void>((resolve) => {
      const started = performance.now();
      const timer = setInterval(() => {
        const due = Math.min(perSecond * seconds, Math.round(((performance.now() - started) / 1000) * perSecond)) - sent;
        if (due > 0) {
          const batch = Array.from({ length: due }, () => ({ ...makeMessage(made), sender: SENDERS[1 + (made++ % 3)]! }));
          target.messages = target.messages!.concat(batch);
          sent += batch.length;
        }
        if (sent >= perSecond * seconds) {
          clearInterval(timer);
          resolve();
        }
      }, 10);
    });
    for (let index = 0; index < 5; index++) await frame();
    await new Promise((resolve) => setTimeout(resolve, 100));
    observer.disconnect();
    return { messages: sent, longestTaskMs: Math.max(0, ...longTasks.map((task) => task.duration)), longTasks: longTasks.length, isPinned: isPinned(target) };
  },

  clear(): void {
    thread?.remove();
    thread = undefined;
    messages = [];
  },
};

/** Registers both threads and exposes the page's functions as `window.bench`. */
export function installBench(): void {
  defineElements();
  if (!customElements.get('repeat-thread')) customElements.define('repeat-thread', RepeatThread);
  Object.assign(window, { bench });
}

declare global {
  interface Window {
    bench: typeof bench;
  }
}
