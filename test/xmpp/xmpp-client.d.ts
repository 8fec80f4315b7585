// The part of @xmpp/client 0.14 (plain JavaScript, no types of its own) that the tests use: a
// plain XMPP client, no Chatdrop code, to talk with Chatdrop's through Prosody.
declare module '@xmpp/client' {
  /** An XML element (ltx's). */
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
  export function xml(name: string, attrs?: Record<string, string | number | undefined> | null, ...children: Array<Element | string | undefined>): Element;
  export interface XmppClient {
    status: string;
    jid: { bare(): { toString(): string } } | null;
    streamManagement: { enabled: boolean };
    on(event: 'stanza' | 'element', listener: (element: Element) => void): void;
    on(event: 'online', listener: (address: unknown) => void): void;
    on(event: 'error', listener: (error: Error) => void): void;
    on(event: 'offline', listener: () => void): void;
    removeListener(event: string, listener: (...args: never[]) => void): void;
    start(): Promise<unknown>;
    stop(): Promise<void>;
    send(element: Element): Promise<void>;
    iqCaller: { request(stanza: Element, timeoutMs?: number): Promise<Element> };
  }
  export function client(options: { service: string; domain?: string; username?: string; password?: string; resource?: string }): XmppClient;
}
