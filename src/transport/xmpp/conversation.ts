import type { Element, XmppClient } from './xmpp-client.ts';
import type { ChatMessage } from '../../model/message.ts';
import type { ArchiveTarget } from './archive.ts';
import { DirectChat, directPeerOf } from './direct-chat.ts';
import { GroupRoom } from './group-room.ts';
import { roomJidOf } from './join-room.ts';

/**
 * What an incoming message stanza is to a conversation: `live`, a message in the conversation's
 * order to number as it arrives; `news`, a sign the archive holds something new (read it from
 * there); `error`, the server sending back one of our messages (its id is the message id);
 * `ignored`, anything else.
 */
export type Incoming = 'live' | 'news' | 'error' | 'ignored';

/**
 * Where the widget's messages go: a MUC room (`GroupRoom`) or one person (`DirectChat`). The
 * transport holds the connection, the order (`RoomLog`), the acks and the archive reads; a
 * conversation says how to enter it, address it, and read what arrives.
 */
export interface Conversation {
  /** The bare JID our messages go to and its messages come from: the room, or the peer. */
  readonly jid: string;
  /** The archive that orders it (XEP-0313). Known once entered. */
  readonly archive: ArchiveTarget;
  /** Whether it has no order without an archive (then entering without one fails for good). */
  readonly needsArchive: boolean;
  /** Whether the server sends our own messages back live; if not, the archive is read after each send. */
  readonly reflectsSends: boolean;
  /** Our message as the stanza that sends it here. */
  address(message: ChatMessage): Element;
  /** Makes a new XMPP session part of it; the transport then catches up from the archive. */
  enter(client: XmppClient, timeoutMs: number): Promise<void>;
  /** What an incoming message stanza is to it. */
  recognise(stanza: Element): Incoming;
  /** The sender id to give the message of `stanza`, or undefined to keep the one it carries. */
  senderOf(stanza: Element): string | undefined;
}

/**
 * The conversation the widget's `room` names: one-to-one chat when it is a person's bare JID
 * (see `directPeerOf`), else the MUC room of that name on `mucService`. `userId` is ours.
 */
export function conversationFor(room: string, userId: string, mucService: string): Conversation {
  const peer = directPeerOf(room, mucService);
  return peer ? new DirectChat(peer, userId) : new GroupRoom(roomJidOf(room, mucService), userId);
}
