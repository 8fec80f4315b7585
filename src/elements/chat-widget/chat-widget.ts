import { LitElement, html, nothing, type PropertyDeclaration, type PropertyDeclarations, type PropertyValues } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { repeat } from 'lit/directives/repeat.js';
import { ContextProvider } from '@lit/context';
import { loadOnce } from '../../model/load-once.ts';
import { createChatStore, type ChatStore } from '../../state/chat-store.ts';
import { chatStoreContext } from '../../state/context.ts';
import { lazyFileKeeper } from '../../state/file-send-code.ts';
import { StoreController } from '../../state/store-controller.ts';
import { isWaitingForFile, type ThreadEntry } from '../../state/types.ts';
import type { UploadProtocol } from '../../state/default-upload.ts';
import type { ConnectionStatus, ChatTransport } from '../../transport/transport.ts';
import { transportFromAttribute } from '../../transport/from-attribute.ts';
import type { DownloadHandler, UploadHandler } from '../../upload/handler.ts';
import type { Person } from '../chat-thread/avatar.ts';
import { emit, type AttachmentRef } from '../events.ts';
import type { FileComposer } from '../file-composer/file-composer.ts';
import { FileDropController } from '../file-drop.ts';
import { spaceSeparated } from '../converters.ts';
import { chatStringsContext, loadLocale, resolveStrings, type ChatStrings } from '../strings.ts';
import { composerParts, threadParts } from './chat-widget.names.ts';
import type { Launcher } from './launcher.ts';
import { chatWidgetStyles } from './chat-widget.styles.ts';

/** Settings that, when changed, need a new store (and connection). */
const STORE_SETTINGS = ['room', 'user', 'transport', 'token', 'xmppPassword', 'uploadEndpoint', 'uploadProtocol', 'uploadToken', 'uploadHandler', 'downloadHandler', 'autoDownloadImagesUpTo'] as const;

/** The launcher mode's code and styles, loaded by the first widget in launcher mode. */
const loadLauncher = loadOnce(() => import('./launcher.ts'));

/** The code announcing uploads, loaded with a widget's first upload. */
const loadUploadAnnouncer = loadOnce(() => import('./upload-announcer.ts'));

/** How many announcements the live region keeps (older ones have been read). */
const KEPT_ANNOUNCEMENTS = 3;

/**
 * A whole chat, dropped onto a page with one tag: a thread, a composer and a connection, inline
 * or behind a floating launcher button. It creates its own store (nothing is shared with other
 * widgets) and hands it, and its strings, to its parts.
 *
 * Besides its own parts, it forwards every part of its composer, prefixed `composer-`, and of its
 * thread: the thread's own prefixed `thread-`, its bubbles' and lightbox's under the names the
 * thread gives them (`chat-widget::part(file-retry)`).
 *
 * @csspart chat - The box holding the header, thread and composer (the panel, in launcher mode).
 * @csspart header - The bar with the title, the connection state and (launcher) the close button.
 * @csspart heading - The title.
 * @csspart status - The connection state.
 * @csspart close - The panel's close button (launcher mode).
 * @csspart launcher - The round button that opens and closes the panel (launcher mode).
 * @csspart badge - The launcher's count of unread messages.
 * @csspart drop-zone - The overlay shown while files are dragged over the widget.
 * @csspart announcer - The visually hidden live region announcing uploads.
 *
 * @cssprop --chat-widget-height - Height of the widget, or of the panel (default `32rem`).
 * @cssprop --chat-widget-radius - Corner radius of the widget or panel.
 * @cssprop --chat-launcher-size - Diameter of the launcher (default `3.5rem`).
 * @cssprop --chat-launcher-offset - Distance of the launcher from the corner (default `1rem`).
 * @cssprop --chat-z-index - Stacking of the launcher and panel (default `1000`).
 * @cssprop --chat-color-scheme - `light`, `dark` or `light dark` (set by `theme`).
 * @cssprop --chat-accent - Accent colour of buttons, the launcher and the drop zone. Every other
 *   `--chat-*` token (see `theme.styles.ts`) reaches the widget's parts too.
 *
 * @dependency chat-thread
 * @dependency file-composer
 *
 * @fires chat-invalid-message - A message from the wire was invalid and was dropped.
 * @fires chat-download-done - A downloaded file was handed to the browser to save.
 * @fires chat-token-expired - The relay or the upload endpoint refused `token` as expired; the widget
 *   asks `refreshToken` for a new one (or takes the `token` a listener sets at once), joins again
 *   and goes on with the upload, messages kept. Refusals at once share one renewal.
 */
export class ChatWidget extends LitElement {
  static override styles = chatWidgetStyles;

  static override properties: PropertyDeclarations = {
    room: {},
    user: {},
    transport: {},
    xmppPassword: { attribute: false },
    uploadEndpoint: { attribute: 'upload-endpoint' },
    uploadProtocol: { attribute: 'upload-protocol' },
    token: {},
    refreshToken: { attribute: false },
    uploadToken: { attribute: 'upload-token' },
    streamOrigins: { attribute: 'stream-origins', converter: spaceSeparated },
    people: { attribute: false },
    autoDownloadImagesUpTo: { attribute: 'auto-download-images-up-to', type: Number },
    uploadHandler: { attribute: false },
    downloadHandler: { attribute: false },
    maxFileSize: { attribute: 'max-file-size', type: Number },
    accept: {},
    capture: {},
    heading: {},
    mode: { reflect: true },
    position: { reflect: true },
    open: { type: Boolean, reflect: true },
    theme: { reflect: true },
    locale: {},
    strings: { attribute: false },
    store: { state: true },
    resolvedStrings: { state: true },
    announcements: { state: true },
  };

  /** The conversation to join. */
  room = 'general';

  /** Who is chatting: an id, also shown as the name. A random guest id when empty. */
  user = '';

  /**
   * Where messages travel: a `ws://`/`wss://` (or page-relative) URL of the reference relay,
   * `broadcast:NAME` for tabs of one origin, or (as a property) any `ChatTransport` object.
   */
  transport: string | ChatTransport = 'broadcast:chatdrop';

  /** The account password for a `transport="xmpp:…"` attribute (never put it in the attribute). */
  xmppPassword?: string;

  /**
   * The URL files are uploaded to, as `upload-protocol` says. Without it, a transport that offers
   * upload slots (XMPP) is used.
   */
  uploadEndpoint = '';

  /**
   * How files go to `upload-endpoint`: `multipart` (one `multipart/form-data` POST answering JSON
   * `{ url }`) or `tus` (resumable uploads, tus 1.0, like the reference server's `/tus/`: a cut
   * upload goes on from where it stopped, also after a reload).
   */
  uploadProtocol: UploadProtocol = 'multipart';

  /**
   * The signed token (a JWT from the host's backend) the reference relay checks on join; the
   * default upload sends it too (`Authorization: Bearer …`) unless `uploadToken` is set.
   */
  token = '';

  /**
   * Gives a fresh `token` when the server says the current one expired (after `chat-token-expired`).
   * The widget joins again with it and sends what waited in its outbox.
   */
  refreshToken?: () => Promise<string | undefined> | string | undefined;

  /** A bearer token the default upload sends (`Authorization: Bearer …`), for endpoints that need one. */
  uploadToken = '';

  /**
   * Origins (`https://media.example.com`, space-separated) whose video and audio files may play
   * streamed from their URL, before any download. Empty: they play once downloaded.
   */
  streamOrigins: string[] = [];

  /** Names and avatar URLs of users, by id, shown in the thread over what messages say (see `<chat-thread>`). */
  people: Record<string, Person> = {};

  /**
   * Images up to this many bytes are downloaded as soon as they arrive, so the full image (and a
   * GIF's animation) shows without a click; they are not saved. Default 10 MB (10 000 000); 0: only on click.
   * An image whose message says no size (another XMPP client's, shared by URL alone) is asked
   * about first and never read past the limit; bytes that are no raster image (HTML, SVG) are never shown.
   */
  autoDownloadImagesUpTo = 10_000_000;

  /** Replaces the default upload (Uppy to `upload-endpoint`): signed URLs, auth headers, own storage. */
  uploadHandler?: UploadHandler;

  /** Replaces the default download (`fetch` of the file URL). */
  downloadHandler?: DownloadHandler;

  /** Largest file the composer accepts, in bytes (inclusive). */
  maxFileSize?: number;

  /** File types the composer accepts: MIME types, `image/*` or `.ext`, comma-separated. Empty: any. */
  accept = '';

  /** Offers the composer's Take photo button: `environment` (back camera) or `user` (front). */
  capture?: string | null;

  /** The title in the header; the locale's word for "Chat" when empty. */
  heading = '';

  /** `inline` (in the page's flow) or `launcher` (a round button fixed in a corner opening a panel). */
  mode: 'inline' | 'launcher' = 'inline';

  /** The launcher's corner: `bottom-right`, `bottom-left`, or by reading direction `bottom-end`, `bottom-start`. */
  position: 'bottom-right' | 'bottom-left' | 'bottom-end' | 'bottom-start' = 'bottom-right';

  /** Whether the launcher's panel is open. */
  open = false;

  /** `light` or `dark`, for the widget and all its parts; follows the user's system setting when unset. */
  theme?: 'light' | 'dark';

  /** The language of the words shown: a shipped locale (`en`, `de`); anything else is English. Sets `lang`. */
  locale = 'en';

  /** Replaces some of the words of the widget and all its parts, e.g. `{ send: 'Go' }`. */
  strings?: Partial<ChatStrings>;

  /** The store this widget runs on; its parts receive it by context. */
  store?: ChatStore;

  /** The strings of the widget and its parts: `strings` over the locale. */
  protected resolvedStrings: ChatStrings = resolveStrings('en');

  private announcements: { id: number; text: string }[] = [];

  readonly #storeProvider = new ContextProvider(this, { context: chatStoreContext });
  readonly #stringsProvider = new ContextProvider(this, { context: chatStringsContext });
  readonly #status = new StoreController<ConnectionStatus>(this);
  readonly #entries = new StoreController<ThreadEntry[]>(this);
  /** Stops the upload announcer, or waiting for the first upload to load it. */
  #stopAnnouncer?: () => void;
  readonly #drop = new FileDropController(this, {
    onFiles: (files) => this.#composer?.addFiles(files),
    onDragStart: () => this.#announce(this.resolvedStrings.dropToSend),
  });
  /** The widget is a labelled region of the host page (several widgets stay distinguishable). */
  readonly #internals = this.attachInternals();
  #settingsInUse: unknown[] = [];
  /** The default upload's headers: one object, so a renewed token reaches the next upload. */
  #uploadHeaders: Record<string, string> = {};
  /** The renewal under way: the relay and uploads refused at once share it (the host is asked once). */
  #renewal?: Promise<string | undefined>;
  #guestId = `guest-${Math.random().toString(36).slice(2, 8)}`;
  #nextAnnouncement = 0;
  /** The launcher, once its code loaded (`mode="launcher"`). */
  #launcher?: Launcher;
  /** Whether the launcher's code failed to load: the chat shows inline until `mode` is set again. */
  #isLauncherMissing = false;

  constructor() {
    super();
    this.addEventListener('chat-send', (event) => {
      const { text, files } = event.detail;
      // Text typed with files is their caption: one album with it under the grid.
      if (files.length === 0) this.store?.sendText(text);
      else if (this.store?.isReadyToSendFiles()) void this.store.sendFiles(files, text);
      else {
        // The file code, fetched since the files were staged, is not here yet: the composer keeps the draft and sends it once
        // it is. Could it not be loaded (offline), the composer says so and the draft stays for the next Send.
        event.preventDefault();
        void this.store?.prepareToSend().then((isReady) => (isReady ? this.#composer?.send() : this.#composer?.showError(this.resolvedStrings.attachUnavailable)));
      }
    });
    // A file staged is about to be sent: the code that describes and uploads it loads now, not after Send.
    this.addEventListener('chat-files-staged', () => void this.store?.prepareToSend());
    this.addEventListener('chat-retry', (event) => this.#retry(event.detail.messageId));
    this.addEventListener('chat-cancel-upload', (event) => this.store?.cancelUpload(event.detail.messageId));
    this.addEventListener('chat-download', (event) => void this.#save(event.detail));
    this.addEventListener('chat-cancel-download', (event) => this.store?.cancelDownload(event.detail.messageId, event.detail.index));
    this.addEventListener('chat-play', (event) => void this.store?.download(event.detail.messageId, event.detail.index).catch(() => undefined));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.store?.stop();
    this.#stopAnnouncer?.();
    this.store = undefined;
    this.#storeProvider.setValue(undefined);
    this.#settingsInUse = [];
  }

  get #composer(): FileComposer | null {
    return this.renderRoot.querySelector('file-composer');
  }

  /**
   * A locale other than English, and the launcher's code in launcher mode, load before the widget
   * renders with them (no flash of English, nor of an unplaced panel). Without the launcher's
   * code (offline), the widget shows inline until `mode` is set again, which tries again: not
   * every update does, so a widget never turns into a launcher mid-conversation by itself.
   */
  protected override async scheduleUpdate(): Promise<void> {
    await loadLocale(this.locale);
    if (this.mode === 'launcher' && !this.#launcher && !this.#isLauncherMissing) {
      try {
        this.#launcher = new (await loadLauncher()).Launcher(this);
      } catch (error) {
        console.error('Chatdrop could not load its launcher; the chat shows inline:', error);
        this.#isLauncherMissing = true;
      }
    }
    super.scheduleUpdate();
  }

  /** Setting `mode`, even to the mode it has, tries the launcher's code again after it failed to load. */
  override requestUpdate(name?: PropertyKey, oldValue?: unknown, options?: PropertyDeclaration): void {
    if (name === 'mode' && this.#isLauncherMissing) {
      this.#isLauncherMissing = false;
      super.requestUpdate();
    }
    super.requestUpdate(name, oldValue, options);
  }

  /** The store is made on the first update (after the host set its properties) and remade when a setting changes. */
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale') || changed.has('strings')) this.resolvedStrings = resolveStrings(this.locale, this.strings);
    this.#launcher?.willUpdate(changed);
    const settings = STORE_SETTINGS.map((name) => this[name]);
    if (!this.store || settings.some((value, index) => value !== this.#settingsInUse[index])) {
      this.store?.stop();
      this.#settingsInUse = settings;
      this.#startStore();
    }
    // Only a closed launcher shows the unread count: otherwise new messages need no widget render.
    this.#entries.store = this.mode === 'launcher' && !this.open ? this.store?.$entries : undefined;
    this.#storeProvider.setValue(this.store);
    this.#stringsProvider.setValue(this.resolvedStrings);
  }

  #startStore(): void {
    const bearer = this.uploadToken || this.token;
    this.#uploadHeaders = bearer ? { Authorization: `Bearer ${bearer}` } : {};
    const transport = typeof this.transport === 'string' ? transportFromAttribute(this.transport, { password: this.xmppPassword }) : this.transport;
    const id = this.user || this.#guestId;
    const store = createChatStore({
      transport,
      room: this.room,
      user: { id, name: id },
      upload: this.uploadHandler,
      uploadEndpoint: this.uploadEndpoint,
      uploadProtocol: this.uploadProtocol,
      uploadHeaders: this.#uploadHeaders,
      token: this.token || undefined,
      refreshToken: () => this.#renewToken(),
      refreshUploadToken: this.uploadToken ? undefined : () => this.#renewToken(),
      download: this.downloadHandler,
      autoDownloadImagesUpTo: this.autoDownloadImagesUpTo,
      fileKeeper: lazyFileKeeper,
      onInvalidMessage: (error) => {
        console.warn(`Chatdrop dropped an invalid message: ${error.message}`);
        emit(this, 'chat-invalid-message', { reason: error.message });
      },
    });
    this.store = store;
    this.#status.store = store.$status;
    this.#launcher?.restart();
    this.#announceUploadsOf(store);
    void store.start();
  }

  /**
   * Announces the store's uploads (started, sent, failed) in the live region. The announcer's
   * code loads with the first upload (a page that only chats never downloads it); if it cannot,
   * the widget's next store tries again.
   */
  #announceUploadsOf(store: ChatStore): void {
    this.#stopAnnouncer?.();
    let stopped = false;
    const stopWaiting = store.$uploads.listen(() => {
      stopWaiting();
      loadUploadAnnouncer().then(
        ({ announceUploads }) => {
          if (!stopped) this.#stopAnnouncer = announceUploads(store, () => this.resolvedStrings, (text) => this.#announce(text));
        },
        (error: unknown) => console.error('Chatdrop could not load its upload announcer:', error),
      );
    });
    this.#stopAnnouncer = () => {
      stopped = true;
      stopWaiting();
    };
  }

  /**
   * Retries a failed upload or send; a file message waiting for its file (the page reloaded and the
   * browser could not keep it) opens the file picker instead, and the file picked goes to the store
   * (which takes only the same file).
   */
  #retry(messageId: string): void {
    if (!isWaitingForFile(this.store?.$uploads.get()[messageId])) {
      this.store?.retry(messageId);
      return;
    }
    const store = this.store!;
    const picker = document.createElement('input');
    picker.type = 'file';
    picker.addEventListener('change', () => {
      const file = picker.files?.[0];
      if (file) void store.pickFile(messageId, file);
    });
    picker.click();
  }

  /**
   * A fresh token after the server (the relay, or an upload endpoint) refused one as expired: the
   * one a `chat-token-expired` listener set, else `refreshToken`'s. Refusals while one is under way
   * share it. The store keeps running (no reconnect from scratch, the outbox kept).
   */
  #renewToken(): Promise<string | undefined> {
    this.#renewal ??= this.#askForToken().finally(() => (this.#renewal = undefined));
    return this.#renewal;
  }

  async #askForToken(): Promise<string | undefined> {
    const expired = this.token;
    emit(this, 'chat-token-expired', { token: expired });
    const fresh = this.token !== expired ? this.token : await this.refreshToken?.();
    if (!fresh) return undefined;
    this.#settingsInUse[STORE_SETTINGS.indexOf('token')] = fresh;
    this.token = fresh;
    if (!this.uploadToken) this.#uploadHeaders.Authorization = `Bearer ${fresh}`;
    return fresh;
  }

  /** Saves an attachment the user asked for (the store downloads it first), and says so. */
  async #save({ messageId, index }: AttachmentRef): Promise<void> {
    try {
      const blob = await this.store?.save(messageId, index);
      if (blob) emit(this, 'chat-download-done', { messageId, index, blob });
    } catch {
      // The bubble shows the reason from the store's download state.
    }
  }

  #announce(text: string): void {
    this.announcements = [...this.announcements, { id: this.#nextAnnouncement++, text }].slice(-KEPT_ANNOUNCEMENTS);
  }

  protected override async updated(changed: PropertyValues<this>): Promise<void> {
    this.#internals.role = 'region';
    this.#internals.ariaLabel = this.heading || this.resolvedStrings.heading;
    if (this.lang !== this.resolvedStrings.lang) this.lang = this.resolvedStrings.lang;
    if (this.mode === 'launcher') await this.#launcher?.updated(changed, this.shadowRoot!);
  }

  override render() {
    const t = this.resolvedStrings;
    const launcher = this.mode === 'launcher' ? this.#launcher : undefined;
    const isLauncher = launcher !== undefined;
    const status = this.#status.value ?? 'offline';
    const statusText = { online: t.statusOnline, connecting: t.statusConnecting, offline: t.statusOffline }[status];
    return html`
      <div part="chat" id="panel" class=${isLauncher ? 'chat panel' : 'chat'} role=${ifDefined(isLauncher ? 'dialog' : undefined)}
        aria-labelledby=${ifDefined(isLauncher ? 'heading' : undefined)} ?hidden=${isLauncher && !this.open}
        @keydown=${launcher?.onPanelKeyDown}>
        <div part="header" class="header">
          <span part="heading" id="heading" class="heading">${this.heading || t.heading}</span>
          <span part="status" class="status" data-status=${status} role="status" aria-live="polite">${statusText}</span>
          ${launcher?.closeButton(t) ?? nothing}
        </div>
        <chat-thread exportparts=${threadParts.exportparts} .streamOrigins=${this.streamOrigins} .people=${this.people}></chat-thread>
        <file-composer exportparts=${composerParts.exportparts} accept=${this.accept} .maxFileSize=${this.maxFileSize ?? this.store?.transport.maxFileSize} .capture=${this.capture} hide-drop-zone></file-composer>
        ${this.#drop.isDragging ? html`<div part="drop-zone" class="drop-zone" aria-hidden="true">${t.dropToSend}</div>` : nothing}
      </div>
      ${launcher?.button(t, this.#entries.value) ?? nothing}
      <div part="announcer" class="visually-hidden" role="status" aria-atomic="false" aria-relevant="additions">
        ${repeat(this.announcements, (item) => item.id, (item) => html`<p>${item.text}</p>`)}
      </div>
    `;
  }
}
