import type { ReadableAtom, MapStore } from 'nanostores';
import type { ChatMessage, DeliveryState } from '../model/message.ts';
import type { ConnectionStatus } from '../transport/transport.ts';
import type { ChatStoreOptions } from './chat-store.ts';
import type { KeptFile } from './file-keeper.ts';
import type { FileMessageDraft } from './file-message.ts';
import { createFileOrder } from './file-order.ts';
import { createFileSender, forgetKeptFile, wasBeingForgotten } from './file-sender.ts';
import type { StagedFile, UploadState } from './types.ts';

/** What a store gives its file sending. */
export interface StoreFilesParts {
  options: ChatStoreOptions;
  $uploads: MapStore<Record<string, UploadState>>;
  $status: ReadableAtom<ConnectionStatus>;
  /** Shows one of our file messages in the thread as it goes. */
  show(message: ChatMessage, delivery: DeliveryState): void;
  /** Hands an uploaded file message, in its turn, to the outbox. */
  enqueue(message: ChatMessage): void;
  /** Holds our own file's bytes as its attachment's, so it shows at full quality and saves without a download. */
  keepBytes(messageId: string, file: File): void;
}

/**
 * A store's file sending: its sender (see `createFileSender`), and the order its file messages
 * travel in (see `createFileOrder`). Made once its code loaded (see file-send-code.ts): with the
 * first file staged or sent, or at a page start when a previous page left files.
 */
export function createStoreFiles({ options, $uploads, $status, show, enqueue, keepBytes }: StoreFilesParts) {
  const fileOrder = createFileOrder(enqueue);
  const { transport } = options;
  const sender = createFileSender({
    upload: options.upload,
    defaultUpload: { transport, endpoint: options.uploadEndpoint, protocol: options.uploadProtocol, headers: options.uploadHeaders, renewToken: options.refreshUploadToken },
    $uploads,
    maxConcurrentUploads: options.maxConcurrentUploads,
    stallTimeoutMs: options.stallTimeoutMs,
    keeper: options.fileKeeper,
    isOnline: () => $status.get() === 'online',
    whenOnline: (signal) =>
      new Promise<void>((resolve) => {
        const done = () => {
          stopListening();
          resolve();
        };
        const stopListening = $status.listen((status) => void (status === 'online' && done()));
        signal.addEventListener('abort', done, { once: true });
      }),
    onPrepared: (message) => show(message, 'sending'),
    onUploaded: (message) => {
      show(message, 'sending');
      fileOrder.uploaded(message);
    },
    onFailed: (message) => {
      show(message, 'failed');
      fileOrder.dropped(message.id);
    },
  });

  return {
    sender,
    /** Sends `staged` as the file message `draft` (its id, time and group made by the store), in its turn. */
    send(draft: FileMessageDraft, staged: StagedFile): ChatMessage {
      fileOrder.sent(draft.id);
      keepBytes(draft.id, staged.file);
      return sender.send(draft, staged);
    },
    /**
     * Takes up the file messages a previous page left (`kept`) that are not in its outbox
     * (`unsent`): they show again and upload, in their turn; one without its bytes shows waiting
     * for the same file to be picked (`ChatStore.pickFile`).
     */
    resume(kept: readonly KeptFile[], unsent: readonly ChatMessage[]): void {
      for (const item of kept) {
        const { id } = item.message;
        // Uploaded before the reload and waiting in the outbox, or removed: only the keeper's copy is left to forget.
        if (wasBeingForgotten(id) || unsent.some((message) => message.id === id)) forgetKeptFile(options.fileKeeper, id);
        else if (sender.resume(item) && item.file) {
          fileOrder.sent(id);
          keepBytes(id, item.file);
        }
      }
    },
    /**
     * Gives file message `id`, waiting for its file after a reload, the file the user picked again
     * (see `FileSender.pickFile`); once taken, its bytes show as the attachment's. Resolves whether it was taken.
     */
    async pickFile(id: string, file: File): Promise<boolean> {
      if (!(await sender.pickFile(id, file))) return false;
      keepBytes(id, file);
      return true;
    },
    /** Stops the upload of file message `id` and gives up its turn; false when there is none. */
    cancel(id: string): boolean {
      if (!sender.cancel(id)) return false;
      fileOrder.dropped(id);
      return true;
    },
  };
}

/** A store's file sending: see `createStoreFiles`. */
export type StoreFiles = ReturnType<typeof createStoreFiles>;
