import { itemKey, type ThreadItem } from './thread-items.ts';

/** How many of the newest keys are remembered between calls. */
const TAIL = 32;

/**
 * Tells which messages arrived at the newest end of the thread since it last looked, in
 * O(new + 32) per look, whatever the thread's length: older history loaded at the top, a
 * message updated in place (sent → delivered) or one moved (ours, still unsent, stays last
 * while others' stored messages land before it) is not an arrival.
 */
export class ArrivalTracker {
  /** The keys of the newest items last seen. */
  #tail = new Set<string>();
  /** The oldest key of `#tail`: where a look back may stop. */
  #tailStart?: string;
  #length = 0;
  #hasSeenMessages = false;

  /**
   * The items new at the newest end of `items`, oldest first. The first look at a non-empty
   * thread returns none: that is history, not news.
   */
  next(items: readonly ThreadItem[]): ThreadItem[] {
    const arrived: ThreadItem[] = [];
    if (this.#hasSeenMessages) {
      const limit = Math.min(items.length, Math.max(0, items.length - this.#length) + TAIL);
      let known = 0;
      for (let index = items.length - 1; index >= items.length - limit && known < this.#tail.size; index--) {
        const key = itemKey(items[index]!);
        if (this.#tail.has(key)) known++;
        else arrived.push(items[index]!);
        if (key === this.#tailStart) break;
      }
      arrived.reverse();
    }
    this.#remember(items);
    return arrived;
  }

  #remember(items: readonly ThreadItem[]): void {
    const start = Math.max(0, items.length - TAIL);
    this.#tail = new Set();
    for (let index = start; index < items.length; index++) this.#tail.add(itemKey(items[index]!));
    this.#tailStart = items[start] ? itemKey(items[start]) : undefined;
    this.#length = items.length;
    this.#hasSeenMessages ||= items.length > 0;
  }
}
