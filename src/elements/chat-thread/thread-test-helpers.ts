/** Test helpers shared by the `<chat-thread>` tests: messages, queries on its shadow root, waits. */
import { waitUntil } from '@open-wc/testing';
import type { Attachment, ChatMessage } from '../../model/message.ts';
import type { ChatThread } from './chat-thread.ts';

/** 3 November 2023, 12:00 local time: far from midnight, so a few minutes either way stay on one day. */
export const NOON = new Date(2023, 10, 3, 12, 0).getTime();

let seq = 0;

/** A text message from `sender`, `minutes` after noon. */
export function text(sender: string, body: string, minutes = 0): ChatMessage {
  return { id: `t${++seq}`, room: 'r', sender: { id: sender }, createdAt: NOON + minutes * 60_000, text: body };
}

/** A message carrying `attachments`. */
export function fileMessage(sender: string, attachments: Attachment[], minutes = 0): ChatMessage {
  return { id: `f${++seq}`, room: 'r', sender: { id: sender }, createdAt: NOON + minutes * 60_000, attachments };
}

/** `count` text messages from alternating senders, one a minute. */
export function conversation(count: number, startMinute = 0): ChatMessage[] {
  return Array.from({ length: count }, (_, i) => text(i % 3 === 0 ? 'me' : 'alice', `message ${startMinute + i}`, startMinute + i));
}

export const log = (thread: ChatThread) => thread.shadowRoot!.querySelector<HTMLElement>('[part="log"]')!;
export const all = <T extends Element>(thread: ChatThread, selector: string) => [...thread.shadowRoot!.querySelectorAll<T>(selector)];
export const entries = (thread: ChatThread) => all<HTMLElement>(thread, '.entry');
export const entryAt = (thread: ChatThread, index: number) => thread.shadowRoot!.querySelector<HTMLElement>(`.entry[data-index="${index}"]`);
export const pill = (thread: ChatThread) => thread.shadowRoot!.querySelector<HTMLButtonElement>('[part="new-messages"]');
export const distanceFromBottom = (element: HTMLElement) => element.scrollHeight - element.scrollTop - element.clientHeight;

export async function frames(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise(requestAnimationFrame);
}

/** Waits until the rows are rendered and have kept still for a few frames. */
export async function settled(thread: ChatThread): Promise<void> {
  await thread.updateComplete;
  await waitUntil(() => entries(thread).length > 0 || thread.shadowRoot!.querySelector('[part="empty"]'), 'rows render');
  let last = '';
  let still = 0;
  for (let i = 0; i < 60 && still < 3; i++) {
    await frames(1);
    const now = `${log(thread).scrollTop}/${log(thread).scrollHeight}/${entries(thread).length}`;
    still = now === last ? still + 1 : 0;
    last = now;
  }
}

/** Waits until the log shows its newest message at the bottom. */
export async function atBottom(thread: ChatThread, what = 'the log is at the newest message'): Promise<void> {
  await waitUntil(() => {
    const index = Number(entries(thread).at(-1)?.dataset.index);
    return distanceFromBottom(log(thread)) < 2 && index === itemsLength(thread) - 1;
  }, what);
}

const itemsLength = (thread: ChatThread) => thread.messages?.length ?? 0;

/** Where the row of the message at `index` is, relative to the log's top (undefined when not rendered). */
export function offsetOf(thread: ChatThread, index: number): number | undefined {
  const row = entryAt(thread, index)?.parentElement;
  return row ? row.getBoundingClientRect().top - log(thread).getBoundingClientRect().top : undefined;
}

/** The index and offset of the first message whose row shows in the log (more than a pixel of it). */
export function firstVisible(thread: ChatThread): { index: number; offset: number } {
  const top = log(thread).getBoundingClientRect().top;
  const entry = entries(thread)
    .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
    .find((element) => element.parentElement!.getBoundingClientRect().bottom > top + 1)!;
  return { index: Number(entry.dataset.index), offset: entry.parentElement!.getBoundingClientRect().top - top };
}
