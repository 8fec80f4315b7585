import { displayName } from '../../model/display-name.ts';
import type { ChatStore } from '../../state/chat-store.ts';
import type { ThreadEntry, UploadState } from '../../state/types.ts';
import { enFailures } from '../locales/en-failures.ts';
import { enFileSend } from '../locales/en-file-send.ts';
import { withEnglish, type ChatStrings } from '../strings.ts';
import { failureSentence } from '../transfer-failure.ts';

/** What the announcer remembers of one file message of ours. */
interface Known {
  upload?: UploadState['status'];
  delivery?: ThreadEntry['delivery'];
}

/**
 * Watches a store's uploads and thread for our file messages and says, in words, when one starts
 * uploading, is sent (stored by the server) or fails, and why: for a polite live region. Uploads
 * already in the store count as new (the widget starts it with the first upload). The words are
 * `strings()`, with English below for those of sending files and of failures. Returns the
 * function that stops watching.
 */
export function announceUploads(store: ChatStore, strings: () => ChatStrings, announce: (sentence: string) => void): () => void {
  const known = new Map<string, Known>();
  /** Compares each of our file messages with what it was, and announces what changed. */
  const check = () => {
    const uploads = store.$uploads.get();
    const entries = store.$entries.get();
    const t = withEnglish(strings(), enFileSend, enFailures);
    for (const id of known.keys()) if (!(id in uploads)) known.delete(id);
    for (const [id, upload] of Object.entries(uploads)) {
      const before = known.get(id) ?? {};
      if (before.upload === 'done' && before.delivery === 'sent' && upload.status === 'done') continue;
      const entry = entries.findLast((candidate) => candidate.message.id === id);
      const attachment = entry?.message.attachments?.[0];
      if (!entry || !attachment) continue; // its message shows in the thread a moment later
      const name = displayName(attachment.name);
      const isActive = upload.status !== 'failed' && upload.status !== 'done';
      if (isActive && (before.upload === undefined || before.upload === 'failed')) announce(t.uploadStarted(name));
      if (upload.status === 'failed' && before.upload !== 'failed') announce(t.uploadFailed(name, failureSentence(t, 'upload', upload.error)));
      if (entry.delivery !== before.delivery) {
        if (entry.delivery === 'sent' && before.delivery !== undefined) announce(t.uploadSent(name));
        if (entry.delivery === 'failed' && upload.status !== 'failed') announce(t.uploadFailed(name, t.notSent));
      }
      known.set(id, { upload: upload.status, delivery: entry.delivery });
    }
  };
  const stops = [store.$uploads.listen(check), store.$entries.listen(check)];
  check();
  return () => stops.forEach((stop) => stop());
}
