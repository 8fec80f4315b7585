// An XMPP client over WebSocket (RFC 7395), for the XMPP transport: it logs in with SASL PLAIN
// (the connection must be secure: `wss:`, or a server that allows it on loopback) or ANONYMOUS,
// binds a resource, keeps the session with stream management (XEP-0198: acks, and a cut resumed
// with the stanzas the server had not acked sent again), answers pings, asks by iq, and connects
// again after a cut. XML is read and built by `xml.ts`. It replaced @xmpp/client-core and the
// @xmpp/* plugins it was composed of (about 6 KB brotli with their helpers), of which it keeps the
// behaviour the transport relied on; test/xmpp runs it against a real Prosody.
import { textToBase64 } from '../../model/base64.ts';
import { Element, parseXml, xml } from './xml.ts';

export { Element, xml };

const NS = {
  framing: 'urn:ietf:params:xml:ns:xmpp-framing',
  stream: 'http://etherx.jabber.org/streams',
  sasl: 'urn:ietf:params:xml:ns:xmpp-sasl',
  bind: 'urn:ietf:params:xml:ns:xmpp-bind',
  sm: 'urn:xmpp:sm:3',
  ping: 'urn:xmpp:ping',
  stanzas: 'urn:ietf:params:xml:ns:xmpp-stanzas',
  delay: 'urn:xmpp:delay',
};

const STANZAS = new Set(['message', 'presence', 'iq']);

/** No stream management session: none to resume, nothing counted or kept. */
const noSession = () => ({ id: '', enabled: false, inbound: 0, acked: 0, unacked: [] as Array<{ stanza: Element; stamp: string }> });

/** XEP-0106: the characters a JID's local part cannot hold, as `\20`… */
export const escapeLocal = (local: string): string => local.trim().replace(/[\\ "&'/:<>@]/g, (char) => `\\${char.charCodeAt(0).toString(16)}`);
export const unescapeLocal = (local: string): string => local.replace(/\\(2[0267f]|3[ace]|40|5c)/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/**
 * An error the server sent: a stanza's `<error>`, a stream error, or a refused login
 * (`name` 'SASLError'); `condition` is its defined condition (`item-not-found`…).
 */
export class XmppError extends Error {
  constructor(
    readonly condition: string,
    readonly text = '',
    /** The element that said it (`<error>`, `<failure>`…), with any application-specific condition in it. */
    readonly element?: Element,
    name = 'XMPPError',
  ) {
    super(condition + (text ? ` - ${text}` : ''));
    this.name = name;
  }

  static of(element: Element | undefined, name?: string): XmppError {
    const condition = element?.getChildElements().find((child) => child.name !== 'text')?.name ?? 'undefined-condition';
    return new XmppError(condition, element?.getChildText('text') ?? '', element, name);
  }
}

export interface XmppClientOptions {
  /** The WebSocket URL (`wss://…`). */
  service: string;
  domain: string;
  /** No username: SASL ANONYMOUS. */
  username?: string;
  password?: string;
  resource?: string;
  /** How long to wait for each step of connecting and logging in, and for an iq's answer by default, in ms. Default 5000. */
  timeout?: number;
  /** How long to wait before connecting again after a cut, in ms. Default 1000. */
  reconnectDelay?: number;
  /** With no answer to an ack request for this long, the connection is taken as dead and made again. Default 60 000. */
  ackTimeout?: number;
}

/** `connecting` (also while logging in), `online`, `disconnect` (cut; it connects again), `offline` (stopped). */
export type XmppStatus = 'offline' | 'connecting' | 'online' | 'disconnect';

interface Events {
  status: [XmppStatus];
  /** A new session is up (logged in, bound, stream management on). */
  online: [];
  /** A cut session was resumed: nothing was lost, in either direction. */
  resumed: [];
  stanza: [Element];
  error: [Error];
}

type Waiter = { match(element: Element): boolean; resolve(element: Element): void; reject(error: Error): void };

export class XmppClient {
  status: XmppStatus = 'offline';
  /** The full JID bound, once online. */
  jid?: string;
  readonly options: Required<Pick<XmppClientOptions, 'timeout' | 'reconnectDelay' | 'ackTimeout'>> & XmppClientOptions;
  #socket?: WebSocket;
  #listeners = new Map<keyof Events, Set<(...args: never[]) => void>>();
  #waiters = new Set<Waiter>();
  #isStopped = true;
  #reconnectTimer?: ReturnType<typeof setTimeout>;
  /** Stream management: the session to resume, stanzas received, stanzas sent and not yet acked. */
  #sm = noSession();
  #ackRequest?: ReturnType<typeof setTimeout>;
  #deadline?: ReturnType<typeof setTimeout>;

  constructor(options: XmppClientOptions) {
    this.options = { timeout: 5000, reconnectDelay: 1000, ackTimeout: 60_000, ...options };
  }

  on<E extends keyof Events>(event: E, listener: (...args: Events[E]) => void): void {
    if (!this.#listeners.has(event)) this.#listeners.set(event, new Set());
    this.#listeners.get(event)!.add(listener as (...args: never[]) => void);
  }

  off<E extends keyof Events>(event: E, listener: (...args: Events[E]) => void): void {
    this.#listeners.get(event)?.delete(listener as (...args: never[]) => void);
  }

  removeAllListeners(): void {
    this.#listeners.clear();
  }

  #emit<E extends keyof Events>(event: E, ...args: Events[E]): void {
    for (const listener of [...(this.#listeners.get(event) ?? [])]) (listener as (...args: Events[E]) => void)(...args);
  }

  #setStatus(status: XmppStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.#emit('status', status);
  }

  /**
   * Connects and logs in; resolves once online. Rejects when the first connection fails: with an
   * `XmppError` named 'SASLError' when the login was refused (it stops there), else it keeps
   * trying, every `reconnectDelay` ms, until `stop()`.
   */
  start(): Promise<void> {
    this.#isStopped = false;
    return this.#connect();
  }

  /** Ends the session (the server drops it) and stops connecting again. */
  async stop(): Promise<void> {
    this.#isStopped = true;
    clearTimeout(this.#reconnectTimer);
    const socket = this.#socket;
    if (socket?.readyState === WebSocket.OPEN) {
      // Say how far we got, then close the stream: the server forgets the session.
      if (this.#sm.enabled) socket.send(xml('a', { xmlns: NS.sm, h: this.#sm.inbound }).toString());
      socket.send(xml('close', { xmlns: NS.framing }).toString());
    }
    this.#sm = noSession();
    this.#closeSocket();
    this.#setStatus('offline');
  }

  /** Drops the connection without ending the session: it connects again, and resumes when the server still has it. */
  async disconnect(): Promise<void> {
    this.#closeSocket();
  }

  /**
   * Sends a stanza (or any element). With a stream management session, a stanza is kept until the
   * server acks it, even one sent while the connection is down (it rejects then): a resumed session
   * sends it again.
   */
  async send(element: Element): Promise<void> {
    const socket = this.#socket;
    const isOpen = socket?.readyState === WebSocket.OPEN;
    if (STANZAS.has(element.name)) {
      element.attrs.xmlns ??= 'jabber:client';
      if (this.#sm.id) this.#sm.unacked.push({ stanza: element, stamp: new Date().toISOString() });
      if (this.#sm.enabled && isOpen) {
        clearTimeout(this.#ackRequest);
        this.#ackRequest = setTimeout(() => this.#requestAck(), 250);
      }
    }
    if (!isOpen) throw new Error('The XMPP connection is not open.');
    socket!.send(element.toString());
  }

  /** Sends an iq and resolves with its answer; rejects with its `<error>` as an `XmppError`, or on timeout. */
  async request(iq: Element, timeoutMs = 30_000): Promise<Element> {
    const id = (iq.attrs.id ??= Math.random().toString(36).slice(2));
    const answer = this.#next((element) => element.name === 'iq' && element.attrs.id === id && (element.attrs.type === 'result' || element.attrs.type === 'error'), timeoutMs);
    await this.send(iq);
    const reply = await answer;
    if (reply.attrs.type === 'error') throw XmppError.of(reply.getChild('error'));
    return reply;
  }

  /** An iq get of `query` (to `to`); resolves with the answer's element of the same name and namespace. */
  async get(query: Element, to?: string, timeoutMs?: number): Promise<Element | undefined> {
    return (await this.request(xml('iq', { type: 'get', to }, query), timeoutMs)).getChild(query.name, query.attrs.xmlns);
  }

  /** As `get`, an iq set. */
  async set(query: Element, to?: string, timeoutMs?: number): Promise<Element | undefined> {
    return (await this.request(xml('iq', { type: 'set', to }, query), timeoutMs)).getChild(query.name, query.attrs.xmlns);
  }

  /** The next element received that `match`es (within `timeoutMs`; the connection's loss rejects it too). */
  #next(match: (element: Element) => boolean, timeoutMs = this.options.timeout): Promise<Element> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => settle(() => reject(new Error('The XMPP server did not answer in time.'))), timeoutMs);
      const settle = (then: () => void) => {
        clearTimeout(timer);
        this.#waiters.delete(waiter);
        then();
      };
      const waiter: Waiter = { match, resolve: (element) => settle(() => resolve(element)), reject: (error) => settle(() => reject(error)) };
      this.#waiters.add(waiter);
    });
  }

  async #connect(): Promise<void> {
    clearTimeout(this.#reconnectTimer);
    this.#setStatus('connecting');
    const socket = new WebSocket(this.options.service, 'xmpp');
    this.#socket = socket;
    socket.onmessage = (event) => this.#onFrame(String(event.data));
    socket.onclose = () => this.#onClose(socket);
    try {
      // Opening is a step like the others: within `timeout`, and failed by the connection's loss, also by `stop()` or
      // `disconnect()` (whose events come after `#onClose` dropped the socket's `on…` handlers).
      await new Promise<void>((resolve, reject) => {
        const giveUp = setTimeout(() => this.#closeSocket(socket), this.options.timeout);
        const settle = (isOpen: boolean) => {
          clearTimeout(giveUp);
          if (isOpen) resolve();
          else reject(new Error(`Could not connect to ${this.options.service}.`));
        };
        socket.addEventListener('open', () => settle(true));
        // A failed connection fires `error`, then `close` (Node's WebSocket may leave out `close` when it is closed while opening).
        for (const type of ['error', 'close']) socket.addEventListener(type, () => settle(false));
      });
      await this.#logIn();
    } catch (error) {
      if (error instanceof XmppError && error.name === 'SASLError') this.#isStopped = true;
      this.#closeSocket(socket);
      throw error;
    }
  }

  /** Opens the stream and logs in, then resumes the last session or starts a new one. */
  async #logIn(): Promise<void> {
    let features = await this.#openStream();
    const mechanism = this.options.username ? 'PLAIN' : 'ANONYMOUS';
    const offered = features.getChild('mechanisms', NS.sasl)?.getChildren('mechanism').map((child) => child.text()) ?? [];
    if (!offered.includes(mechanism)) throw new XmppError('invalid-mechanism', `The server does not offer ${mechanism} login on this connection.`, undefined, 'SASLError');
    const credentials = mechanism === 'PLAIN' ? textToBase64(`\0${this.options.username}\0${this.options.password ?? ''}`) : undefined;
    const outcome = this.#next((element) => element.is('success', NS.sasl) || element.is('failure', NS.sasl));
    await this.send(xml('auth', { xmlns: NS.sasl, mechanism }, credentials));
    const answer = await outcome;
    if (answer.name === 'failure') throw XmppError.of(answer, 'SASLError');
    features = await this.#openStream();
    const canManage = features.getChild('sm', NS.sm) !== undefined;
    if (canManage && this.#sm.id && (await this.#resume())) return;
    // A new session: the last one cannot be resumed any more, and what it kept is the outbox's to send again.
    this.#sm = noSession();
    const bound = await this.set(xml('bind', { xmlns: NS.bind }, this.options.resource ? xml('resource', {}, this.options.resource) : undefined), undefined, this.options.timeout);
    this.jid = bound?.getChildText('jid') ?? undefined;
    if (canManage) {
      const enabled = this.#next((element) => element.is('enabled', NS.sm) || element.is('failed', NS.sm));
      await this.send(xml('enable', { xmlns: NS.sm, resume: 'true' }));
      const answer = await enabled;
      if (answer.name === 'enabled') this.#sm = { ...noSession(), id: answer.attrs.id ?? '', enabled: true };
    }
    this.#setStatus('online');
    this.#emit('online');
    this.#scheduleAckRequest();
  }

  /** Asks the server to go on with the last session; whether it did (what it had not acked is sent again). */
  async #resume(): Promise<boolean> {
    const outcome = this.#next((element) => element.is('resumed', NS.sm) || element.is('failed', NS.sm));
    await this.send(xml('resume', { xmlns: NS.sm, h: this.#sm.inbound, previd: this.#sm.id }));
    const answer = await outcome;
    if (answer.name === 'failed') return false;
    this.#acked(Number(answer.attrs.h));
    const unacked = this.#sm.unacked;
    this.#sm.unacked = [];
    this.#sm.enabled = true;
    for (const { stanza, stamp } of unacked) {
      // Sent late: a message says when it was first sent (XEP-0203).
      if (stanza.name === 'message' && !stanza.getChild('delay', NS.delay)) stanza.c('delay', { xmlns: NS.delay, from: this.jid, stamp });
      await this.send(stanza);
    }
    this.#setStatus('online');
    this.#emit('resumed');
    this.#scheduleAckRequest();
    return true;
  }

  /** Opens a stream (again, after login) and resolves with its features. */
  async #openStream(): Promise<Element> {
    const features = this.#next((element) => element.is('features', NS.stream));
    await this.send(xml('open', { xmlns: NS.framing, to: this.options.domain, version: '1.0' }));
    return features;
  }

  #onFrame(frame: string): void {
    let element: Element;
    try {
      element = parseXml(frame);
    } catch (error) {
      this.#emit('error', error as Error);
      this.#closeSocket();
      return;
    }
    clearTimeout(this.#deadline);
    this.#deadline = undefined;
    if (element.is('close', NS.framing) || element.is('error', NS.stream)) {
      if (element.name !== 'close') this.#emit('error', XmppError.of(element));
      this.#closeSocket();
      return;
    }
    if (STANZAS.has(element.name) && this.#sm.enabled) this.#sm.inbound += 1;
    if (element.is('r', NS.sm)) void this.send(xml('a', { xmlns: NS.sm, h: this.#sm.inbound })).catch(() => undefined);
    if (element.is('a', NS.sm)) this.#acked(Number(element.attrs.h));
    for (const waiter of [...this.#waiters]) {
      if (waiter.match(element)) {
        waiter.resolve(element);
        return;
      }
    }
    if (!STANZAS.has(element.name)) return;
    if (element.name === 'iq' && (element.attrs.type === 'get' || element.attrs.type === 'set')) this.#answerIq(element);
    else this.#emit('stanza', element);
  }

  /** Answers a ping; any other request gets `service-unavailable`, as RFC 6120 asks. */
  #answerIq(iq: Element): void {
    const isPing = iq.attrs.type === 'get' && iq.getChild('ping', NS.ping) !== undefined;
    const error = xml('error', { type: 'cancel' }, xml('service-unavailable', { xmlns: NS.stanzas }));
    void this.send(xml('iq', { type: isPing ? 'result' : 'error', id: iq.attrs.id, to: iq.attrs.from }, isPing ? undefined : error)).catch(() => undefined);
  }

  /** The server says it has handled `h` of our stanzas: those are no longer kept. */
  #acked(h: number): void {
    if (!Number.isSafeInteger(h)) return;
    // h counts modulo 2^32.
    const newly = (h - this.#sm.acked + 2 ** 32) % 2 ** 32;
    this.#sm.unacked.splice(0, newly);
    this.#sm.acked = h;
  }

  /** Asks for an ack now and then (every 30 s, and 250 ms after a send); with no answer in `ackTimeout`, the connection is made again. */
  #scheduleAckRequest(): void {
    clearTimeout(this.#ackRequest);
    if (this.#sm.enabled) this.#ackRequest = setTimeout(() => this.#requestAck(), 30_000);
  }

  #requestAck(): void {
    if (!this.#sm.enabled || this.status !== 'online') return;
    const socket = this.#socket;
    this.#deadline ??= setTimeout(() => this.#closeSocket(socket), this.options.ackTimeout);
    void this.send(xml('r', { xmlns: NS.sm })).catch(() => undefined);
    this.#scheduleAckRequest();
  }

  #closeSocket(socket = this.#socket): void {
    if (!socket) return;
    socket.close();
    this.#onClose(socket);
  }

  /** The connection is gone: waiters fail, the session waits to be resumed, and (unless stopped) it connects again. */
  #onClose(socket: WebSocket): void {
    if (socket !== this.#socket) return;
    this.#socket = undefined;
    socket.onmessage = socket.onclose = null;
    clearTimeout(this.#ackRequest);
    clearTimeout(this.#deadline);
    this.#deadline = undefined;
    this.#sm.enabled = false;
    for (const waiter of [...this.#waiters]) waiter.reject(new Error('The XMPP connection was lost.'));
    if (this.#isStopped) {
      this.#setStatus('offline');
      return;
    }
    this.#setStatus('disconnect');
    this.#reconnectTimer = setTimeout(() => void this.#connect().catch(() => undefined), this.options.reconnectDelay);
  }
}
