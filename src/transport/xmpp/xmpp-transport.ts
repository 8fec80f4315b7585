import { XmppClient, type Element, type XmppError } from './xmpp-client.ts';
import type { ChatMessage } from '../../model/message.ts';
import { TransportBase } from '../transport-base.ts';
import { ConnectionLostError, MessageRefusedError, RetryLaterError, type Ack, type HistoryQuery, type Session } from '../transport.ts';
import { queryArchive, type ArchivedMessage } from './archive.ts';
import { NS } from './build-stanza.ts';
import { conversationFor, type Conversation } from './conversation.ts';
import { RoomJoinError } from './join-room.ts';
import type { XmppTransportOptions } from './options.ts';
import { PendingAcks } from './pending-acks.ts';
import { readMessageStanza } from './read-stanza.ts';
import { RoomLog } from './room-log.ts';
import { findUploadService, requestSlot, type UploadService } from './upload-service.ts';
import type { SlotRequest, UploadSlot } from './upload-slot.ts';

/** Largest page the catch-up asks the archive for (servers may send less). */
const CATCH_UP_PAGE = 100;

/**
 * A transport to an XMPP server over WebSocket (RFC 7395), on our XMPP client (`xmpp-client.ts`). The widget's `room` names the conversation (see `conversationFor`): a MUC
 * room (`GroupRoom`), or one person when it is a bare JID (`DirectChat`). A message is acked once
 * it is back in the conversation's order (matched by XEP-0359 origin-id) and gets its place in
 * the conversation's archive (XEP-0313, see `RoomLog`) as its seq. Every sign of news runs one
 * archive sync, which numbers what is new in archive order and settles the acks of the messages
 * it holds; live messages (a room's reflections) are numbered as they come. Each side's store
 * gets every message with `room` = its own `room`, so in one-to-one chat seqs are per archive:
 * the same message may have different seqs on the two sides, in the same order.
 *
 * A cut is resumed with stream management (XEP-0198); when resumption fails, the conversation is
 * entered again and the archive fills the gap before the status is `online` again. Sends are
 * refused unless online, so the store's outbox sends them again with the same id.
 */
export class XmppTransport extends TransportBase {
  readonly options: Readonly<XmppTransportOptions>;
  #client?: XmppClient;
  #session?: Session;
  /** The room or the person the session talks to: set by `connect()`. */
  #conversation!: Conversation;
  /** The running archive sync, and whether news came in while it ran. */
  #syncing?: { promise: Promise<void>; session: number };
  #syncAgain = false;
  /** Whether the archive has been read once in this connection (so an empty one is read from its start). */
  #hasReadArchive = false;
  #isClosed = false;
  /** In the conversation with the gap filled; a resumed stream needs nothing more. */
  #hasEntered = false;
  /** Live messages that arrived while entering, taken after the catch-up. */
  #held: Element[] | undefined;
  #sessionNumber = 0;
  #hasArchive = true;
  #log = new RoomLog();
  readonly #pending = new PendingAcks();
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
    this.#conversation = conversationFor(session.room, session.user.id, this.options.muc!);
    this.#log = new RoomLog();
    this.#hasReadArchive = false;
    this.setStatus('connecting');
    const { service, domain, username, resource, reconnectDelay } = this.options;
    const password = this.options.password ?? session.token;
    const client = new XmppClient({ service, domain: domain!, username, password, resource, timeout: 5000, reconnectDelay });
    this.#client = client;
    let settle = () => {};
    const settled = new Promise<void>((resolve) => (settle = resolve));
    client.on('status', (status) => {
      if (this.#isClosed || this.#client !== client) return;
      if (status === 'disconnect') this.setStatus('offline');
      if (status === 'connecting') this.setStatus('connecting');
    });
    client.on('stanza', (stanza) => this.#onStanza(stanza));
    client.on('online', () => void this.#enter(client).finally(settle));
    client.on('resumed', () => {
      if (this.#hasEntered) this.setStatus('online');
      else void this.#enter(client);
    });
    client.start().catch((error: Error) => {
      if (error.name === 'SASLError') this.#fail(client, error);
      settle();
    });
    return settled;
  }

  close(): void {
    this.#isClosed = true;
    this.#hasEntered = false;
    const client = this.#client;
    this.#client = undefined;
    void client?.stop().catch(() => undefined);
    this.#pending.rejectBefore();
    this.setStatus('offline');
  }

  send(message: ChatMessage): Promise<Ack> {
    const seq = this.#log.seqOf(message.id);
    if (seq !== undefined) return Promise.resolve({ id: message.id, seq });
    const earlier = this.#pending.get(message.id);
    if (earlier) return earlier;
    const client = this.#client;
    if (this.status !== 'online' || !client) return Promise.reject(new ConnectionLostError('not connected'));
    const promise = this.#pending.add(message.id, this.#sessionNumber);
    // A write that fails stays in the stream management queue: resent on resumption, else resent by the outbox.
    client.send(this.#conversation.address(message)).catch(() => undefined);
    // Not sent back live: the archive holds it once the server has routed it.
    if (!this.#conversation.reflectsSends) void this.#sync(client);
    return promise;
  }

  async history({ before, after, limit = 50 }: HistoryQuery = {}): Promise<unknown[]> {
    const client = this.#client;
    if (this.status !== 'online' || !client) throw new ConnectionLostError('not connected');
    if (!this.#hasArchive) return [];
    const anchor = after ?? before;
    const stanzaId = anchor === undefined ? '' : this.#log.stanzaIdAt(anchor);
    if (stanzaId === undefined) return [];
    const page = await queryArchive(client, this.#conversation.archive, after !== undefined ? { after: stanzaId, max: limit } : { before: stanzaId, max: limit }, this.options.requestTimeout);
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

  /** Enters the conversation in a new XMPP session and fills the gap from the archive, then goes online. */
  async #enter(client: XmppClient): Promise<void> {
    const session = ++this.#sessionNumber;
    this.#hasEntered = false;
    this.#held = [];
    this.setStatus('connecting');
    // What the last session sent unacked is resent by the outbox once online; a message the
    // room did store shows up in the catch-up, and resending it then just returns its ack.
    this.#pending.rejectBefore(session);
    try {
      const uploads = (this.#uploadService ??= this.#discoverUploads(client));
      await this.#conversation.enter(client, this.options.requestTimeout!);
      await this.#sync(client, true);
      if (!this.#hasArchive && this.#conversation.needsArchive) throw new RoomJoinError('no-message-archive');
      await uploads; // so `maxFileSize` is known once online
      if (session !== this.#sessionNumber || this.#client !== client) return;
      const held = this.#held;
      this.#held = undefined;
      held.forEach((stanza) => this.#onLive(stanza));
      this.#hasEntered = true;
      this.setStatus('online');
    } catch (error) {
      if (error instanceof RoomJoinError) this.#fail(client, error);
      // Anything else (a timeout, a cut while entering): the next stream tries again.
      else if (this.#client === client && client.status === 'online') void client.disconnect().catch(() => undefined);
    }
  }

  /**
   * Runs `#catchUp`, once at a time; news during a run makes it run once more.
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
        const page = await queryArchive(client, this.#conversation.archive, { before: '', max: this.options.historyOnJoin! }, timeout);
        this.#hasReadArchive = true;
        this.#log.startAfter((page.count ?? page.items.length) - page.items.length);
        page.items.forEach((item) => this.#take(item.message, item.stanzaId, item));
        return;
      }
      for (;;) {
        // Without a last stanza-id (the archive was empty), from the archive's start.
        const page = await queryArchive(client, this.#conversation.archive, { after: this.#log.lastStanzaId, max: CATCH_UP_PAGE }, timeout);
        page.items.forEach((item) => this.#take(item.message, item.stanzaId, item));
        if (page.isComplete || page.items.length === 0) return;
      }
    } catch (error) {
      const condition = (error as XmppError).condition;
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
    const incoming = this.#conversation.recognise(stanza);
    if (incoming === 'error') this.#onError(stanza);
    else if (incoming === 'news') void this.#sync(this.#client!);
    else if (incoming === 'live' && this.#held) this.#held.push(stanza);
    else if (incoming === 'live') this.#onLive(stanza);
  }

  /** A live message: numbered by its arrival, once the conversation's archive has stored it. */
  #onLive(stanza: Element): void {
    const stanzaId = stanza.getChildren('stanza-id', NS.sid).find((element) => element.attrs.by === this.#conversation.jid)?.attrs.id;
    // With an archive, only what it stored has a place in the order.
    if (this.#hasArchive && stanzaId === undefined) return;
    this.#take(stanza, stanzaId);
  }

  /** Numbers a stanza in the conversation's order, emits its message if it is new, and settles our pending ack. */
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
    const sender = this.#conversation.senderOf(stanza);
    const raw = readMessageStanza(stanza, { room: this.#session!.room, seq, stanzaId, receivedAt: Date.now(), delay: archived?.delay, sender });
    if (!raw) return undefined;
    const id = raw.id as string;
    const isNew = this.#log.claim(id, seq);
    this.#pending.resolve({ id, seq: this.#log.seqOf(id)! });
    return { raw, isNew };
  }

  /** An error the server sent back for one of our messages (its stanza id is the message id). */
  #onError(stanza: Element): void {
    const error = stanza.getChild('error');
    const reason = error?.getChildText('text') || error?.getChildElements()[0]?.name || 'refused';
    this.#pending.reject(stanza.attrs.id ?? '', error?.attrs.type === 'wait' ? new RetryLaterError(reason, 2000) : new MessageRefusedError(reason));
  }

  /** Stays offline for good: the server refused the login or the conversation. */
  #fail(client: XmppClient, error: Error): void {
    this.lastError = error;
    void client.stop().catch(() => undefined);
    this.setStatus('offline');
  }
}
