import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { displayName } from '../../model/format.ts';
import type { ChatStore } from '../../state/chat-store.ts';
import type { ThreadEntry, UploadState } from '../../state/types.ts';
import type { ChatStrings } from '../strings.ts';

/** What the announcer remembers of one file message of ours. */
interface Known {
  upload?: UploadState['status'];
  delivery?: ThreadEntry['delivery'];
}

/**
 * Watches a store's uploads and thread for our file messages and says, in words, when one starts
 * uploading, is sent (stored by the server) or fails, and why: for a polite live region.
 */
export class UploadAnnouncer implements ReactiveController {
  #store?: ChatStore;
  #known = new Map<string, Known>();
  #unsubscribe: (() => void)[] = [];
  #isConnected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly strings: () => ChatStrings,
    private readonly announce: (sentence: string) => void,
  ) {
    host.addController(this);
  }

  /** The store to watch; its uploads from before are not announced. */
  set store(store: ChatStore | undefined) {
    if (store === this.#store) return;
    this.#stop();
    this.#store = store;
    this.#known = new Map(Object.entries(store?.$uploads.get() ?? {}).map(([id, upload]) => [id, { upload: upload.status }]));
    if (this.#isConnected) this.#start();
  }

  hostConnected(): void {
    this.#isConnected = true;
    this.#start();
  }

  hostDisconnected(): void {
    this.#isConnected = false;
    this.#stop();
  }

  #start(): void {
    const store = this.#store;
    if (!store) return;
    this.#unsubscribe = [store.$uploads.listen(() => this.#check()), store.$entries.listen(() => this.#check())];
  }

  #stop(): void {
    this.#unsubscribe.forEach((unsubscribe) => unsubscribe());
    this.#unsubscribe = [];
  }

  /** Compares each of our file messages with what it was, and announces what changed. */
  #check(): void {
    const store = this.#store;
    if (!store) return;
    const uploads = store.$uploads.get();
    const entries = store.$entries.get();
    const t = this.strings();
    for (const id of this.#known.keys()) if (!(id in uploads)) this.#known.delete(id);
    for (const [id, upload] of Object.entries(uploads)) {
      const known = this.#known.get(id) ?? {};
      if (known.upload === 'done' && known.delivery === 'sent' && upload.status === 'done') continue;
      const entry = entries.findLast((candidate) => candidate.message.id === id);
      const attachment = entry?.message.attachments?.[0];
      if (!entry || !attachment) continue; // its message shows in the thread a moment later
      const name = displayName(attachment.name);
      const isActive = upload.status !== 'failed' && upload.status !== 'done';
      if (isActive && (known.upload === undefined || known.upload === 'failed')) this.announce(t.uploadStarted(name));
      if (upload.status === 'failed' && known.upload !== 'failed') this.announce(t.uploadFailed(name, upload.error ?? t.uploadFailedFallback));
      if (entry.delivery !== known.delivery) {
        if (entry.delivery === 'sent' && known.delivery !== undefined) this.announce(t.uploadSent(name));
        if (entry.delivery === 'failed' && upload.status !== 'failed') this.announce(t.uploadFailed(name, t.notSent));
      }
      this.#known.set(id, { upload: upload.status, delivery: entry.delivery });
    }
  }
}
