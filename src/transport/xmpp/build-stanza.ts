import { xml, type Element } from './xmpp-client.ts';
import { bytesToBase64 } from '../../model/base64.ts';
import type { Attachment, ChatMessage } from '../../model/message.ts';

/** Namespaces of the extensions Chatdrop speaks. */
export const NS = {
  chatdrop: 'urn:chatdrop:0',
  /** XEP-0359: `origin-id` (ours) and `stanza-id` (the room's). */
  sid: 'urn:xmpp:sid:0',
  oob: 'jabber:x:oob',
  sfs: 'urn:xmpp:sfs:0',
  fileMetadata: 'urn:xmpp:file:metadata:0',
  hashes: 'urn:xmpp:hashes:2',
  thumbs: 'urn:xmpp:thumbs:1',
  urlData: 'http://jabber.org/protocol/url-data',
  delay: 'urn:xmpp:delay',
  muc: 'http://jabber.org/protocol/muc',
  mucUser: 'http://jabber.org/protocol/muc#user',
  mucOwner: 'http://jabber.org/protocol/muc#owner',
  mam: 'urn:xmpp:mam:2',
  rsm: 'http://jabber.org/protocol/rsm',
  forward: 'urn:xmpp:forward:0',
  dataForms: 'jabber:x:data',
  upload: 'urn:xmpp:http:upload:0',
  discoInfo: 'http://jabber.org/protocol/disco#info',
  discoItems: 'http://jabber.org/protocol/disco#items',
  carbons: 'urn:xmpp:carbons:2',
} as const;

/** Hex → base64 (XEP-0300 hashes are base64). */
export function hexToBase64(hex: string): string {
  return bytesToBase64(Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16)));
}

/** The media type of a `data:` URL, e.g. `image/webp`. */
function dataUrlType(url: string): string | undefined {
  return /^data:([^;,]+)/.exec(url)?.[1];
}

/** XEP-0446 metadata of one attachment. */
function fileMetadata(attachment: Attachment, text: string | undefined): Element {
  const { mime, name, size, width, height, durationMs, sha256, thumbnail } = attachment;
  const desc = attachment.caption ?? text;
  return xml(
    'file',
    { xmlns: NS.fileMetadata },
    xml('media-type', {}, mime),
    xml('name', {}, name),
    size !== undefined ? xml('size', {}, String(size)) : undefined,
    width !== undefined ? xml('width', {}, String(width)) : undefined,
    height !== undefined ? xml('height', {}, String(height)) : undefined,
    durationMs !== undefined ? xml('length', {}, String(durationMs)) : undefined,
    sha256 ? xml('hash', { xmlns: NS.hashes, algo: 'sha-256' }, hexToBase64(sha256)) : undefined,
    desc ? xml('desc', {}, desc) : undefined,
    thumbnail ? xml('thumbnail', { xmlns: NS.thumbs, uri: thumbnail, 'media-type': dataUrlType(thumbnail) }) : undefined,
  );
}

/** XEP-0447 file sharing of one attachment, its source the GET URL (XEP-0103 url-data). */
function fileSharing(attachment: Attachment, text: string | undefined): Element {
  const disposition = attachment.mime.startsWith('image/') ? 'inline' : 'attachment';
  return xml(
    'file-sharing',
    { xmlns: NS.sfs, disposition },
    fileMetadata(attachment, text),
    xml('sources', {}, xml('url-data', { xmlns: NS.urlData, target: attachment.url })),
  );
}

/**
 * The stanza for one message: `groupchat` to a room, or `chat` to a person (one-to-one). For every XMPP client: `<body>` (the text, or the GET
 * URL of each file, one per line), XEP-0066 `jabber:x:oob` and XEP-0447 file sharing with
 * XEP-0446 metadata per file, and XEP-0359 `origin-id` = the message id. For Chatdrop clients:
 * the whole message as JSON in `<chatdrop xmlns='urn:chatdrop:0'>` (room and seq left out: the
 * room is the MUC, the order is the server's).
 */
export function buildMessageStanza(message: ChatMessage, to: string, type: 'groupchat' | 'chat' = 'groupchat'): Element {
  const { seq: _seq, room: _room, ...wire } = message;
  const attachments = message.attachments ?? [];
  const body = attachments.length > 0 ? attachments.map((attachment) => attachment.url).join('\n') : (message.text ?? '');
  return xml(
    'message',
    { type, to, id: message.id },
    xml('body', {}, body),
    xml('origin-id', { xmlns: NS.sid, id: message.id }),
    xml('chatdrop', { xmlns: NS.chatdrop }, JSON.stringify(wire)),
    ...attachments.map((attachment) => xml('x', { xmlns: NS.oob }, xml('url', {}, attachment.url), attachment.caption ? xml('desc', {}, attachment.caption) : undefined)),
    ...attachments.map((attachment) => fileSharing(attachment, message.text)),
  );
}
