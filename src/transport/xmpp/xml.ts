// The XML of XMPP: elements read from the wire, built, and written back. XMPP carries a restricted
// XML (RFC 6120 §11.1): no comments, processing instructions, DTDs, or entity references but the
// five predefined ones and character references. Over WebSocket each frame is one whole element
// (RFC 7395). So this reads a frame in one pass and refuses anything else, rather than handle
// XML at large; it replaced ltx (and the `events` shim its parser needed), about 2.3 KB brotli.

const ESCAPED: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (char) => ESCAPED[char]!);

/** Text with its entity and character references replaced; throws on any other `&`. */
function unescapeXml(text: string): string {
  return text.replace(/&([^;]*);?/g, (reference, name: string) => {
    const code = /^#x[0-9a-f]+$/i.test(name) ? parseInt(name.slice(2), 16) : /^#\d+$/.test(name) ? Number(name.slice(1)) : undefined;
    const value = code === undefined ? PREDEFINED[name] : code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
    if (value === undefined || !reference.endsWith(';')) throw new SyntaxError(`Not XMPP XML: ${reference}`);
    return value;
  });
}

/** An XML element: its name (with any prefix), attributes, and children, elements or text. */
export class Element {
  parent: Element | null = null;
  readonly children: Array<Element | string> = [];

  constructor(
    public name: string,
    public attrs: Record<string, string | undefined> = {},
  ) {}

  /** Its name without a prefix. */
  getName(): string {
    return this.name.slice(this.name.indexOf(':') + 1);
  }

  /** Its namespace: the `xmlns` (or `xmlns:prefix`) it or its nearest ancestor declares. */
  getNS(): string | undefined {
    const colon = this.name.indexOf(':');
    const declaration = colon < 0 ? 'xmlns' : `xmlns:${this.name.slice(0, colon)}`;
    for (let element: Element | null = this; element; element = element.parent) if (element.attrs[declaration]) return element.attrs[declaration];
    return undefined;
  }

  is(name: string, xmlns?: string): boolean {
    return this.getName() === name && (!xmlns || this.getNS() === xmlns);
  }

  getChildElements(): Element[] {
    return this.children.filter((child): child is Element => typeof child !== 'string');
  }

  getChildren(name: string, xmlns?: string): Element[] {
    return this.getChildElements().filter((child) => child.is(name, xmlns));
  }

  getChild(name: string, xmlns?: string): Element | undefined {
    return this.getChildElements().find((child) => child.is(name, xmlns));
  }

  /** Its own text (not its children's). */
  text(): string {
    return this.children.filter((child) => typeof child === 'string').join('');
  }

  getChildText(name: string, xmlns?: string): string | null {
    return this.getChild(name, xmlns)?.text() ?? null;
  }

  /** Appends a child (an element, or text) and returns this element. */
  append(child: Element | string): this {
    if (typeof child !== 'string') child.parent = this;
    this.children.push(child);
    return this;
  }

  /** Appends a new child element and returns it. */
  c(name: string, attrs?: Record<string, string | undefined>): Element {
    const child = new Element(name, attrs);
    this.append(child);
    return child;
  }

  toString(): string {
    const attrs = Object.entries(this.attrs).map(([name, value]) => (value === undefined ? '' : ` ${name}="${escapeXml(value)}"`));
    const inner = this.children.map((child) => (typeof child === 'string' ? escapeXml(child) : child.toString())).join('');
    return `<${this.name}${attrs.join('')}${inner ? `>${inner}</${this.name}>` : '/>'}`;
  }
}

/** Builds an element: `xml('message', { to }, xml('body', {}, 'hi'))`; attributes left undefined and children left undefined or empty are left out. */
export function xml(name: string, attrs?: Record<string, string | number | undefined> | null, ...children: Array<Element | string | undefined>): Element {
  const element = new Element(name, Object.fromEntries(Object.entries(attrs ?? {}).flatMap(([key, value]) => (value === undefined ? [] : [[key, String(value)]]))));
  for (const child of children) if (child !== undefined && child !== '') element.append(child);
  return element;
}

/** One token: an end tag, a start tag (attributes, self-closing or not), CDATA, or text. */
const TOKEN = /<\/([^\s<>/]+)\s*>|<([^\s<>/!?]+)((?:\s+[^\s<>/=]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|<!\[CDATA\[([\s\S]*?)\]\]>|([^<]+)/y;
const ATTRIBUTE = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Reads one whole element (a WebSocket frame of XMPP); throws a `SyntaxError` on anything that is not one. */
export function parseXml(frame: string): Element {
  const text = frame.replace(/^\s*<\?xml\s[^?]*\?>/, '');
  const open: Element[] = [];
  let root: Element | undefined;
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    const token = TOKEN.exec(text);
    if (!token) throw new SyntaxError(`Not XMPP XML at ${at}: ${text.slice(at, at + 20)}`);
    const [, endName, startName, attrs, selfClosing, cdata, chars] = token;
    const current = open.at(-1);
    if (endName !== undefined) {
      if (current?.name !== endName) throw new SyntaxError(`Not XMPP XML: </${endName}> closes nothing open`);
      open.pop();
    } else if (startName !== undefined) {
      if (!current && root) throw new SyntaxError('Not XMPP XML: more than one element');
      const element = new Element(startName);
      for (const [, name, double, single] of attrs!.matchAll(ATTRIBUTE)) element.attrs[name!] = unescapeXml(double ?? single!);
      if (current) current.append(element);
      else root = element;
      if (!selfClosing) open.push(element);
    } else {
      const value = cdata ?? unescapeXml(chars!);
      if (current) current.append(value);
      else if (value.trim() !== '') throw new SyntaxError('Not XMPP XML: text outside the element');
    }
  }
  if (!root || open.length > 0) throw new SyntaxError('Not XMPP XML: an element is not closed');
  return root;
}
