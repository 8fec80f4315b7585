import type { Element, XmppClient, XMPPError } from '@xmpp/client-core';
import { createXmppClient } from './create-client.ts';
import { directPeerOf, isCarbon, localPartOf, startDirectChat } from './direct-chat.ts';
import type { ChatMessage } from '../../model/message.ts';
import { TransportBase } from '../transport-base.ts';
import { ConnectionLostError, MessageRefusedError, RetryLaterError, type Ack, type HistoryQuery, type Session } from '../transport.ts';
import { queryArchive, type ArchivedMessage, type ArchiveTarget } from './archive.ts';
import { buildMessageStanza, NS } from './build-stanza.ts';
import { joinRoom, roomJidOf, RoomJoinError } from './join-room.ts';
import type { XmppTransportOptions } from './options.ts';
import { readMessageStanza } from './read-stanza.ts';
import { RoomLog } from './room-log.ts';
import { findUploadService, requestSlot, type UploadService } from './upload-service.ts';
import type { SlotRequest, UploadSlot } from './upload-slot.ts';

interface PendingAck {
  promise: Promise<Ack>;
  resolve(ack: Ack): void;
  reject(error: Error): void;
  /** The XMPP session it was sent in: a new session (the old one could not be resumed) fails it. */
  session: number;
}

/** Largest page the catch-up asks the archive for (servers may send less). */
const CATCH_UP_PAGE = 100;

/** Resolves once `check()` holds, or after `timeoutMs` anyway. */
async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !check() && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 5));
}

/**
 * A transport to an XMPP server over WebSocket (RFC 7395), on the @xmpp/* 0.14 packages (see
 * `createXmppClient`). The widget's room
 * is a MUC room (XEP-0045) entered with the user's id as nick; a message is a groupchat stanza
 * (see `buildMessageStanza`), acked by the room's reflection of it (matched by XEP-0359
 * origin-id), ordered by its place in the room archive (XEP-0313, see `RoomLog`). A cut is
 * resumed with stream management (XEP-0198); when resumption fails, the room is entered again
 * and the archive fills the gap before the status is `online` again. Sends are refused unless
 * online, so the store's outbox sends them again with the same id.
 *
 * One-to-one chat: when `room` is a person's bare JID (see `directPeerOf`), messages are `chat`
 * stanzas to that JID with the same payload. Each side's store has the other person as its
 * `room`, and every message of the conversation (ours and theirs) is emitted with `room` = that
 * peer, so both stores accept it. The order, acks and seqs come from the user's own archive
 * (XEP-0313, filtered `with` the peer): the server archives a message as it routes it, so a query
 * sent after the message finds it. Any sign of news (our send, the peer's message, a XEP-0280
 * carbon) runs one archive sync, which numbers what is new in archive order and settles the acks
 * of the messages it holds. Seqs are per archive: the same message may have different seqs on
 * the two sides, in the same order. The sender id is the peer's JID local part, or our own user id.
 */
export class XmppTransport extends TransportBase {
  readonly options: Readonly<XmppTransportOptions>;
  #client?: XmppClient;
  #session?: Session;
  #roomJid = '';
  /** The peer's bare JID in one-to-one chat (then `#roomJid` is the same), else undefined. */
  #peer?: string;
  #ownJid = '';
  /** The running archive sync of one-to-one chat, and whether news came in while it ran. */
  #syncing?: { promise: Promise<void>; session: number };
  #syncAgain = false;
  /** Whether the archive has been read once in this connection (so an empty one is read from its start). */
  #hasReadArchive = false;
  #isClosed = false;
  /** In the room with the gap filled; a resumed stream needs nothing more. */
  #isInRoom = false;
  /** Groupchat stanzas that arrived while entering the room, handled after the catch-up. */
  #held: Element[] | undefined;
  #sessionNumber = 0;
  #hasArchive = true;
  #log = new RoomLog();
  readonly #pending = new Map<string, PendingAck>();
  #uploadService?: Promise<UploadService | undefined>;
  #maxFileSize?: number;
  /** Why the transport stays offline (login or room refused), if it does. */
  lastError?: Error;

  constructor(options: XmppTransportOptions) {
    super();
    const domain = options.domain ?? new URL(options.service).hostname;
    this.options = { reconnectDelay: 1000, historyOnJoin: 50, requestTimeout: 15_000, muc: `conference.${domain}`, ...options, domain };
  }

  /** The largest file the upload service accepts (XEP-0363 `max-file-size`): known once online, if the server says. */
  get maxFileSize(): number | undefined {
    return this.#maxFileSize;
  }

  connect(session: Session): Promise<void> {
    this.#client?.removeAllListeners();
    this.#session = session;
    this.#isClosed = false;
    this.#peer = directPeerOf(session.room, this.options.muc!);
    this.#roomJid = this.#peer ?? roomJidOf(session.room, this.options.muc!);
    this.#log = new RoomLog();
    this.#hasReadArchive = false;
    this.setStatus('connecting');
    const { service, domain, username, resource, reconnectDelay } = this.options;
    const password = this.options.password ?? session.token;
    const client = createXmppClient({ service, domain: domain!, username, password, resource, timeout: 5000 });
    this.#client = client;
    client.reconnect.delay = reconnectDelay!;
    let settle = () => {};
    const settled = new Promise<void>((resolve) => (settle = resolve));
    client.on('error', () => {
      // A connection attempt that failed can leave @xmpp/client "connecting" for good (Node's
      // WebSocket fires no close then), and its reconnect only retries after a disconnect.
      if (client.status === 'connecting' && !this.#isClosed) void client.disconnect().catch(() => undefined);
    });
    client.on('status', (status) => {
      if (this.#isClosed || this.#client !== client) return;
      if (status === 'disconnect') this.setStatus('offline');
      if (status === 'connecting') this.setStatus('connecting');
    });
    client.on('stanza', (stanza) => this.#onStanza(stanza));
    client.on('online', () => void this.#enter(client).finally(settle));
    client.streamManagement.on('resumed', () => {
      if (this.#isInRoom) this.setStatus('online');
      else void this.#enter(client);
    });
    client.start().catch((error: XMPPError) => {
      if (error.name === 'SASLError') this.#fail(client, error);
      settle();
    });
    return settled;
  }

  close(): void {
    this.#isClosed = true;
    this.#isInRoom = false;
    const client = this.#client;
    this.#client = undefined;
    client?.reconnect.stop();
    void client?.stop().catch(() => undefined);
    this.#rejectPending(() => true);
    this.setStatus('offline');
  }

  send(message: ChatMessage): Promise<Ack> {
    const seq = this.#log.seqOf(message.id);
    if (seq !== undefined) return Promise.resolve({ id: message.id, seq });
    const earlier = this.#pending.get(message.id);
    if (earlier) return earlier.promise;
    const client = this.#client;
    if (this.status !== 'online' || !client) return Promise.reject(new ConnectionLostError('not connected'));
    let pending!: PendingAck;
    const promise = new Promise<Ack>((resolve, reject) => (pending = { promise: undefined!, resolve, reject, session: this.#sessionNumber }));
    pending.promise = promise;
    this.#pending.set(message.id, pending);
    // A write that fails stays in the stream management queue: resent on resumption, else resent by the outbox.
    client.send(buildMessageStanza(message, this.#roomJid, this.#peer ? 'chat' : 'groupchat')).catch(() => undefined);
    if (this.#peer) void this.#sync(client); // the archive holds it once the server has routed it
    return promise;
  }

  async history({ before, after, limit = 50 }: HistoryQuery = {}): Promise<unknown[]> {
    const client = this.#client;
    if (this.status !== 'online' || !client) throw new ConnectionLostError('not connected');
    if (!this.#hasArchive) return [];
    const anchor = after ?? before;
    const stanzaId = anchor === undefined ? '' : this.#log.stanzaIdAt(anchor);
    if (stanzaId === undefined) return [];
    const page = await queryArchive(client, this.#archive, after !== undefined ? { after: stanzaId, max: limit } : { before: stanzaId, max: limit }, this.options.requestTimeout);
    const first = after !== undefined ? after + 1 : (anchor ?? (page.count ?? page.items.length) + 1) - page.items.length;
    return page.items.flatMap((item, index) => {
      const seq = this.#log.seqOfStanza(item.stanzaId) ?? first + index;
      // Newer than anything numbered yet: numbered as the catch-up would, so it does not give the seq again.
      if (seq === this.#log.lastSeq + 1 && !this.#log.has(item.stanzaId)) this.#log.next(item.stanzaId);
      else this.#log.place(item.stanzaId, seq);
      return this.#read(item.message, seq, item)?.raw ?? [];
    });
  }

  /** Asks the XEP-0363 service for a slot for `file`. @throws FileTooLargeError, ConnectionLostError */
  async requestUpload(file: SlotRequest): Promise<UploadSlot> {
    const client = this.#client;
    if (this.status !== 'online' || !client) throw new ConnectionLostError('not connected');
    const service = await this.#uploadService;
    if (!service) throw new Error('This chat server offers no file upload (XEP-0363).');
    return requestSlot(client, service.jid, file);
  }

  /** Enters the room in a new XMPP session and fills the gap from the archive, then goes online. */
  async #enter(client: XmppClient): Promise<void> {
    const session = ++this.#sessionNumber;
    this.#isInRoom = false;
    this.#held = [];
    this.setStatus('connecting');
    // What the last session sent unacked is resent by the outbox once online; a message the
    // room did store shows up in the catch-up, and resending it then just returns its ack.
    this.#rejectPending((pending) => pending.session < session);
    try {
      // @xmpp/client reports online before stream management is enabled: a stanza sent before
      // that can make the server end the stream.
      await until(() => client.streamManagement.enabled, 3000);
      const uploads = (this.#uploadService ??= this.#discoverUploads(client));
      if (this.#peer) {
        this.#ownJid = client.jid?.bare().toString().toLowerCase() ?? '';
        await startDirectChat(client, this.options.requestTimeout!);
        await this.#sync(client, true);
        if (!this.#hasArchive) throw new RoomJoinError('no-message-archive');
      } else {
        await joinRoom(client, this.#roomJid, this.#session!.user.id, { withBacklog: 0, timeoutMs: this.options.requestTimeout });
        await this.#catchUp(client);
      }
      await uploads; // so `maxFileSize` is known once online
      if (session !== this.#sessionNumber || this.#client !== client) return;
      const held = this.#held;
      this.#held = undefined;
      held.forEach((stanza) => this.#onGroupchat(stanza));
      this.#isInRoom = true;
      this.setStatus('online');
    } catch (error) {
      if (error instanceof RoomJoinError) this.#fail(client, error);
      // Anything else (a timeout, a cut while entering): the next stream tries again.
      else if (this.#client === client && client.status === 'online') void client.disconnect().catch(() => undefined);
    }
  }

  /** The archive that orders this conversation: the room's, or ours filtered to the peer. */
  get #archive(): ArchiveTarget {
    return this.#peer ? { owner: this.#ownJid, with: this.#peer } : { jid: this.#roomJid, owner: this.#roomJid };
  }

  /**
   * One-to-one chat: runs `#catchUp`, once at a time; news during a run makes it run once more.
   * `strict` (while entering) lets its errors through; otherwise the next news or session retries.
   */
  #sync(client: XmppClient, strict = false): Promise<void> {
    // A sync of an earlier XMPP session may hang on a lost stream: a new session does not wait for it.
    if (this.#syncing?.session === this.#sessionNumber) {
      this.#syncAgain = true;
      return this.#syncing.promise;
    }
    const run = async () => {
      do {
        this.#syncAgain = false;
        await this.#catchUp(client);
      } while (this.#syncAgain && this.#client === client);
    };
    const syncing = run().finally(() => {
      if (this.#syncing?.promise === syncing) this.#syncing = undefined;
    });
    this.#syncing = { promise: syncing, session: this.#sessionNumber };
    return strict ? syncing : syncing.catch(() => undefined);
  }

  /** Takes what the archive holds since the last message we hold (or its newest page on a first join). */
  async #catchUp(client: XmppClient): Promise<void> {
    if (!this.#hasArchive) return;
    const timeout = this.options.requestTimeout;
    try {
      if (this.#log.lastStanzaId === undefined && !this.#hasReadArchive) {
        const page = await queryArchive(client, this.#archive, { before: '', max: this.options.historyOnJoin! }, timeout);
        this.#hasReadArchive = true;
        this.#log.startAfter((page.count ?? page.items.length) - page.items.length);
        page.items.forEach((item) => this.#take(item.message, item.stanzaId, item));
        return;
      }
      for (;;) {
        // Without a last stanza-id (the archive was empty), from the archive's start.
        const page = await queryArchive(client, this.#archive, { after: this.#log.lastStanzaId, max: CATCH_UP_PAGE }, timeout);
        page.items.forEach((item) => this.#take(item.message, item.stanzaId, item));
        if (page.isComplete || page.items.length === 0) return;
      }
    } catch (error) {
      const condition = (error as XMPPError).condition;
      if (condition === 'feature-not-implemented' || condition === 'service-unavailable') this.#hasArchive = false;
      else if (condition === 'item-not-found' && this.#log.lastStanzaId !== undefined) {
        this.#log.lastStanzaId = undefined; // expired from the archive: take its newest page, numbered after ours
        this.#hasReadArchive = false;
        await this.#catchUp(client);
      } else throw error;
    }
  }

  async #discoverUploads(client: XmppClient): Promise<UploadService | undefined> {
    const service = await findUploadService(client, this.options.domain!, this.options.upload).catch(() => undefined);
    this.#maxFileSize = service?.maxFileSize;
    if (!service) this.#uploadService = undefined; // look again on the next session
    return service;
  }

  #onStanza(stanza: Element): void {
    if (!stanza.is('message')) return;
    const from = stanza.attrs.from?.split('/')[0]?.toLowerCase();
    if (this.#peer && from === this.#ownJid && isCarbon(stanza)) void this.#sync(this.#client!);
    if (from !== this.#roomJid.toLowerCase()) return;
    if (stanza.attrs.type === 'error') return this.#onError(stanza);
    if (this.#peer) {
      // The peer's message (or one stored offline for us): it is in our archive, read it from there.
      if (stanza.attrs.type !== 'groupchat') void this.#sync(this.#client!);
      return;
    }
    if (stanza.attrs.type !== 'groupchat') return;
    if (this.#held) this.#held.push(stanza);
    else this.#onGroupchat(stanza);
  }

  #onGroupchat(stanza: Element): void {
    const stanzaId = stanza.getChildren('stanza-id', NS.sid).find((element) => element.attrs.by === this.#roomJid)?.attrs.id;
    // With an archive, only what it stored has a place in the room's order.
    if (this.#hasArchive && stanzaId === undefined) return;
    this.#take(stanza, stanzaId);
  }

  /** Numbers a stanza in room order, emits its message if it is new, and settles our pending ack. */
  #take(stanza: Element, stanzaId: string | undefined, archived?: ArchivedMessage): void {
    if (this.#log.has(stanzaId)) return;
    const read = this.#read(stanza, this.#log.next(stanzaId), archived, stanzaId);
    if (read?.isNew) this.emitMessage(read.raw);
  }

  /**
   * The raw message of a stanza at `seq` (undefined when it carries none), and whether its id is
   * new here (a message archived twice keeps its first seq); settles our pending ack of it.
   */
  #read(stanza: Element, seq: number, archived?: ArchivedMessage, stanzaId = archived?.stanzaId): { raw: Record<string, unknown>; isNew: boolean } | undefined {
    const sender = this.#peer ? this.#senderOf(stanza) : undefined;
    const raw = readMessageStanza(stanza, { room: this.#session!.room, seq, stanzaId, receivedAt: Date.now(), delay: archived?.delay, sender });
    if (!raw) return undefined;
    const id = raw.id as string;
    const isNew = this.#log.claim(id, seq);
    const pending = this.#pending.get(id);
    this.#pending.delete(id);
    pending?.resolve({ id, seq: this.#log.seqOf(id)! });
    return { raw, isNew };
  }

  /** One-to-one chat: the peer's id (its JID local part) for what it sent, our own user id for the rest. */
  #senderOf(stanza: Element): string {
    const from = stanza.attrs.from?.split('/')[0]?.toLowerCase();
    return this.#peer && from === this.#peer ? localPartOf(this.#peer) : this.#session!.user.id;
  }

  /** An error the room sent back for one of our messages (its stanza id is the message id). */
  #onError(stanza: Element): void {
    const id = stanza.attrs.id ?? '';
    const pending = this.#pending.get(id);
    if (!pending) return;
    this.#pending.delete(id);
    const error = stanza.getChild('error');
    const reason = error?.getChildText('text') || error?.getChildElements()[0]?.name || 'refused';
    pending.reject(error?.attrs.type === 'wait' ? new RetryLaterError(reason, 2000) : new MessageRefusedError(reason));
  }

  #rejectPending(which: (pending: PendingAck) => boolean): void {
    for (const [id, pending] of this.#pending) {
      if (!which(pending)) continue;
      this.#pending.delete(id);
      pending.reject(new ConnectionLostError('connection lost'));
    }
  }

  /** Stays offline for good: the server refused the login or the room. */
  #fail(client: XmppClient, error: Error): void {
    this.lastError = error;
    client.reconnect.stop();
    void client.stop().catch(() => undefined);
    this.setStatus('offline');
  }
}
