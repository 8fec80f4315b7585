/** Who sent a message. `id` is stable; `name` and `avatar` are only for display. */
export interface Sender {
  id: string;
  name?: string;
  /** A picture of the sender (http or https); shown only through `safeUrl()`, else initials. */
  avatar?: string;
}

/** One file carried by a message: a link to bytes stored out of band, plus what to show before downloading. */
export interface Attachment {
  /** Where the bytes live (http or https). */
  url: string;
  /** The original file name, shown to people; never used as a path. */
  name: string;
  /**
   * Size in bytes; absent when the sender did not say (a file another XMPP client shared by URL
   * alone): it is then learned from the server or the bytes, never shown as 0.
   */
  size?: number;
  /** Declared media type, `type/subtype` only. */
  mime: string;
  width?: number;
  height?: number;
  durationMs?: number;
  /** A small raster `data:` URL shown at once, before any download. */
  thumbnail?: string;
  /** A compact placeholder hash (thumbhash) for while nothing is decoded. */
  placeholder?: string;
  /** Hex sha256 of the bytes. */
  sha256?: string;
  caption?: string;
  alt?: string;
}

/** A chat message in its wire form. Text and attachments are plain data, never HTML. */
export interface ChatMessage {
  /** Client-made id: the idempotence key everywhere. */
  id: string;
  room: string;
  sender: Sender;
  /** Milliseconds since the epoch, from the sender's clock. */
  createdAt: number;
  /** Order in the room, set by the server (or the transport) when stored. */
  seq?: number;
  text?: string;
  attachments?: Attachment[];
  /**
   * The files sent together (and the text typed with them, their caption) share this id: the
   * thread shows them as one album. A short id (letters, digits, `-`, `_`); absent: no group.
   */
  group?: string;
  location?: { lat: number; lon: number };
}

/** How far a message of ours has come. Messages from others are always `sent`. */
export type DeliveryState = 'sending' | 'sent' | 'failed';

/** Largest wire form of a message, in bytes of JSON. */
export const MAX_MESSAGE_BYTES = 4096;
