import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { ContextConsumer, ContextProvider } from '@lit/context';
import { repeat } from 'lit/directives/repeat.js';
import { loadOnce } from '../../model/load-once.ts';
import type { ChatMessage } from '../../model/message.ts';
import type { ChatStore } from '../../state/chat-store.ts';
import { chatStoreContext } from '../../state/context.ts';
import { StoreController } from '../../state/store-controller.ts';
import type { DownloadState, ThreadEntry, UploadState } from '../../state/types.ts';
import { ChatElement } from '../chat-element.ts';
import { spaceSeparated } from '../converters.ts';
import { emit, type ChatEventMap } from '../events.ts';
import * as fileAlbum from '../file-album/file-album.names.ts';
import * as fileBubble from '../file-bubble/file-bubble.names.ts';
import { needElement } from '../lazy-elements.ts';
import { chatStringsContext } from '../strings.ts';
import { ArrivalTracker } from './arrivals.ts';
import { scrollIntoLog, shownIndices } from './log-view.ts';
import type { ThreadFiles } from './thread-files.ts';
import { personOf, type Person } from './avatar.ts';
import { albumEnd, albumStart, describeArrival, itemKey, messageOf, type ThreadItem } from './thread-items.ts';
import { entryOf, renderRow, type RowContext } from './thread-row.ts';
import { VirtualLog } from './virtual-log.ts';
import { prepareTimeFormat } from '../message-time.ts';
import { styles } from './chat-thread.styles.ts';

/** More arrivals than this at once are announced as a count. */
const MAX_ANNOUNCED = 3;

/** What threads do with file messages, loaded with the first file one shows (a page that only chats never loads it). */
const loadThreadFiles = loadOnce(() =>
  import('./thread-files.ts').catch((error: unknown) => {
    console.error('Chatdrop could not load the code of file messages:', error);
    throw error;
  }),
);

/**
 * The conversation: a virtualized log of messages (only the rows near the viewport exist), text
 * as a `<text-bubble>` and each file as a `<file-bubble>`, with day separators and the sender's
 * avatar and name once per group, and every message's time. It opens at the newest message and stays there as messages arrive unless
 * the reader scrolled up; then a "N new messages" button (or End) brings them back. Scrolling to
 * the top loads older history while the message being read stays where it is. New messages from
 * others are announced politely to screen readers (the log itself is `aria-live="off"`: rows
 * come and go as the reader scrolls).
 *
 * Keyboard: the log is focusable; Up and Down move between messages, Home and End go to the
 * oldest loaded and the newest, Enter on a file message downloads it (or saves it again).
 *
 * Files sent together (and the text typed with them), one `group` from one sender, show as one
 * album: the images and videos as one `<file-album>` grid (a lone video with only documents
 * stays a bubble that plays in place), audio and the other files as one compact list, the text
 * once under them. The album is one message for the keyboard.
 *
 * Activating an image (or a video's tile) opens a `<chat-lightbox>` over the window that steps
 * through every image and video of the loaded messages, in order, playing the video it opened
 * on; closing it returns focus to the bubble (or tile) that opened it.
 *
 * Inside a `<chat-widget>` it renders the store the widget provides and calls its `loadOlder()`;
 * standalone it renders its `messages`, `uploads` and `downloads` properties (when `messages` is
 * set, they win) and asks its host for older messages with `chat-load-older`.
 * Its bubbles, albums and lightbox speak its words: its `strings` over the widget's, if any.
 * The intents the bubbles raise (`chat-retry`, `chat-download`, …) bubble through it unchanged.
 *
 * Besides its own parts, it forwards every part of its text bubbles, file bubbles, albums and
 * lightbox, prefixed `text-`, `file-`, `album-` and `lightbox-` (`chat-thread::part(file-retry)`).
 *
 * @dependency text-bubble
 * @dependency file-bubble
 * @dependency file-album
 * @dependency chat-lightbox
 *
 * @csspart log - The scrolling message log (`role="log"`).
 * @csspart entry - One message: its sender's avatar and name, its bubbles and time (`role="article"`, focusable).
 * @csspart avatar - The sender's picture, or initials on a colour from their id, once per group of messages from others.
 * @csspart sender - The sender's name, shown once per group of messages from others.
 * @csspart documents - The files other than images and videos sent together (audio, documents), as one list of file bubbles.
 * @csspart time - The time of a message with no text (hour and minute as its language writes them: "3:04 PM", "15:04"; the full date in its tooltip). A text's time is `text-time`.
 * @csspart day - A day separator: "Today", "Yesterday" or the date.
 * @csspart new-messages - The "N new messages" button shown while the reader is scrolled up.
 * @csspart empty - The "No messages yet" note.
 *
 * @cssprop --chat-thread-height - Height of the thread (default `24rem`; `auto` to size it by flex).
 * @cssprop --chat-thread-gap - Space between messages.
 * @cssprop --chat-thread-padding - Space around the messages.
 * @cssprop --chat-thread-background - Background behind the bubbles.
 * @cssprop --chat-accent - Background of the "N new messages" button.
 * @cssprop --chat-new-messages-color - Text colour of the "N new messages" button (default: the accent's contrast).
 * @cssprop --chat-muted-color - Colour of day separators, names and times.
 * @cssprop --chat-avatar-size - Width and height of an avatar (default `2rem`).
 * @cssprop --chat-separator-color - Colour of the rule beside a day separator (default: the border colour).
 * @cssprop --chat-thumbnail-max-width - Widest an image is shown; its height follows the ratio the message declares.
 *
 * @fires chat-load-older - Standalone, the reader reached the oldest message shown: the host may prepend older ones to `messages`. `detail: { messageId }` (the oldest shown).
 * @fires chat-download - Enter on a file message: download its (first) file. `detail: { messageId, index }`.
 */
export class ChatThread extends ChatElement {
  static override styles = styles;

  static override properties: PropertyDeclarations = {
    messages: { attribute: false },
    uploads: { attribute: false },
    downloads: { attribute: false },
    userId: { attribute: 'user-id' },
    people: { attribute: false },
    streamOrigins: { attribute: 'stream-origins', converter: spaceSeparated },
    store: { attribute: false },
  };

  /** Messages to show standalone, in order. When set, the store's messages are ignored. */
  messages?: ChatMessage[];

  /** Standalone: our uploads by message id. */
  uploads: Record<string, UploadState> = {};

  /** Standalone: downloads by `downloadKey(messageId, index)`. */
  downloads: Record<string, DownloadState> = {};

  /** Standalone: our user id; messages from it are shown as ours. */
  userId = '';

  /**
   * What the host knows about users, by id: `{ u7: { name: 'Ada Lovelace', avatar: 'https://…' } }`.
   * Shown over what messages say; an avatar shows only if it is an http(s) URL that loads, else initials.
   * Every reader's browser fetches each `avatar` URL itself, so whoever serves it sees each reader's
   * address and when they read (tracking): serve avatars from your own origin; initials show when a
   * user has no URL or it fails to load.
   */
  people: Record<string, Person> = {};

  /**
   * Origins (`https://media.example.com`, space-separated) whose video and audio files may play
   * streamed from their URL, before any download; passed to every `<file-bubble>`. Empty: a
   * player gets only downloaded bytes.
   */
  streamOrigins: string[] = [];

  /** The widget's store, provided by context inside a `<chat-widget>` (or set directly). */
  store?: ChatStore;

  #entries = new StoreController<ThreadEntry[]>(this);
  #uploads = new StoreController<Record<string, UploadState>>(this);
  #downloads = new StoreController<Record<string, DownloadState>>(this);
  #hasOlder = new StoreController<boolean>(this);
  #items: readonly ThreadItem[] = [];
  #context!: RowContext;
  #arrivals = new ArrivalTracker();
  #announcement = '';
  /** Messages from others that arrived while the reader was scrolled up. */
  #unseen = 0;
  /** The message holding the roving tab stop. */
  #activeKey?: string;
  /** The oldest message we last asked older history for: asked once each. */
  #askedOlderThan?: string;
  #virtual = new VirtualLog(this, { log: () => this.#log(), onNearTop: () => this.#loadOlder() });
  /** What only file messages need (the lightbox, Enter to download), once loaded. */
  #files?: ThreadFiles;
  /** Hands the thread's words to its bubbles, albums and lightbox, as a widget does (standalone, nothing else would). */
  readonly #stringsProvider = new ContextProvider(this, { context: chatStringsContext });

  constructor() {
    super();
    new ContextConsumer(this, { context: chatStoreContext, subscribe: true, callback: (store) => (this.store = store) });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    prepareTimeFormat(() => this.t.lang);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('store')) {
      this.#entries.store = this.store?.$entries;
      this.#uploads.store = this.store?.$uploads;
      this.#downloads.store = this.store?.$downloads;
      this.#hasOlder.store = this.store?.$hasOlder;
    }
    this.#stringsProvider.setValue(this.t);
    const isStandalone = this.messages !== undefined;
    const items = this.messages ?? this.#entries.value ?? [];
    this.#context = {
      t: this.t,
      userId: this.userId,
      people: this.people,
      uploads: (isStandalone ? this.uploads : this.#uploads.value) ?? {},
      downloads: (isStandalone ? this.downloads : this.#downloads.value) ?? {},
      now: Date.now(),
      activeKey: this.#activeKey,
      streamOrigins: this.streamOrigins,
      needFileCode: this.#needFileCode,
      needAlbumCode: () => needElement(fileAlbum.tagName),
      renderAlbum: this.#files?.renderAlbum,
    };
    if (items !== this.#items) {
      this.#items = items;
      this.#itemsChanged(items);
    }
    if (this.#virtual.isFollowing) this.#unseen = 0;
  }

  /** Follows our own new messages, counts and announces others', and re-ranges the rows. */
  #itemsChanged(items: readonly ThreadItem[]): void {
    const arrived = this.#arrivals.next(items).map((item) => entryOf(item, this.#context));
    const fromOthers = arrived.filter((entry) => !entry.isMine);
    if (arrived.some((entry) => entry.isMine)) this.#virtual.isFollowing = true;
    if (!this.#virtual.isFollowing) this.#unseen += fromOthers.length;
    if (fromOthers.length > 0) {
      this.#announcement =
        fromOthers.length > MAX_ANNOUNCED
          ? this.t.arrivedMany(fromOthers.length, this.#describeArrival(fromOthers.at(-1)!.message))
          : fromOthers.map((entry) => this.#describeArrival(entry.message)).join('. ');
    }
    this.#virtual.setItems(items);
  }

  #describeArrival(message: ChatMessage): string {
    return describeArrival(message, this.t, personOf(message.sender.id, this.people));
  }

  /**
   * A row shows a file: loads the bubble's code and the thread's file code, the first time (a
   * failed load is tried again when a file is next rendered). Resolves to the file code once loaded.
   */
  #needFileCode = (): Promise<ThreadFiles | undefined> => {
    needElement(fileBubble.tagName);
    return loadThreadFiles().then(
      ({ ThreadFiles }) => {
        if (this.#files) return this.#files;
        // Rows holding albums show their names until now: render them again.
        this.requestUpdate();
        return (this.#files = new ThreadFiles(this, { items: () => this.#items, focusEntry: (index) => this.#focusEntry(index) }));
      },
      () => undefined,
    );
  };

  #log(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.log');
  }

  /** Standalone: asks the host for older messages; in a widget: asks the store. Once per oldest message. */
  #loadOlder(): void {
    const oldest = this.#items[0];
    if (!oldest || itemKey(oldest) === this.#askedOlderThan) return;
    this.#askedOlderThan = itemKey(oldest);
    if (this.messages === undefined && this.store) {
      if (this.#hasOlder.value === false) return;
      this.store.loadOlder().catch(() => (this.#askedOlderThan = undefined));
      return;
    }
    emit(this, 'chat-load-older', { messageId: messageOf(oldest).id });
  }

  #jumpToNewest = () => {
    this.#virtual.followNewest();
    this.#log()?.focus({ preventScroll: true });
  };

  /** Passive: the reader's wheel, touch or scrollbar drag is never held up. */
  #readerScrolls = { handleEvent: () => this.#virtual.onReaderScroll(), passive: true };

  #onKeyDown = (event: KeyboardEvent) => {
    this.#virtual.onReaderScroll();
    const target = event.target as HTMLElement;
    const isOnEntry = target.classList.contains('entry');
    if (!isOnEntry && !target.classList.contains('log')) return;
    const index = isOnEntry ? Number(target.dataset.index) : undefined;
    const last = this.#items.length - 1;
    switch (event.key) {
      case 'ArrowDown':
        void this.#focusEntry(index === undefined ? (shownIndices(target)[0] ?? 0) : Math.min(last, albumEnd(this.#items, index) + 1));
        break;
      case 'ArrowUp':
        void this.#focusEntry(index === undefined ? (shownIndices(target).at(-1) ?? last) : Math.max(0, index - 1));
        break;
      case 'Home':
        this.#virtual.showIndex(0);
        if (isOnEntry) void this.#focusEntry(0);
        break;
      case 'End':
        this.#virtual.followNewest();
        if (isOnEntry) void this.#focusEntry(last);
        break;
      case 'Enter': {
        const item = index === undefined ? undefined : this.#items[index];
        if (!item || !messageOf(item).attachments?.length) return;
        // Right after the first file showed, its code may still be loading: Enter waits for it.
        void (this.#files ? Promise.resolve(this.#files) : this.#needFileCode()).then((files) => files?.download(item, this.#context));
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  };

  /** Moves the roving tab stop and focus to the message at `index` (its album's, in one), scrolling it into view; resolves to its entry. */
  async #focusEntry(at: number): Promise<HTMLElement | undefined> {
    const index = albumStart(this.#items, at);
    const item = this.#items[index];
    if (!item) return;
    this.#activeKey = itemKey(item);
    this.requestUpdate();
    if (!this.#entryAt(index)) this.#virtual.showIndex(index);
    await this.updateComplete;
    const entry = this.#entryAt(index);
    if (!entry) return;
    scrollIntoLog(this.#log()!, entry);
    entry.focus({ preventScroll: true });
    return entry;
  }

  #entryAt(index: number): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`.entry[data-index="${index}"]`);
  }

  /**
   * An image bubble asks to be shown large: the lightbox opens on it, among the loaded messages'
   * images. Only a bubble raises this, so the file code has come (or is coming) with it.
   */
  #onOpenImage = (event: ChatEventMap['chat-open-image']) => {
    event.preventDefault();
    void this.#needFileCode().then((files) => files?.openImage(event.detail));
  };

  override render() {
    const { first, rendered } = this.#virtual.range;
    const t = this.t;
    const items = this.#items;
    const unseen = this.#unseen;
    return html`
      <div part="log" class="log" role="log" aria-live="off" aria-label=${t.messagesLabel} tabindex="0"
        @chat-open-image=${this.#onOpenImage} @scroll=${this.#virtual.onScroll} @keydown=${this.#onKeyDown} @wheel=${this.#readerScrolls}
        @touchmove=${this.#readerScrolls} @pointerdown=${this.#readerScrolls}>
        <div class="spacer"></div>
        ${repeat(rendered, itemKey, (item, offset) => renderRow(items, first + offset, this.#context))}
        <div class="spacer"></div>
        ${items.length === 0 ? html`<p part="empty" class="empty">${t.noMessages}</p>` : nothing}
      </div>
      ${unseen > 0
        ? html`<button part="new-messages" class="new-messages" type="button" @click=${this.#jumpToNewest}>
            ${t.newMessages(unseen)}
          </button>`
        : nothing}
      <div class="visually-hidden" aria-live="polite">${this.#announcement}</div>
      ${this.#files?.renderLightbox(this.#context.downloads, this.streamOrigins)}
    `;
  }
}
