import { unescapeLocal, xml, type Element, type XmppClient } from './xmpp-client.ts';
import type { ChatMessage } from '../../model/message.ts';
import type { ArchiveTarget } from './archive.ts';
import { buildMessageStanza, NS } from './build-stanza.ts';
import type { Conversation, Incoming } from './conversation.ts';
import { bareSenderOf } from './read-stanza.ts';

/**
 * The peer's bare JID when the widget's `room` names a person (one-to-one chat): a bare JID with
 * `@` whose domain is not the MUC service, e.g. `bob@example.com`. Otherwise `undefined` (a room).
 */
export function directPeerOf(room: string, mucService: string): string | undefined {
  const at = room.lastIndexOf('@');
  if (at <= 0 || room.includes('/')) return undefined;
  const domain = room.slice(at + 1).toLowerCase();
  if (!domain || domain === mucService.toLowerCase()) return undefined;
  return `${room.slice(0, at).toLowerCase()}@${domain}`;
}

/** The local part of a bare JID, unescaped (XEP-0106): the id a person has as a sender. */
export function localPartOf(bareJid: string): string {
  return unescapeLocal(bareJid.slice(0, bareJid.lastIndexOf('@')));
}

/**
 * Makes the session reachable for one-to-one chat: initial presence (without it the server keeps
 * messages to the bare JID offline) and XEP-0280 carbons (messages our other devices send and
 * receive reach this one too). Carbons are optional: a refusal is ignored.
 */
export async function startDirectChat(client: XmppClient, timeoutMs: number): Promise<void> {
  await client.send(xml('presence'));
  await client.request(xml('iq', { type: 'set' }, xml('enable', { xmlns: NS.carbons })), timeoutMs).catch(() => undefined);
}

/** Whether a message from our own bare JID is a XEP-0280 carbon (a copy of what another of our devices sent or got). */
export function isCarbon(stanza: Element): boolean {
  return Boolean(stanza.getChild('sent', NS.carbons) ?? stanza.getChild('received', NS.carbons));
}

/**
 * One-to-one chat with a person as the widget's conversation: messages are `chat` stanzas to the
 * peer's bare JID. The order comes from the user's own archive (XEP-0313, filtered `with` the
 * peer), which the server fills as it routes each message, so there is no order without it. Any
 * sign of news (our send, the peer's message, a XEP-0280 carbon) is a reason to read it again.
 * The sender id is the peer's JID local part for what the peer sent, our own user id for the rest.
 */
export class DirectChat implements Conversation {
  readonly needsArchive = true;
  readonly reflectsSends = false;
  readonly #userId: string;
  /** Our own bare JID, lower-cased: known once entered. */
  #ownJid = '';

  /** `jid` is the peer's bare JID (see `directPeerOf`); `userId` our own user id. */
  constructor(
    readonly jid: string,
    userId: string,
  ) {
    this.#userId = userId;
  }

  get archive(): ArchiveTarget {
    return { owner: this.#ownJid, with: this.jid };
  }

  address(message: ChatMessage): Element {
    return buildMessageStanza(message, this.jid, 'chat');
  }

  enter(client: XmppClient, timeoutMs: number): Promise<void> {
    this.#ownJid = client.jid?.split('/')[0]?.toLowerCase() ?? '';
    return startDirectChat(client, timeoutMs);
  }

  /** The peer's messages (or ones stored offline for us) and our carbons are news: the archive holds them. */
  recognise(stanza: Element): Incoming {
    const from = bareSenderOf(stanza);
    if (from === this.#ownJid && isCarbon(stanza)) return 'news';
    if (from !== this.jid.toLowerCase()) return 'ignored';
    if (stanza.attrs.type === 'error') return 'error';
    return stanza.attrs.type === 'groupchat' ? 'ignored' : 'news';
  }

  senderOf(stanza: Element): string {
    return bareSenderOf(stanza) === this.jid ? localPartOf(this.jid) : this.#userId;
  }
}
