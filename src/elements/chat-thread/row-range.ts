import { itemKey, joinsPrevious, type ThreadItem } from './thread-items.ts';

/** Height of a row not measured yet, before any row is measured. */
const FIRST_ESTIMATE = 64;

/** Rows are rendered this far, in pixels, beyond each edge of the viewport… */
const OVERSCAN = 600;

/** …and dropped only once this far beyond it, so that scrolling back and forth does not churn. */
const KEEP = 2 * OVERSCAN;

/** Past this many rows, the space for rows skipped is estimated rather than summed. */
const MAX_SUMMED = 500;

/**
 * Which rows of a long thread to render, and the space standing for the others: the top spacer
 * (`padTop`, kept up to date as rows come and go at the top, so that it matches what the reader
 * saw) and the bottom one (the rows after, at the average height). Heights are measured rows'
 * by message id, else the average of those measured. No DOM here, and no work proportional to
 * the thread's length: only to the rows rendered or skipped.
 */
export class RowRange {
  first = 0;
  last = -1;
  padTop = 0;
  padBottom = 0;
  #items: readonly ThreadItem[] = [];
  #heights = new Map<string, number>();
  #measuredTotal = 0;

  get items(): readonly ThreadItem[] {
    return this.#items;
  }

  /** The rows to render. */
  get rendered(): readonly ThreadItem[] {
    return this.#items.slice(this.first, this.last + 1);
  }

  get #estimate(): number {
    return this.#heights.size > 0 ? this.#measuredTotal / this.#heights.size : FIRST_ESTIMATE;
  }

  /** Records a row's measured height. */
  measure(key: string, height: number): void {
    this.#measuredTotal += height - (this.#heights.get(key) ?? 0);
    this.#heights.set(key, height);
  }

  /**
   * Takes the thread's new items, keeping the rendered range on the same messages. Returns how
   * far, in pixels, the content above them moved (older history prepended): the log must scroll
   * as much for the reader to see no change.
   */
  setItems(items: readonly ThreadItem[]): number {
    const previous = this.#items;
    this.#items = items;
    if (this.last < this.first || previous.length === 0) return 0;
    const shift = shiftOf(previous[this.first]!, this.first, items);
    if (shift === undefined) {
      this.#set(0, -1, 0);
      return 0;
    }
    const moved = shift * this.#estimate;
    this.#set(this.first + shift, Math.min(this.last + shift, items.length - 1), this.padTop + moved);
    return moved;
  }

  /** The newest rows, filling the viewport and the overscan above it. */
  fromBottom(viewport: number): void {
    const last = this.#items.length - 1;
    let first = last;
    for (let filled = this.#heightOf(last); first > 0 && filled < viewport + OVERSCAN; ) filled += this.#heightOf(--first);
    this.#moveFirst(first);
    this.last = last;
    this.#done();
  }

  /** Grows and trims the rendered rows around the viewport at `scrollTop`; jumps when it lies beyond them. */
  around(scrollTop: number, viewport: number): void {
    const lastIndex = this.#items.length - 1;
    let top = this.padTop;
    let bottom = top;
    for (let index = this.first; index <= this.last; index++) bottom += this.#heightOf(index);
    if (this.last < this.first || bottom < scrollTop - KEEP || top > scrollTop + viewport + KEEP) {
      // Nothing rendered is near: start from the row the scroll position stands for.
      this.first = Math.min(lastIndex, Math.max(0, Math.floor(scrollTop / this.#estimate)));
      this.last = this.first - 1;
      top = bottom = this.first * this.#estimate;
    }
    while (this.last < lastIndex && bottom < scrollTop + viewport + OVERSCAN) bottom += this.#heightOf(++this.last);
    while (this.last > this.first && bottom - this.#heightOf(this.last) > scrollTop + viewport + KEEP) bottom -= this.#heightOf(this.last--);
    while (this.first > 0 && top > scrollTop - OVERSCAN) top -= this.#heightOf(--this.first);
    while (this.first < this.last && top + this.#heightOf(this.first) < scrollTop - KEEP) top += this.#heightOf(this.first++);
    this.padTop = top;
    this.#done();
  }

  /** Makes the row at `index` part of the range (starting there when it is far) and returns where its top is. */
  reach(index: number): number {
    if (index < this.first || index > this.last) this.#set(index, index - 1, index * this.#estimate);
    let top = this.padTop;
    for (let before = this.first; before < index; before++) top += this.#heightOf(before);
    return top;
  }

  clear(): void {
    this.#set(0, -1, 0);
    this.padBottom = 0;
  }

  #heightOf(index: number): number {
    return this.#heights.get(itemKey(this.#items[index]!)) ?? this.#estimate;
  }

  /** Moves the first rendered row to `first`, adding or removing the heights of the rows between. */
  #moveFirst(first: number): void {
    if (Math.abs(first - this.first) > MAX_SUMMED || this.last < this.first) this.padTop = first * this.#estimate;
    else if (first > this.first) for (let index = this.first; index < first; index++) this.padTop += this.#heightOf(index);
    else for (let index = first; index < this.first; index++) this.padTop -= this.#heightOf(index);
    this.first = first;
  }

  /**
   * The rendered rows start with a whole album (its first message's row shows it all); the top
   * spacer stands for no rows at the start, and is never negative; the bottom one for the rows after.
   */
  #done(): void {
    while (this.first > 0 && this.first <= this.last && joinsPrevious(this.#items[this.first]!, this.#items[this.first - 1])) this.padTop -= this.#heightOf(--this.first);
    if (this.first === 0) this.padTop = 0;
    else if (this.padTop < 0) this.padTop = this.first * this.#estimate;
    this.padBottom = Math.max(0, this.#items.length - 1 - this.last) * this.#estimate;
  }

  #set(first: number, last: number, padTop: number): void {
    this.first = first;
    this.last = last;
    this.padTop = padTop;
  }
}

/**
 * How far the item that was at `index` moved in `items`: 0 when items were only added after it,
 * the number prepended when older ones came; `undefined` when it is gone.
 */
function shiftOf(item: ThreadItem, index: number, items: readonly ThreadItem[]): number | undefined {
  const key = itemKey(item);
  if (items[index] && itemKey(items[index]) === key) return 0;
  for (let distance = 1; distance <= 64; distance++) {
    if (items[index - distance] && itemKey(items[index - distance]!) === key) return -distance;
  }
  for (let at = index + 1; at < items.length && at - index <= 10_000; at++) {
    if (itemKey(items[at]!) === key) return at - index;
  }
  return undefined;
}
