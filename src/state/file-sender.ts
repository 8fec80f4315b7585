import type { MapStore } from 'nanostores';
import type { Attachment, ChatMessage } from '../model/message.ts';
import { messageBytes } from '../model/schema.ts';
import { MAX_MESSAGE_BYTES } from '../model/message.ts';
import { TransferError, type UploadHandler } from '../upload/handler.ts';
import { describeFile } from '../upload/thumbnails.ts';
import type { StagedFile, UploadState } from './types.ts';

type Draft = Omit<ChatMessage, 'attachments' | 'text'>;

export interface FileSenderOptions {
  upload: UploadHandler | undefined;
  $uploads: MapStore<Record<string, UploadState>>;
  /** The message exists (with its thumbnail): show it, still uploading. */
  onPrepared(message: ChatMessage): void;
  /** The bytes are stored: the message now carries the URL and may travel. */
  onUploaded(message: ChatMessage): void;
  onFailed(message: ChatMessage): void;
}

interface Job {
  message: ChatMessage;
  file: File;
  controller: AbortController;
}

/**
 * Turns staged files into file messages: describe (thumbnail, size), upload, then hand over for
 * sending. Keeps each file until its upload succeeds, so a failed upload can be retried.
 */
export function createFileSender(options: FileSenderOptions) {
  const jobs = new Map<string, Job>();
  const setUpload = (id: string, state: UploadState) => options.$uploads.setKey(id, state);

  async function run(job: Job): Promise<void> {
    const { message, file, controller } = job;
    const attachment = message.attachments![0]!;
    setUpload(message.id, { status: 'uploading', sent: 0, total: file.size });
    try {
      if (!options.upload) throw new TransferError('Sending files is not set up here (no upload endpoint).');
      const result = await options.upload(file, {
        id: message.id,
        signal: controller.signal,
        onProgress: (sent, total) => setUpload(message.id, { status: 'uploading', sent, total }),
      });
      if (controller.signal.aborted) return;
      const uploaded: ChatMessage = { ...message, attachments: [{ ...attachment, url: result.url, mime: result.mime ?? attachment.mime }] };
      jobs.delete(message.id);
      setUpload(message.id, { status: 'done', sent: file.size, total: file.size });
      options.onUploaded(uploaded);
    } catch (error) {
      if (controller.signal.aborted) return;
      const reason = error instanceof TransferError ? error.message : 'The upload failed. Check the connection and try again.';
      setUpload(message.id, { status: 'failed', sent: 0, total: file.size, error: reason });
      options.onFailed(message);
    }
  }

  return {
    send(draft: Draft, { file, caption, alt }: StagedFile): ChatMessage {
      const attachment: Attachment = { url: '', name: file.name || 'untitled', size: file.size, mime: file.type || 'application/octet-stream' };
      if (caption) attachment.caption = caption;
      if (alt) attachment.alt = alt;
      const job: Job = { message: { ...draft, attachments: [attachment] }, file, controller: new AbortController() };
      jobs.set(draft.id, job);
      setUpload(draft.id, { status: 'preparing', sent: 0, total: file.size });
      options.onPrepared(job.message);
      void describeFile(file).then((description) => {
        if (job.controller.signal.aborted) return;
        const described: ChatMessage = { ...job.message, attachments: [{ ...attachment, ...description }] };
        // The thumbnail is dropped rather than let the message outgrow its budget.
        if (messageBytes(described) + 200 > MAX_MESSAGE_BYTES) delete described.attachments![0]!.thumbnail;
        job.message = described;
        options.onPrepared(described);
        return run(job);
      });
      return job.message;
    },
    /** Restarts a failed upload; false when the message has no upload to retry. */
    retry(id: string): boolean {
      const job = jobs.get(id);
      if (!job) return false;
      job.controller = new AbortController();
      options.onPrepared(job.message);
      void run(job);
      return true;
    },
    /** Aborts an upload still running or failed; false when there is none. */
    cancel(id: string): boolean {
      const job = jobs.get(id);
      if (!job) return false;
      job.controller.abort();
      jobs.delete(id);
      const uploads = { ...options.$uploads.get() };
      delete uploads[id];
      options.$uploads.set(uploads);
      return true;
    },
    cancelAll() {
      for (const id of [...jobs.keys()]) this.cancel(id);
    },
  };
}
