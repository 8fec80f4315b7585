import { atom, map, type ReadableAtom } from 'nanostores';
import type { ChatMessage, Sender } from '../model/message.ts';
import { createId } from '../model/ids.ts';
import { loadOnce } from '../model/load-once.ts';
import { parseMessage } from '../model/schema.ts';
import type { ChatTransport, ConnectionStatus } from '../transport/transport.ts';
import type { DownloadHandler, UploadHandler } from '../upload/handler.ts';
import { createOutbox } from './outbox.ts';
import { defaultOutboxStorage, type OutboxStorage } from './outbox-storage.ts';
import { loadStoreFiles } from './file-send-code.ts';
import type { FileKeeper } from './file-keeper.ts';
import type { StoreFiles } from './store-files.ts';
import type { UploadProtocol } from './default-upload.ts';
import { createLazyDownloads } from './lazy-downloads.ts';
import { placeEntry, removeEntry } from './thread-order.ts';
import type { DownloadState, StagedFile, ThreadEntry, UploadState } from './types.ts';

export interface ChatStoreOptions {
  transport: ChatTransport;
  room: string;
  user: Sender;
  /**
   * Moves a file's bytes to storage. Default: Uppy posting to `uploadEndpoint`, else the
   * transport's own upload slots (XMPP); without either, sending files fails with a readable error.
   */
  upload?: UploadHandler;
  /** Where the default upload sends files: see `uploadProtocol`. */
  uploadEndpoint?: string;
  /**
   * How the default upload sends files to `uploadEndpoint`: `multipart` (one `multipart/form-data`
   * POST answering JSON `{ url }`, the default) or `tus` (resumable uploads: a cut upload goes on
   * from where it stopped, see `createTusUploader`).
   */
  uploadProtocol?: UploadProtocol;
  /** Request headers of the default upload to `uploadEndpoint`, e.g. `Authorization: Bearer …`. */
  uploadHeaders?: Record<string, string>;
  /**
   * Gives a fresh bearer token for `uploadHeaders.Authorization` when `uploadEndpoint` refused an
   * upload's as expired (401 with `code: 'token-expired'`); the upload goes on with it by itself.
   * Without it, or when it gives none, the upload fails as `forbidden`.
   */
  refreshUploadToken?(): Promise<string | undefined>;
  /** Fetches an attachment's bytes; defaults to a `fetch` with progress, resume and hash check. */
  download?: DownloadHandler;
  /**
   * Images (raster types) of at most this many bytes are downloaded as soon as their message
   * arrives, so the full image shows; everything else waits for a click. Default 0: never.
   */
  autoDownloadImagesUpTo?: number;
  /** Uploads running at once; the rest wait in order. Default 5. */
  maxConcurrentUploads?: number;
  /** No upload progress for this long shows the upload as stalled. Default 30 000 ms. */
  stallTimeoutMs?: number;
  /** Where unacknowledged messages wait, surviving a reload. Default: IndexedDB where there is one. */
  outboxStorage?: OutboxStorage;
  /**
   * Where files sent and not uploaded yet are kept, so they survive a reload: e.g. `lazyFileKeeper`
   * (IndexedDB, up to 100 MB a file), which `<chat-widget>` uses. Default: none.
   */
  fileKeeper?: FileKeeper;
  /** A credential for the transport (the reference relay's JWT). */
  token?: string;
  /** Gives a fresh `token` when the server says it expired; the outbox waits and is sent after the new join. */
  refreshToken?(): Promise<string | undefined>;
  /** Called for every value from the wire that is not a valid message (it is dropped). */
  onInvalidMessage?(error: Error, input: unknown): void;
}

/** Page size when catching up after a reconnect. */
const CATCH_UP_PAGE = 500;

/** The code that hands a downloaded file to the browser to save, loaded with the first save. */
const loadSaveFile = loadOnce(() => import('../upload/save-file.ts'));

/** The state of one chat widget and the actions on it. Create one per widget: nothing is shared. */
export interface ChatStore {
  readonly room: string;
  readonly user: Sender;
  readonly transport: ChatTransport;
  /** The thread, in the order every participant sees. */
  readonly $entries: ReadableAtom<ThreadEntry[]>;
  readonly $uploads: ReadableAtom<Record<string, UploadState>>;
  readonly $downloads: ReadableAtom<Record<string, DownloadState>>;
  readonly $status: ReadableAtom<ConnectionStatus>;
  /** Whether older messages may still be fetched with `loadOlder()`. */
  readonly $hasOlder: ReadableAtom<boolean>;
  /** Connects the transport and starts receiving. */
  start(): Promise<void>;
  /** Disconnects and stops every transfer. */
  stop(): void;
  /** Sends a text message; returns it at once (delivery shows in `$entries`). */
  sendText(text: string): ChatMessage | undefined;
  /**
   * Sends each file as its own message: the bubble appears at once, the message travels once
   * uploaded. Files sent together share a `group` id, and so does `caption` (the text typed with
   * them, sent at once as a text message): the thread shows them as one album. Resolves with the
   * file messages once the file code is loaded (at once after `prepareToSend` resolved true); when
   * that code cannot load, rejects and shows nothing.
   */
  sendFiles(files: readonly StagedFile[], caption?: string): Promise<ChatMessage[]>;
  /**
   * Files are about to be sent (staged in a composer): loads the code that describes and uploads
   * them, so Send does not wait for it. Resolves whether `sendFiles` can now show files at once
   * (false: the code could not be loaded, say offline; the next call tries again). Never rejects.
   */
  prepareToSend(): Promise<boolean>;
  /** Whether `sendFiles` shows files at once: the file code is loaded (see `prepareToSend`). */
  isReadyToSendFiles(): boolean;
  /** Tries a failed upload or send again. */
  retry(messageId: string): void;
  /** Stops an upload and removes its message. */
  cancelUpload(messageId: string): void;
  /**
   * Gives a file message shown again after a reload without its bytes (its upload failed as
   * `file-needed`, see `isWaitingForFile`) the file the user picked again. The same file (size, and
   * sha256 of its first MiB) uploads, from where it stopped with a resumable upload handler;
   * another one fails as `different-file` and the message keeps waiting. Resolves whether it was taken.
   */
  pickFile(messageId: string, file: File): Promise<boolean>;
  /** Downloads an attachment (progress in `$downloads`) and resolves with its bytes. */
  download(messageId: string, index?: number): Promise<Blob>;
  /** Stops a download. */
  cancelDownload(messageId: string, index?: number): void;
  /** Downloads an attachment (or takes the bytes downloaded before) and hands it to the browser to save under its name; resolves with its bytes. */
  save(messageId: string, index?: number): Promise<Blob>;
  /** Fetches up to `limit` messages older than the oldest stored one we hold; resolves with how many came. */
  loadOlder(limit?: number): Promise<number>;
}

export function createChatStore(options: ChatStoreOptions): ChatStore {
  const { transport, room, user } = options;
  const $entries = atom<ThreadEntry[]>([]);
  const $uploads = map<Record<string, UploadState>>({});
  const $status = atom<ConnectionStatus>(transport.status);
  const $hasOlder = atom(true);
  let loadingOlder: Promise<number> | undefined;
  let lastSeq = 0;

  let lastCreatedAt = 0;
  /** The clock for our messages, strictly increasing so messages not yet stored keep their send order. */
  const nextCreatedAt = () => (lastCreatedAt = Math.max(Date.now(), lastCreatedAt + 1));
  const byId = new Map<string, ThreadEntry>();
  const upsert = (entry: ThreadEntry) => {
    if (entry.message.seq !== undefined) lastSeq = Math.max(lastSeq, entry.message.seq);
    const previous = byId.get(entry.message.id);
    byId.set(entry.message.id, entry);
    $entries.set(placeEntry($entries.get(), entry, previous));
  };
  const entryOf = (id: string) => byId.get(id);
  const remove = (id: string) => {
    const entry = byId.get(id);
    if (!entry) return;
    byId.delete(id);
    $entries.set(removeEntry($entries.get(), entry));
  };

  const outbox = createOutbox({
    transport,
    storage: options.outboxStorage ?? defaultOutboxStorage(),
    onAck: (message, seq) => upsert({ message: { ...message, seq }, delivery: 'sent', isMine: true }),
    onRefused: (message) => upsert({ message, delivery: 'failed', isMine: true }),
  });
  /** The store's file sending, once a file was staged or sent (or a previous page left one): its code loads then. */
  let files: StoreFiles | undefined;
  const loadFiles = loadOnce(async () => {
    const { createStoreFiles } = await loadStoreFiles();
    return (files = createStoreFiles({
      options,
      $uploads,
      $status,
      show: (message, delivery) => upsert({ message, delivery, isMine: true }),
      enqueue: (message) => outbox.enqueue(message),
      keepBytes: (messageId, file) => downloads.keep(messageId, 0, file),
    }));
  });
  const downloads = createLazyDownloads({
    download: options.download,
    attachmentOf: (messageId, index) => entryOf(messageId)?.message.attachments?.[index],
    autoDownloadImagesUpTo: options.autoDownloadImagesUpTo ?? 0,
    // What the bytes say fills what the message left out (a file shared by URL alone): its size, a thumbnail.
    onLearned: (messageId, learn) => {
      const entry = entryOf(messageId);
      if (entry) upsert({ ...entry, message: learn(entry.message) });
    },
  });

  const receive = (input: unknown) => {
    let message: ChatMessage;
    try {
      message = parseMessage(input);
    } catch (error) {
      options.onInvalidMessage?.(error as Error, input);
      return;
    }
    if (message.room !== room) return;
    const known = entryOf(message.id);
    if (known?.message.seq !== undefined) return;
    upsert({ message, delivery: 'sent', isMine: message.sender.id === user.id });
    downloads.offer(message);
  };

  const download = (messageId: string, index = 0) => {
    // The downloads' code refuses a file that is not in the thread.
    return downloads.start(messageId, index, entryOf(messageId)?.message.attachments?.[index]?.size);
  };

  const onMessage = (event: CustomEvent<unknown>) => receive(event.detail);
  /** Fetches everything stored after the last seq we hold, page by page, so a cut leaves no hole. */
  const catchUp = async () => {
    while (lastSeq > 0 && transport.status === 'online') {
      const held = lastSeq;
      const missed = await transport.history({ after: lastSeq, limit: CATCH_UP_PAGE }).catch(() => []);
      missed.forEach(receive);
      // A short page is not the end (a server may cut a page to its byte limit): an empty one is,
      // or one that brought nothing new.
      if (missed.length === 0 || lastSeq === held) return;
    }
  };
  const onStatus = (event: CustomEvent<ConnectionStatus>) => {
    $status.set(event.detail);
    if (event.detail !== 'online') return;
    outbox.flush();
    void catchUp();
  };

  return {
    room,
    user,
    transport,
    $entries,
    $uploads,
    $downloads: downloads.$downloads,
    $status,
    $hasOlder,
    async start() {
      transport.addEventListener('message', onMessage);
      transport.addEventListener('status', onStatus);
      const unsent = await outbox.load(room, user.id);
      unsent.forEach((message) => upsert({ message, delivery: 'sending', isMine: true }));
      const kept = (await options.fileKeeper?.load(room, user.id)) ?? [];
      // Without the file code (offline), files a previous page left stay kept for the next page.
      if (kept.length > 0) (await loadFiles().catch(() => undefined))?.resume(kept, unsent);
      await transport.connect({ room, user, token: options.token, refreshToken: options.refreshToken, lastSeq: () => (lastSeq > 0 ? lastSeq : undefined) });
      $status.set(transport.status);
      outbox.flush();
    },
    stop() {
      outbox.stop();
      transport.removeEventListener('message', onMessage);
      transport.removeEventListener('status', onStatus);
      files?.sender.cancelAll();
      downloads.cancelAll();
      transport.close();
    },
    sendText(text) {
      const trimmed = text.trim();
      if (trimmed === '') return undefined;
      const message: ChatMessage = { id: createId(), room, sender: user, createdAt: nextCreatedAt(), text: trimmed };
      upsert({ message, delivery: 'sending', isMine: true });
      outbox.enqueue(message);
      return message;
    },
    prepareToSend: () =>
      loadFiles().then(
        ({ sender }) => {
          sender.prepare();
          return true;
        },
        () => false,
      ),
    isReadyToSendFiles: () => files !== undefined,
    async sendFiles(staged, caption = '') {
      const { send } = await loadFiles();
      const grouped = staged.length > 1 ? { group: createId() } : {};
      const text = caption.trim();
      if (text) {
        const message: ChatMessage = { id: createId(), room, sender: user, createdAt: nextCreatedAt(), text, ...grouped };
        upsert({ message, delivery: 'sending', isMine: true });
        outbox.enqueue(message);
      }
      return staged.map((item) => send({ id: createId(), room, sender: user, createdAt: nextCreatedAt(), ...grouped }, item));
    },
    retry(messageId) {
      const entry = entryOf(messageId);
      if (!entry || entry.delivery !== 'failed') return;
      if (files?.sender.retry(messageId)) return;
      upsert({ ...entry, delivery: 'sending' });
      outbox.enqueue(entry.message);
    },
    cancelUpload(messageId) {
      if (files?.cancel(messageId)) remove(messageId);
    },
    async pickFile(messageId, file) {
      const entry = entryOf(messageId);
      if (!entry || !(await files?.pickFile(messageId, file))) return false;
      upsert({ ...entry, delivery: 'sending' });
      return true;
    },
    download,
    cancelDownload: (messageId, index = 0) => downloads.cancel(messageId, index),
    async save(messageId, index = 0) {
      const attachment = entryOf(messageId)?.message.attachments?.[index];
      const [blob, { saveFile }] = await Promise.all([download(messageId, index), loadSaveFile()]);
      saveFile(blob, attachment!.name); // there is one: download() refuses a file not in the thread
      downloads.saved(messageId, index);
      return blob;
    },
    loadOlder(limit = 50) {
      loadingOlder ??= (async () => {
        const oldest = $entries.get().find((entry) => entry.message.seq !== undefined)?.message.seq;
        if (oldest === undefined || oldest <= 1 || !$hasOlder.get()) {
          if (oldest !== undefined && oldest <= 1) $hasOlder.set(false);
          return 0;
        }
        const older = await transport.history({ before: oldest, limit });
        older.forEach(receive);
        // A short page is not the end (a server may cut a page to its byte limit): an empty one
        // is, or reaching the room's first message.
        const first = $entries.get().find((entry) => entry.message.seq !== undefined)?.message.seq;
        if (older.length === 0 || (first !== undefined && first <= 1)) $hasOlder.set(false);
        return older.length;
      })().finally(() => (loadingOlder = undefined));
      return loadingOlder;
    },
  };
}
