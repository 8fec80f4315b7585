import { base64ToBytes } from '../../model/base64.ts';
import type { Element } from './xmpp-client.ts';
import { NS } from './build-stanza.ts';

/** The lower-cased bare JID a stanza comes from. */
export function bareSenderOf(stanza: Element): string | undefined {
  return stanza.attrs.from?.split('/')[0]?.toLowerCase();
}

/** Media types guessed from a file name's extension, for files other clients send without metadata. */
const TYPES_BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', avif: 'image/avif',
  heic: 'image/heic', svg: 'image/svg+xml', pdf: 'application/pdf', txt: 'text/plain', zip: 'application/zip',
  mp4: 'video/mp4', webm: 'video/webm', mov: 'video/quicktime', mp3: 'audio/mpeg', m4a: 'audio/mp4',
  ogg: 'audio/ogg', opus: 'audio/ogg', wav: 'audio/wav',
};

/** Where and when a stanza came from, as the transport knows it. */
export interface StanzaContext {
  room: string;
  seq: number;
  /** The room's XEP-0359 stanza-id (also the MAM result id). */
  stanzaId?: string;
  /** When it arrived, used as `createdAt` when neither the message nor a delay says. */
  receivedAt: number;
  /** The XEP-0203 `<delay>` of a MAM result's `<forwarded>`. */
  delay?: Element;
  /** The sender's id when it is not the MUC nick (one-to-one chat: see `XmppTransport`). */
  sender?: string;
}

/** Base64 → hex (XEP-0300 hashes are base64; Chatdrop's are hex). */
export function base64ToHex(base64: string): string | undefined {
  try {
    return Array.from(base64ToBytes(base64.trim()), (byte) => byte.toString(16).padStart(2, '0')).join('');
  } catch {
    return undefined;
  }
}

/** Longest name a file shared by URL alone gets, in code points (the wire allows 1000 characters). */
const MAX_URL_NAME = 255;

/**
 * The name a file shared by URL alone gets: the URL's last path segment, decoded, without control
 * characters or path separators (`%2F`), cut to `MAX_URL_NAME` keeping its extension; `file`
 * when nothing is left. It is shown only as text (and through `displayName`).
 */
export function nameFromUrl(url: string): string {
  let name: string;
  try {
    const segment = new URL(url).pathname.split('/').filter(Boolean).pop() ?? '';
    name = decodeURIComponent(segment).replace(/[\u0000-\u001F\u007F-\u009F]/g, '').replace(/[/\\]/g, '_').trim();
  } catch {
    return 'file';
  }
  const chars = Array.from(name);
  if (chars.length > MAX_URL_NAME) {
    const extension = /\.[a-z0-9]{1,10}$/i.exec(name)?.[0] ?? '';
    name = `${chars.slice(0, MAX_URL_NAME - extension.length - 1).join('')}…${extension}`;
  }
  return name || 'file';
}

/** A media type guessed from a name's extension; `application/octet-stream` when unknown. */
export function typeFromName(name: string): string {
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  return TYPES_BY_EXTENSION[extension] ?? 'application/octet-stream';
}

function number(element: Element | undefined, name: string): number | undefined {
  const text = element?.getChildText(name);
  const value = text === null || text === undefined ? NaN : Number(text);
  return Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** One XEP-0447 file sharing element as an attachment (raw: the store validates it). */
function sharedFile(sharing: Element): Record<string, unknown> | undefined {
  const url = sharing.getChild('sources')?.getChildren('url-data', NS.urlData)[0]?.attrs.target;
  const file = sharing.getChild('file', NS.fileMetadata);
  if (!url || !file) return undefined;
  const name = file.getChildText('name') || nameFromUrl(url);
  const hash = file.getChildren('hash', NS.hashes).find((element) => element.attrs.algo === 'sha-256');
  const thumbnail = file.getChildren('thumbnail', NS.thumbs).find((element) => element.attrs.uri?.startsWith('data:image/'))?.attrs.uri;
  const attachment: Record<string, unknown> = {
    url,
    name,
    size: number(file, 'size'),
    mime: file.getChildText('media-type') || typeFromName(name),
    width: number(file, 'width'),
    height: number(file, 'height'),
    durationMs: number(file, 'length'),
    sha256: hash ? base64ToHex(hash.text()) : undefined,
    caption: file.getChildText('desc') || undefined,
    thumbnail,
  };
  for (const key of Object.keys(attachment)) if (attachment[key] === undefined) delete attachment[key];
  return attachment;
}

/** Attachments of a message from any XMPP client: XEP-0447 first, then XEP-0066 URLs not already among them. */
function attachmentsOf(stanza: Element): Record<string, unknown>[] {
  const attachments: Record<string, unknown>[] = [];
  for (const sharing of stanza.getChildren('file-sharing', NS.sfs)) {
    const file = sharedFile(sharing);
    if (file) attachments.push(file);
  }
  for (const oob of stanza.getChildren('x', NS.oob)) {
    const url = oob.getChildText('url')?.trim();
    if (!url || attachments.some((attachment) => attachment.url === url)) continue;
    const name = nameFromUrl(url);
    const caption = oob.getChildText('desc') || undefined;
    // No size is said: it stays unknown until the server or the bytes say it (never 0).
    attachments.push({ url, name, mime: typeFromName(name), ...(caption ? { caption } : {}) });
  }
  return attachments;
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A groupchat stanza as a raw wire message, or `undefined` when it carries nothing to show (a
 * subject change, a chat state). The sender's id is the MUC nick (the server vouches for it; or
 * `context.sender` in one-to-one chat), the
 * id the XEP-0359 origin-id (else the room's stanza-id). A Chatdrop client's message is its JSON;
 * any other client's is its body, plus a file attachment per XEP-0447 or XEP-0066 element (body
 * lines that are only those URLs are not repeated as text). Nothing is validated here: the store is.
 */
export function readMessageStanza(stanza: Element, context: StanzaContext): Record<string, unknown> | undefined {
  const nick = context.sender ?? stanza.attrs.from?.split('/').slice(1).join('/');
  const id = stanza.getChild('origin-id', NS.sid)?.attrs.id ?? context.stanzaId ?? stanza.attrs.id;
  if (!nick || !id) return undefined;
  const stamp = (context.delay ?? stanza.getChild('delay', NS.delay))?.attrs.stamp;
  const createdAt = stamp && !Number.isNaN(Date.parse(stamp)) ? Date.parse(stamp) : context.receivedAt;
  const common = { id, room: context.room, seq: context.seq };
  const chatdrop = stanza.getChild('chatdrop', NS.chatdrop);
  const json = chatdrop ? parseJson(chatdrop.text()) : undefined;
  if (json) {
    const name = (json.sender as { name?: unknown } | undefined)?.name;
    return { createdAt, ...json, ...common, sender: typeof name === 'string' ? { id: nick, name } : { id: nick } };
  }
  const attachments = attachmentsOf(stanza);
  const urls = new Set(attachments.map((attachment) => attachment.url));
  const text = (stanza.getChildText('body') ?? '')
    .split('\n')
    .filter((line) => !urls.has(line.trim()))
    .join('\n')
    .trim();
  if (text === '' && attachments.length === 0) return undefined;
  return { ...common, sender: { id: nick }, createdAt, ...(text ? { text } : {}), ...(attachments.length > 0 ? { attachments } : {}) };
}
