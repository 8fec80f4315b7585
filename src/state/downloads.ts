import { map, type MapStore } from 'nanostores';
import { fileKind } from '../model/format.ts';
import type { Attachment, ChatMessage } from '../model/message.ts';
import { safeUrl } from '../model/safe-url.ts';
import { fetchDownload } from '../upload/downloader.ts';
import { TransferError, transferFailure, type DownloadHandler } from '../upload/handler.ts';
import { createProgressPace } from '../upload/progress-pace.ts';
import { downloadKey, type DownloadState } from './types.ts';

/** Options of `createDownloads`. */
export interface DownloadsOptions {
  /** Fetches an attachment's bytes. Default: `fetchDownload` (a `fetch` with progress, resume and hash check). */
  download?: DownloadHandler;
  attachmentOf(messageId: string, index: number): Attachment | undefined;
  /** Images of at most this many bytes are downloaded as their message arrives. Default 0: never. */
  autoDownloadImagesUpTo?: number;
  /** Where the downloads' states go. Default: a new map. */
  $downloads?: MapStore<Record<string, DownloadState>>;
  /**
   * Called when a download taught something about an attachment that its message did not say:
   * its size, and for an image shown without a thumbnail (one another XMPP client shared by URL
   * alone), its width, height, thumbnail and placeholder, made here. `learn` gives the message
   * with them added to the attachment; the store puts it in the thread.
   */
  onLearned?(messageId: string, learn: (message: ChatMessage) => ChatMessage): void;
}

/** What the bytes of an attachment say that its message may not have: see `onLearned`. */
export type LearnedFacts = Pick<Attachment, 'size' | 'width' | 'height' | 'thumbnail' | 'placeholder'>;

/** Whether bytes declared an image are one (their first bytes are a raster format's): only then are they shown. */
async function isPicture(attachment: Attachment, blob: Blob): Promise<boolean> {
  if (fileKind(attachment.mime) !== 'image') return false;
  const { readImageHeader } = await import('../upload/image-header.ts');
  return (await readImageHeader(blob)) !== undefined;
}

/** What the attachment lacks of: the size of `blob`, and for a picture with no thumbnail, one and its size in pixels (made in the thumbnail worker). */
async function learnFrom(attachment: Attachment, blob: Blob, isShown: boolean): Promise<LearnedFacts> {
  const described = isShown && !attachment.thumbnail ? await (await import('../upload/describe-file.ts')).describeFile(new File([blob], attachment.name, { type: attachment.mime })) : {};
  const learned: LearnedFacts = { size: blob.size, width: described.width, height: described.height, thumbnail: described.thumbnail, placeholder: described.placeholder };
  return Object.fromEntries(Object.entries(learned).filter(([key, value]) => value !== undefined && attachment[key as keyof LearnedFacts] === undefined));
}

/** Automatic downloads running at once; the rest wait in arrival order. User downloads never wait. */
export const AUTO_DOWNLOADS_AT_ONCE = 2;

/**
 * Downloads of attachments, with progress and cancel, one at a time per attachment; and the
 * auto-download policy: images up to `autoDownloadImagesUpTo` bytes are fetched as they arrive
 * (a few at a time), so the bubble can show the full image. Everything else waits for a click.
 * An image whose message does not say its size (shared by URL alone) is fetched too, held to the
 * limit as it arrives (`forDisplay`); one the server says is no image or too large is left for a
 * click, with no state. Bytes declared an image are kept for showing only when their first bytes
 * are a raster image's: HTML or SVG under an image's name is never shown as one.
 */
export function createDownloads({ download = fetchDownload, attachmentOf, autoDownloadImagesUpTo = 0, $downloads = map({}), onLearned }: DownloadsOptions) {
  const running = new Map<string, { controller: AbortController; done: Promise<Blob> }>();
  const waiting: Array<{ messageId: string; index: number }> = [];
  /** Automatic downloads refused as no image or too large: never offered again. */
  const refused = new Set<string>();
  let automaticRunning = 0;

  /** A download started by the policy becomes the user's own once they ask for it. */
  function claim(key: string): void {
    const state = $downloads.get()[key];
    if (state?.isAutomatic) $downloads.setKey(key, { ...state, isAutomatic: false });
  }

  function start(messageId: string, index: number, isAutomatic = false): Promise<Blob> {
    const key = downloadKey(messageId, index);
    const existing = running.get(key);
    if (!isAutomatic) claim(key);
    if (existing) return existing.done;
    const finished = $downloads.get()[key];
    if (finished?.status === 'done' && finished.blob) return Promise.resolve(finished.blob);
    const attachment = attachmentOf(messageId, index);
    if (!attachment) return Promise.reject(new TransferError('This file is not in the thread.'));

    const controller = new AbortController();
    // Read on every update: the user may claim an automatic download while it runs.
    const automatic = () => ($downloads.get()[key]?.isAutomatic ? { isAutomatic: true } : {});
    // Held here too, for a host's download handler that does not know `forDisplay`.
    let isPastLimit = false;
    $downloads.setKey(key, { status: 'downloading', received: 0, total: attachment.size, ...(isAutomatic && { isAutomatic }) });
    const pace = createProgressPace();
    const done = (async () => {
      try {
        const blob = await download(attachment, {
          signal: controller.signal,
          onProgress: (received, total) => {
            if (isAutomatic && received > autoDownloadImagesUpTo) {
              isPastLimit = true;
              controller.abort();
            } else pace.paced(() => controller.signal.aborted || $downloads.setKey(key, { status: 'downloading', received, total, ...automatic() }));
          },
          ...(isAutomatic && { forDisplay: { maxBytes: autoDownloadImagesUpTo } }),
        });
        const isShown = await isPicture(attachment, blob);
        if (isAutomatic && !isShown) throw new TransferError('The bytes fetched to be shown are no image.', { code: 'not-an-image' });
        running.delete(key);
        // Bytes declared an image that are none are still handed over (to be saved), never kept to be shown.
        const kept = isShown || fileKind(attachment.mime) !== 'image' ? { blob } : {};
        $downloads.setKey(key, { status: 'done', received: blob.size, total: blob.size, ...kept, ...automatic() });
        if (onLearned) {
          learnFrom(attachment, blob, isShown).then((facts) => {
            const learn = (message: ChatMessage) => ({ ...message, attachments: message.attachments?.map((item, at) => (at === index ? { ...item, ...facts } : item)) });
            if (Object.keys(facts).length > 0) onLearned(messageId, learn);
          }, () => undefined);
        }
        return blob;
      } catch (error) {
        running.delete(key);
        const failure = isPastLimit
          ? new TransferError('The file passed the auto-download limit.', { code: 'too-large' })
          : controller.signal.aborted
            ? new TransferError('Download cancelled.', { code: 'cancelled' })
            : transferFailure(error);
        if (isAutomatic && (failure.code === 'too-large' || failure.code === 'not-an-image')) {
          // Not for showing: the bubble offers Download, as for any file past the policy.
          refused.add(key);
          $downloads.setKey(key, undefined);
        } else {
          $downloads.setKey(key, { status: failure.code === 'not-found' ? 'unavailable' : 'failed', received: 0, total: attachment.size, error: failure });
        }
        throw error;
      } finally {
        pace.stop();
      }
    })();
    running.set(key, { controller, done });
    return done;
  }

  function pump(): void {
    while (automaticRunning < AUTO_DOWNLOADS_AT_ONCE && waiting.length > 0) {
      const { messageId, index } = waiting.shift()!;
      automaticRunning++;
      start(messageId, index, true)
        .catch(() => undefined)
        .finally(() => {
          automaticRunning--;
          pump();
        });
    }
  }

  /** An image within the limit, or one whose size is unknown (then held to the limit as it arrives). */
  function isAutoDownloaded({ mime, size, url }: Attachment): boolean {
    return fileKind(mime) === 'image' && (size === undefined || (size > 0 && size <= autoDownloadImagesUpTo)) && safeUrl(url) !== undefined;
  }

  return {
    $downloads,
    start,
    /** Queues the message's images that the auto-download policy covers and nobody asked for yet. */
    offer(message: ChatMessage) {
      if (autoDownloadImagesUpTo <= 0) return;
      message.attachments?.forEach((attachment, index) => {
        const key = downloadKey(message.id, index);
        if (!isAutoDownloaded(attachment) || $downloads.get()[key] || running.has(key) || refused.has(key)) return;
        if (waiting.some((item) => item.messageId === message.id && item.index === index)) return;
        waiting.push({ messageId: message.id, index });
      });
      pump();
    },
    cancel(messageId: string, index: number) {
      const queued = waiting.findIndex((item) => item.messageId === messageId && item.index === index);
      if (queued !== -1) waiting.splice(queued, 1);
      running.get(downloadKey(messageId, index))?.controller.abort();
    },
    cancelAll() {
      waiting.length = 0;
      for (const { controller } of running.values()) controller.abort();
    },
  };
}
