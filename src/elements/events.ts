import type { StagedFile } from '../state/types.ts';

/** What the user asked to send: text (may be empty) and staged files (may be none). */
export interface SendDetail {
  text: string;
  files: StagedFile[];
}

/** Which attachment an intent is about. */
export interface AttachmentRef {
  messageId: string;
  index: number;
}

/** A file the composer refused, and why, in words for the user. */
export interface RefusedFile {
  name: string;
  reason: string;
}

/** Raises a bubbling, composed event from `target`: how every Chatdrop element talks upward. */
export function emit<K extends keyof ChatEventMap>(target: EventTarget, type: K, detail: ChatEventMap[K]['detail']): boolean {
  return target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable: true }));
}

/** Every event Chatdrop elements raise. */
export interface ChatEventMap {
  /** The composer asks to send text and files. */
  'chat-send': CustomEvent<SendDetail>;
  /** A bubble asks to retry a failed upload or send. */
  'chat-retry': CustomEvent<{ messageId: string }>;
  /** A bubble asks to stop an upload (the message is dropped). */
  'chat-cancel-upload': CustomEvent<{ messageId: string }>;
  /** A bubble asks to download an attachment. */
  'chat-download': CustomEvent<AttachmentRef>;
  /** A bubble asks for a video's or audio's bytes to play them (downloaded, not saved). */
  'chat-play': CustomEvent<AttachmentRef>;
  /** A bubble asks to stop a download. */
  'chat-cancel-download': CustomEvent<AttachmentRef>;
  /** An image bubble asks to show its image large (the thread opens its lightbox). */
  'chat-open-image': CustomEvent<AttachmentRef>;
  /** The lightbox was closed; `detail` is the image it showed last. */
  'chat-lightbox-closed': CustomEvent<AttachmentRef>;
  /** The composer staged files: they passed its restrictions and show in its tray. */
  'chat-files-staged': CustomEvent<{ files: File[] }>;
  /** The composer refused files (too large, wrong type, too many). */
  'chat-files-refused': CustomEvent<{ files: RefusedFile[] }>;
  /** A message from the wire was invalid and dropped. */
  'chat-invalid-message': CustomEvent<{ reason: string }>;
  /** A standalone thread reached the oldest message it shows: the host may prepend older ones to `messages`. */
  'chat-load-older': CustomEvent<{ messageId: string }>;
  /** A download finished and was handed to the browser to save. */
  'chat-download-done': CustomEvent<AttachmentRef & { blob: Blob }>;
  /** The server refused the widget's `token` as expired: set a fresh `token` now, or give one through `refreshToken`. */
  'chat-token-expired': CustomEvent<{ token: string }>;
}

declare global {
  interface HTMLElementEventMap extends ChatEventMap {}
}
