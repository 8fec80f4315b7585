import type { Element, XmppClient } from './xmpp-client.ts';
import type { ChatMessage } from '../../model/message.ts';
import type { ArchiveTarget } from './archive.ts';
import { buildMessageStanza } from './build-stanza.ts';
import type { Conversation, Incoming } from './conversation.ts';
import { joinRoom } from './join-room.ts';
import { bareSenderOf } from './read-stanza.ts';

/**
 * A MUC room (XEP-0045) as the widget's conversation: entered with the user's id as nick,
 * messages are `groupchat` stanzas to the room, and the room reflects each one (ours too) with
 * its stanza-id, so live messages are numbered as they come. The room's archive (XEP-0313)
 * fills gaps; without one, the live order is all there is.
 */
export class GroupRoom implements Conversation {
  readonly needsArchive = false;
  readonly reflectsSends = true;
  readonly #nick: string;

  /** `jid` is the room's bare JID (see `roomJidOf`); `nick` our name in it (the user's id). */
  constructor(
    readonly jid: string,
    nick: string,
  ) {
    this.#nick = nick;
  }

  get archive(): ArchiveTarget {
    return { jid: this.jid, owner: this.jid };
  }

  address(message: ChatMessage): Element {
    return buildMessageStanza(message, this.jid, 'groupchat');
  }

  /** Enters the room without its join backlog: the transport reads history from the archive. */
  enter(client: XmppClient, timeoutMs: number): Promise<void> {
    return joinRoom(client, this.jid, this.#nick, { withBacklog: 0, timeoutMs });
  }

  recognise(stanza: Element): Incoming {
    if (bareSenderOf(stanza) !== this.jid.toLowerCase()) return 'ignored';
    if (stanza.attrs.type === 'error') return 'error';
    return stanza.attrs.type === 'groupchat' ? 'live' : 'ignored';
  }

  /** Keeps the sender id the message carries. */
  senderOf(): undefined {
    return undefined;
  }
}
