// The part of ltx 3 (plain JavaScript, no types of its own) that Chatdrop's XMPP client uses.
declare module 'ltx' {
  /** An XML element. */
  export class Element {
    constructor(name: string, attrs?: Record<string, string | undefined>);
    name: string;
    attrs: Record<string, string | undefined>;
    children: Array<Element | string>;
    parent: Element | null;
    is(name: string, xmlns?: string): boolean;
    getChild(name: string, xmlns?: string): Element | undefined;
    getChildren(name: string, xmlns?: string): Element[];
    getChildElements(): Element[];
    getChildText(name: string, xmlns?: string): string | null;
    text(): string;
    /** Appends a new child element and returns it. */
    c(name: string, attrs?: Record<string, string | undefined>): Element;
    toString(): string;
  }
  export function createElement(name: string, attrs?: Record<string, string | number | undefined> | null, ...children: Array<Element | string | undefined>): Element;
  /** Parses one XML document (throws when it is not well-formed). */
  export function parse(xml: string): Element;
}
