// The part of the @xmpp/* 0.14 packages (plain JavaScript, no types of their own) that Chatdrop uses.
declare module '@xmpp/client-core' {
  /** An XML element (ltx). */
  export interface Element {
    name: string;
    attrs: Record<string, string | undefined>;
    children: Array<Element | string>;
    is(name: string, xmlns?: string): boolean;
    getChild(name: string, xmlns?: string): Element | undefined;
    getChildren(name: string, xmlns?: string): Element[];
    getChildElements(): Element[];
    getChildText(name: string, xmlns?: string): string | null;
    text(): string;
    toString(): string;
  }

  /** Builds an element: `xml('message', { to }, xml('body', {}, 'hi'))`. */
  export function xml(name: string, attrs?: Record<string, string | number | undefined> | null, ...children: Array<Element | string | undefined>): Element;

  /** A parsed JID. */
  export interface JID {
    local: string;
    domain: string;
    resource: string;
    bare(): JID;
    toString(): string;
  }
  export function jid(address: string): JID;
  export function jid(local: string, domain: string, resource?: string): JID;
  export namespace jid {
    function escapeLocal(local: string): string;
    function unescapeLocal(local: string): string;
  }

  /** An error from the server: stream, stanza or SASL. */
  export interface XMPPError extends Error {
    condition: string;
    text?: string;
    type?: string;
    element?: Element;
  }

  export interface StreamManagement {
    enabled: boolean;
    id: string;
    on(event: 'resumed', listener: () => void): void;
    on(event: 'fail' | 'ack', listener: (stanza: Element) => void): void;
  }

  export interface XmppClient {
    status: string;
    jid: JID | null;
    streamManagement: StreamManagement;
    reconnect: { delay: number; stop(): void; start(): void };
    iqCaller: {
      request(stanza: Element, timeoutMs?: number): Promise<Element>;
      get(element: Element, to?: string, timeoutMs?: number): Promise<Element>;
      set(element: Element, to?: string, timeoutMs?: number): Promise<Element>;
    };
    on(event: 'stanza' | 'nonza' | 'element', listener: (element: Element) => void): void;
    on(event: 'status', listener: (status: string) => void): void;
    on(event: 'online', listener: (address: JID) => void): void;
    on(event: 'error', listener: (error: XMPPError) => void): void;
    on(event: 'offline' | 'disconnect', listener: () => void): void;
    removeListener(event: string, listener: (...args: never[]) => void): void;
    removeAllListeners(): void;
    start(): Promise<JID>;
    stop(): Promise<void>;
    disconnect(): Promise<void>;
    send(element: Element): Promise<void>;
  }

  /** The bare connection that the plugins extend (see create-client.ts). */
  export class Client {
    constructor(options: { service: string; domain: string; timeout?: number });
    jid: JID | null;
  }
}

declare module '@xmpp/reconnect' {
  export default function reconnect(parts: { entity: unknown }): import('@xmpp/client-core').XmppClient['reconnect'];
}
declare module '@xmpp/websocket' {
  export default function websocket(parts: { entity: unknown }): void;
}
declare module '@xmpp/middleware' {
  export default function middleware(parts: { entity: unknown }): unknown;
}
declare module '@xmpp/stream-features' {
  export default function streamFeatures(parts: { middleware: unknown }): unknown;
}
declare module '@xmpp/iq/caller.js' {
  export default function iqCaller(parts: { middleware: unknown; entity: unknown }): import('@xmpp/client-core').XmppClient['iqCaller'];
}
declare module '@xmpp/iq/callee.js' {
  export default function iqCallee(parts: { middleware: unknown; entity: unknown }): { get(xmlns: string, name: string, handler: () => object): void };
}
declare module '@xmpp/sasl' {
  type Authenticate = (credentials: { username?: string; password?: string }, mechanism: string) => Promise<void>;
  export default function sasl(parts: { streamFeatures: unknown; saslFactory: unknown }, onAuthenticate: (authenticate: Authenticate, mechanisms: string[]) => Promise<void>): void;
}
declare module '@xmpp/sasl-plain' {
  export default function saslPlain(factory: unknown): void;
}
declare module '@xmpp/sasl-anonymous' {
  export default function saslAnonymous(factory: unknown): void;
}
declare module '@xmpp/resource-binding' {
  export default function resourceBinding(parts: { iqCaller: unknown; streamFeatures: unknown }, resource?: string): void;
}
declare module '@xmpp/stream-management' {
  export default function streamManagement(parts: { streamFeatures: unknown; entity: unknown; middleware: unknown }): import('@xmpp/client-core').StreamManagement;
}
declare module 'saslmechanisms' {
  export default class SASLFactory {}
}

// The full client, used by the tests as a plain XMPP client (no Chatdrop code).
declare module '@xmpp/client' {
  export { xml, jid, type Element, type XmppClient, type XMPPError } from '@xmpp/client-core';
  export function client(options: { service: string; domain?: string; username?: string; password?: string }): import('@xmpp/client-core').XmppClient;
}
