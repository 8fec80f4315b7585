import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { itemKey, type ThreadItem } from './thread-items.ts';
import { RowRange } from './row-range.ts';

/** How close to the bottom, in pixels, still counts as reading the newest messages. */
const AT_BOTTOM = 32;

/** How long after a wheel, touch or key the reader counts as scrolling: the log does not pull them down meanwhile. */
const READER_SCROLLING_MS = 250;

/**
 * The row the reader is looking at, and where its top is in the log's content. When rows above
 * it grow or shrink (or arrive), the log scrolls by as much; the reader's own scrolling moves no
 * content, so it is never undone, even before its scroll event arrives.
 */
interface Anchor {
  key: string;
  top: number;
}

/** What the virtual log needs from its element. */
export interface VirtualLogHost extends ReactiveControllerHost, HTMLElement {}

/** What the virtual log needs to know and tells. */
export interface VirtualLogOptions {
  /**
   * The scrolling element: a top spacer, the rendered rows (`.row[data-key]`), a bottom spacer
   * (`.spacer`, both: the virtual log sets their heights).
   */
  log(): HTMLElement | null;
  /** The reader is at the oldest loaded messages (or the messages do not fill the log). */
  onNearTop(): void;
}

/**
 * A virtual scroller made for a chat log: only the rows near the viewport exist (`range`).
 * After every change (rows rendered, a row resized, history prepended) it keeps the reader
 * still: at the newest message while following, else with the row they were reading exactly
 * where it was. Rows are found by key, so prepending is no special case. Rows are measured by a
 * ResizeObserver; other rows are rendered in the next frame, never inside its callback.
 */
export class VirtualLog implements ReactiveController {
  readonly range = new RowRange();
  /** Whether the newest message is kept at the bottom. */
  isFollowing = true;

  #anchor?: Anchor;
  /** A message to bring to the top of the log once rendered (Home, a far message). */
  #target?: string;
  #observed = new Set<Element>();
  #resizeObserver = new ResizeObserver((entries) => this.#onResize(entries));
  #rangeFrame = 0;
  #focusedRow?: Element;
  /** Where we last scrolled the log to: the scroll event that follows is ours, not the reader's. */
  #scrolledTo?: number;
  /** When the reader last turned the wheel, touched or pressed a key in the log. */
  #readerScrolledAt = Number.NEGATIVE_INFINITY;
  #recheck?: ReturnType<typeof setTimeout>;
  /** The rows the last update laid out: an update that keeps them needs no measuring. */
  #laidOut?: { log: HTMLElement; items: readonly ThreadItem[]; first: number; last: number; padTop: number; padBottom: number };

  constructor(
    private readonly host: VirtualLogHost,
    private readonly options: VirtualLogOptions,
  ) {
    host.addController(this);
  }

  /** Takes the thread's new items before a render. */
  setItems(items: readonly ThreadItem[]): void {
    const moved = this.range.setItems(items);
    if (moved === 0 && this.range.last < this.range.first) this.#anchor = undefined;
    // The rows above moved by `moved`: the log will scroll as much once rendered.
    this.updateRange(moved);
  }

  hostConnected(): void {
    // Reconnected (moved in the page): observe the rows again.
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.#resizeObserver.disconnect();
    this.#observed.clear();
    this.#laidOut = undefined;
    cancelAnimationFrame(this.#rangeFrame);
    clearTimeout(this.#recheck);
  }

  hostUpdate(): void {
    const active = this.host.shadowRoot?.activeElement;
    this.#focusedRow = active?.classList.contains('entry') ? active.parentElement! : undefined;
  }

  hostUpdated(): void {
    const log = this.options.log();
    if (!log) return;
    // A focused message that left the rendered range hands focus back to the log.
    if (this.#focusedRow && !this.#focusedRow.isConnected) log.focus({ preventScroll: true });
    const { items, first, last, padTop, padBottom } = this.range;
    const laidOut = this.#laidOut;
    // The same rows, only what they show changed (an upload's progress, a status): nothing to
    // measure or scroll now (a row that changed size reaches the ResizeObserver), and reading the
    // log's layout here would force it in every progress event.
    if (laidOut?.log === log && laidOut.items === items && laidOut.first === first && laidOut.last === last && laidOut.padTop === padTop && laidOut.padBottom === padBottom) return;
    this.#laidOut = { log, items, first, last, padTop, padBottom };
    // The spacers stand for the rows not rendered: sized before anything measures the log.
    const [top, bottom] = log.querySelectorAll<HTMLElement>(':scope > .spacer');
    top!.style.height = `${this.range.padTop}px`;
    bottom!.style.height = `${this.range.padBottom}px`;
    if (!this.#observed.has(log)) this.#observe(log);
    for (const row of log.querySelectorAll<HTMLElement>(':scope > .row')) {
      // An album's later messages have empty rows: nothing to observe, and no height.
      if (row.hasAttribute('data-joined')) this.range.measure(row.dataset.key!, 0);
      else if (!this.#observed.has(row)) this.#observe(row);
    }
    for (const element of this.#observed) {
      if (element.isConnected) continue;
      this.#resizeObserver.unobserve(element);
      this.#observed.delete(element);
    }
    // The bubbles of new rows render in the microtasks queued by this update: measure after them,
    // not while those rows are still empty (the log would briefly shrink and clamp its scroll).
    queueMicrotask(() => {
      this.#holdStill();
      // After a jump, the reader's place is the first of the rows just rendered.
      if (!this.isFollowing && !this.#anchor) this.#anchor = this.#readAnchor(log);
      this.#checkNearTop();
    });
  }

  /** The reader scrolled (or we did): follow or not, remember where they are, render what now shows. */
  onScroll = () => {
    const log = this.options.log();
    if (!log) return;
    const wasFollowing = this.isFollowing;
    const isOurs = this.#scrolledTo !== undefined && Math.abs(log.scrollTop - this.#scrolledTo) < 1;
    this.#scrolledTo = undefined;
    if (isOurs) {
      // Rows may have grown since we scrolled: our own scroll event must not stop the following.
      this.#holdStill();
    } else {
      this.isFollowing = log.scrollHeight - log.scrollTop - log.clientHeight <= AT_BOTTOM;
      if (!this.isFollowing) this.#anchor = this.#readAnchor(log);
    }
    if (this.updateRange() || wasFollowing !== this.isFollowing) this.host.requestUpdate();
    this.#checkNearTop();
  };

  /**
   * The reader is scrolling (wheel, touch, key, scrollbar): its scroll event may come a frame
   * later, while messages keep arriving; until then the log must not pull it back down.
   */
  onReaderScroll = () => {
    this.#readerScrolledAt = performance.now();
  };

  /** Keep the newest message at the bottom from now on. */
  followNewest(): void {
    this.isFollowing = true;
    this.updateRange();
    this.host.requestUpdate();
  }

  /** Shows the message at `index` at the top of the log, rendering it first if it is far away. */
  showIndex(index: number): void {
    const item = this.range.items[index];
    if (!item) return;
    this.isFollowing = false;
    this.#target = itemKey(item);
    this.updateRange(this.range.reach(index) - (this.options.log()?.scrollTop ?? 0));
    this.host.requestUpdate();
  }

  /**
   * Works out the rows to render for the scroll position (`scrollBy` past the current one when
   * the log is about to scroll that far); true when they changed.
   */
  updateRange(scrollBy = 0): boolean {
    const { first, last, padTop } = this.range;
    const log = this.options.log();
    const viewport = log?.clientHeight || this.host.clientHeight;
    if (this.range.items.length === 0) this.range.clear();
    else if (this.isFollowing) this.range.fromBottom(viewport);
    else this.range.around((log?.scrollTop ?? 0) + scrollBy, viewport);
    return first !== this.range.first || last !== this.range.last || padTop !== this.range.padTop;
  }

  #observe(element: Element): void {
    this.#resizeObserver.observe(element);
    this.#observed.add(element);
  }

  /** Rows measured or resized: remember their heights, keep the reader still, re-range next frame. */
  #onResize(entries: ResizeObserverEntry[]): void {
    for (const entry of entries) {
      const key = (entry.target as HTMLElement).dataset.key;
      const height = entry.borderBoxSize[0]?.blockSize ?? 0;
      if (key !== undefined && height > 0) this.range.measure(key, height);
    }
    this.#holdStill();
    // Rendering other rows now, inside the observer's callback, would make it report a loop error.
    cancelAnimationFrame(this.#rangeFrame);
    this.#rangeFrame = requestAnimationFrame(() => {
      if (this.updateRange()) this.host.requestUpdate();
    });
  }

  /** Following: to the bottom. Bringing a message to the top: there. Else: scrolls by however far the reader's row moved. */
  #holdStill(): void {
    const log = this.options.log();
    if (!log) return;
    if (this.isFollowing) {
      const wait = this.#readerScrolledAt + READER_SCROLLING_MS - performance.now();
      if (wait > 0) {
        // Not while the reader scrolls; their scroll event decides whether to follow on.
        clearTimeout(this.#recheck);
        this.#recheck = setTimeout(() => this.#holdStill(), wait);
        return;
      }
      const bottom = log.scrollHeight - log.clientHeight;
      if (Math.abs(log.scrollTop - bottom) >= 1) this.#scrollTo(log, bottom);
      return;
    }
    const target = this.#target === undefined ? undefined : this.#rowTop(log, this.#target);
    if (this.#target !== undefined && target !== undefined) {
      this.#scrollTo(log, target);
      this.#anchor = { key: this.#target, top: target };
      this.#target = undefined;
      return;
    }
    const anchor = this.#anchor;
    const top = anchor && this.#rowTop(log, anchor.key);
    if (!anchor || top === undefined) return;
    const moved = top - anchor.top;
    anchor.top = top;
    if (Math.abs(moved) >= 0.5) this.#scrollTo(log, log.scrollTop + moved);
  }

  /** Where the row of `key` starts in the log's content, if it is rendered. */
  #rowTop(log: HTMLElement, key: string): number | undefined {
    const row = log.querySelector(`:scope > .row[data-key="${CSS.escape(key)}"]`);
    return row ? row.getBoundingClientRect().top - log.getBoundingClientRect().top + log.scrollTop : undefined;
  }

  #scrollTo(log: HTMLElement, top: number): void {
    log.scrollTop = top;
    this.#scrolledTo = log.scrollTop;
  }

  /** The first row that shows in the log, and where; none when the rendered rows are off screen (a jump). */
  #readAnchor(log: HTMLElement): Anchor | undefined {
    const view = log.getBoundingClientRect();
    for (const row of log.querySelectorAll<HTMLElement>(':scope > .row')) {
      const box = row.getBoundingClientRect();
      if (box.bottom > view.top) return box.top < view.bottom ? { key: row.dataset.key!, top: box.top - view.top + log.scrollTop } : undefined;
    }
    return undefined;
  }

  #checkNearTop(): void {
    const log = this.options.log();
    if (log && this.range.first === 0 && this.range.items.length > 0 && log.scrollTop < log.clientHeight) this.options.onNearTop();
  }
}
