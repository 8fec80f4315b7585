/**
 * The stage of the XMPP tests: one Prosody per test file (see prosody.ts), Chatdrop clients
 * (`createChatStore` + `XmppTransport` on Node's global WebSocket, each behind its own fault
 * proxy in front of Prosody's HTTP port), and plain XMPP clients (bare @xmpp/client, no Chatdrop
 * code) to check what other XMPP software sends and sees.
 */
import { client as xmppClient, xml, type Element, type XmppClient } from '@xmpp/client';
import type { TestContext } from 'node:test';
import { createChatStore, type ChatStore, type ChatStoreOptions } from '../../src/state/chat-store.ts';
import { XmppTransport } from '../../src/transport/xmpp/xmpp-transport.ts';
import { roomJidOf } from '../../src/transport/xmpp/join-room.ts';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.ts';
import { startProsody, type TestProsody } from './prosody.ts';

/** Every test account's password. */
export const PASSWORD = 'test-only-password';
/** The accounts each Prosody gets. */
export const USERS = ['alice', 'bob', 'carol', 'dave'] as const;

/** A room name no other test uses. */
export function freshRoom(): string {
  return `room-${crypto.randomUUID().slice(0, 8)}`;
}

/** Starts Prosody with the test accounts. */
export async function startTestProsody(): Promise<TestProsody> {
  const prosody = await startProsody();
  try {
    for (const user of USERS) await prosody.register(user, PASSWORD);
  } catch (error) {
    await prosody.stop();
    throw error;
  }
  return prosody;
}

/** One Chatdrop client: its store, its transport and the proxy between it and Prosody. */
export interface XmppTestClient {
  readonly name: string;
  readonly store: ChatStore;
  readonly transport: XmppTransport;
  readonly proxy: FaultProxy;
}

/** Starts clients (and their proxies) that are all stopped after `t`. */
export function createXmppScene(t: TestContext, prosody: TestProsody) {
  const clients: XmppTestClient[] = [];
  const plain: XmppClient[] = [];
  t.after(async () => {
    clients.forEach((client) => client.store.stop());
    await Promise.all(plain.map((client) => client.stop().catch(() => undefined)));
    await Promise.all(clients.map((client) => client.proxy.close()));
  });
  return {
    /** A Chatdrop client of account `name` in `room` (a MUC room name, or a person's bare JID), online (or throws). */
    async startClient(name: (typeof USERS)[number], room: string, extra: Partial<ChatStoreOptions> = {}): Promise<XmppTestClient> {
      const proxy = await startFaultProxy(prosody.httpPort);
      const transport = new XmppTransport({ service: prosody.websocketUrl(proxy.port), domain: prosody.domain, username: name, password: PASSWORD, reconnectDelay: 100 });
      const store = createChatStore({ transport, room, user: { id: name }, ...extra });
      const client = { name, store, transport, proxy };
      clients.push(client);
      await store.start();
      if (transport.status !== 'online') throw new Error(`${name} did not get online: ${transport.lastError?.message ?? transport.status}`);
      return client;
    },
    /** A plain XMPP client of account `name`, online and in `room`, stopped after `t`. */
    async startPlainClient(name: (typeof USERS)[number], room: string): Promise<PlainClient> {
      const started = await startPlainClient(prosody, name, room);
      plain.push(started.client);
      return started;
    },
  };
}

/** A bare @xmpp/client (no Chatdrop code) of account `name`, online and in `room` as nick `name`. Stop its `client` when done. */
export async function startPlainClient(prosody: TestProsody, name: (typeof USERS)[number], room: string): Promise<PlainClient> {
  const client = xmppClient({ service: prosody.websocketUrl(), domain: prosody.domain, username: name, password: PASSWORD });
  client.on('error', () => undefined);
  const received: Element[] = [];
  client.on('stanza', (stanza) => {
    if (stanza.is('message') && stanza.attrs.type === 'groupchat') received.push(stanza);
  });
  await client.start();
  // Trap 2 of @xmpp/client 0.14: start() resolves before stream management is enabled.
  await eventually('stream management', () => client.streamManagement.enabled, 3000);
  // Enters the room as XEP-0045 says, without Chatdrop's code: presence, then wait for our own.
  const roomJid = roomJidOf(room, prosody.muc);
  const joined = new Promise<void>((resolve) => {
    client.on('stanza', (stanza) => {
      const isSelf = stanza.getChild('x', 'http://jabber.org/protocol/muc#user')?.getChildren('status').some((status) => status.attrs.code === '110');
      if (stanza.is('presence') && stanza.attrs.from === `${roomJid}/${name}` && isSelf) resolve();
    });
  });
  await client.send(xml('presence', { to: `${roomJid}/${name}` }, xml('x', { xmlns: 'http://jabber.org/protocol/muc' })));
  await joined;
  return { client, roomJid, received };
}

/** A plain XMPP client in a room, with every groupchat stanza it received. */
export interface PlainClient {
  client: XmppClient;
  roomJid: string;
  received: Element[];
}

/** Sends a plain groupchat message as other XMPP clients do. */
export function sendPlain(plain: PlainClient, body: string, ...children: Element[]): Promise<void> {
  return plain.client.send(xml('message', { type: 'groupchat', to: plain.roomJid, id: crypto.randomUUID() }, xml('body', {}, body), ...children));
}

/** Uploads `bytes` as a plain XMPP client does (a XEP-0363 slot from `service`, then a PUT to it) and returns its GET URL. */
export async function uploadPlain(plain: PlainClient, service: string, filename: string, bytes: Uint8Array<ArrayBuffer>, type: string): Promise<string> {
  const answer = await plain.client.iqCaller.request(
    xml('iq', { type: 'get', to: service }, xml('request', { xmlns: 'urn:xmpp:http:upload:0', filename, size: String(bytes.length), 'content-type': type })),
  );
  const slot = answer.getChild('slot')!;
  const headers = Object.fromEntries(slot.getChild('put')!.getChildren('header').map((header) => [header.attrs.name!, header.text()]));
  const stored = await fetch(slot.getChild('put')!.attrs.url!, { method: 'PUT', body: bytes, headers: { ...headers, 'Content-Type': type } });
  if (stored.status !== 201) throw new Error(`the upload service answered ${stored.status} to the PUT`);
  return slot.getChild('get')!.attrs.url!;
}

/** Polls `check` every 20 ms until it returns a value, or throws `what` after `timeoutMs`. */
export async function eventually<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
