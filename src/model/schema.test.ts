import { expect } from '@open-wc/testing';
import { InvalidMessageError, parseMessage } from './schema.ts';
import { displayName } from './display-name.ts';
import { formatBytes, roughDuration } from './format.ts';
import { safeThumbnail } from './safe-thumbnail.ts';
import { safeUrl } from './safe-url.ts';

const valid = { id: 'm1', room: 'demo', sender: { id: 'alice' }, createdAt: 1, text: 'hi' };

describe('parseMessage', () => {
  it('accepts a well-formed text message and drops unknown fields', () => {
    const message = parseMessage({ ...valid, extra: 'x' });
    expect(message).to.deep.equal(valid);
  });

  it('refuses a message with neither text nor files', () => {
    expect(() => parseMessage({ ...valid, text: undefined })).to.throw(InvalidMessageError);
  });

  it('refuses missing fields, wrong types and JSON that is not an object', () => {
    for (const input of [null, 'hi', 42, [], { ...valid, id: 7 }, { ...valid, sender: 'alice' }, { ...valid, createdAt: -1 }]) {
      expect(() => parseMessage(input), JSON.stringify(input)).to.throw(InvalidMessageError);
    }
  });

  it('refuses impossible sizes', () => {
    for (const size of [-1, '1e309', Number.NaN, '12 MB', 2 ** 60]) {
      const input = { ...valid, attachments: [{ url: 'https://x/y', name: 'a', size, mime: 'text/plain' }] };
      expect(() => parseMessage(input), String(size)).to.throw(InvalidMessageError);
    }
  });

  it('keeps only type/subtype of a MIME type and refuses header injection', () => {
    const withParams = parseMessage({ ...valid, attachments: [{ url: 'https://x/y', name: 'a', size: 1, mime: 'Text/HTML; charset=x' }] });
    expect(withParams.attachments![0]!.mime).to.equal('text/html');
    expect(() => parseMessage({ ...valid, attachments: [{ url: 'https://x/y', name: 'a', size: 1, mime: 'image/png\r\nX: y' }] })).to.throw(InvalidMessageError);
  });

  it('parses prototype-polluting JSON into plain data with no global effect', () => {
    const message = parseMessage(JSON.parse('{"id":"m","room":"r","sender":{"id":"a"},"createdAt":1,"text":"x","__proto__":{"isAdmin":true}}'));
    expect((message as unknown as { isAdmin?: boolean }).isAdmin).to.equal(undefined);
    expect(({} as { isAdmin?: boolean }).isAdmin).to.equal(undefined);
  });

  it('refuses a message over 4 KiB', () => {
    const attachments = Array.from({ length: 3 }, () => ({ url: 'https://x/y', name: 'a'.repeat(900), size: 1, mime: 'text/plain', caption: 'c'.repeat(900) }));
    expect(() => parseMessage({ ...valid, attachments })).to.throw(/larger than 4096/);
  });
});

describe('parseMessage, field by field', () => {
  const file = { url: 'https://x/y', name: 'a.png', size: 1, mime: 'image/png' };
  const full = {
    id: 'm1',
    room: 'demo',
    sender: { id: 'alice', name: 'Alice', avatar: 'https://example.com/alice.png' },
    createdAt: 1,
    seq: 2,
    text: 'hi',
    attachments: [{ ...file, width: 1, height: 1, durationMs: 1, thumbnail: 'data:image/png;base64,AAAA', placeholder: 'abc', sha256: 'a'.repeat(64), caption: 'c', alt: 'a' }],
    group: 'g-1_A',
    location: { lat: 1, lon: 2 },
  };
  const MISSING = Symbol('missing');
  const requiredPaths = ['id', 'room', 'sender', 'sender.id', 'createdAt', 'attachments.0.url', 'attachments.0.name', 'attachments.0.mime', 'location.lat', 'location.lon'];
  const optionalPaths = ['sender.name', 'sender.avatar', 'seq', 'text', 'attachments', 'group', 'location', ...['size', 'width', 'height', 'durationMs', 'thumbnail', 'placeholder', 'sha256', 'caption', 'alt'].map((key) => `attachments.0.${key}`)];
  const strings = ['id', 'room', 'sender.id', 'sender.name', 'sender.avatar', 'text', ...['url', 'name', 'mime', 'thumbnail', 'placeholder', 'sha256', 'caption', 'alt'].map((key) => `attachments.0.${key}`)];
  const counts = ['createdAt', 'seq', ...['size', 'width', 'height', 'durationMs'].map((key) => `attachments.0.${key}`)];

  /** A copy of the full message with the value at `path` replaced, or removed when it is MISSING. */
  function withField(path: string, value: unknown): Record<string, unknown> {
    const message = structuredClone(full) as Record<string, unknown>;
    const keys = path.split('.');
    const parent = keys.slice(0, -1).reduce((object, key) => object[key] as Record<string, unknown>, message);
    if (value === MISSING) delete parent[keys.at(-1)!];
    else parent[keys.at(-1)!] = value;
    return message;
  }

  /** What parseMessage says is wrong with an input, or undefined when it accepts it. */
  function problemWith(input: unknown): string | undefined {
    try {
      parseMessage(input);
      return undefined;
    } catch (error) {
      expect(error).to.be.instanceOf(InvalidMessageError);
      return (error as Error).message;
    }
  }

  /** Matches a problem that names the field at `path` (or a field inside it). */
  const naming = (path: string) => new RegExp(`^${path.replaceAll('.', '\\.')}[.:]`);

  it('accepts a message with every field and returns the same data', () => {
    expect(parseMessage(full)).to.deep.equal(full);
  });

  it('returns fresh objects holding only the known fields, at every level', () => {
    const input = { ...full, extra: 1, sender: { ...full.sender, role: 'admin' }, attachments: [{ ...full.attachments[0], path: '/etc' }], location: { ...full.location, alt: 3 } };
    const message = parseMessage(input);
    expect(message).to.deep.equal(full);
    expect(message).not.to.equal(input);
    expect(message.sender).not.to.equal(input.sender);
    expect(message.attachments).not.to.equal(input.attachments);
    expect(message.attachments![0]).not.to.equal(input.attachments[0]);
    expect(message.location).not.to.equal(input.location);
  });

  it('refuses a missing required field and names it', () => {
    for (const path of requiredPaths) expect(problemWith(withField(path, MISSING)), path).to.match(naming(path));
  });

  it('leaves an absent optional field out and keeps one given as undefined', () => {
    for (const path of optionalPaths) {
      const key = path.split('.').at(-1)!;
      const owner = (message: object) => (path.includes('.') ? path.split('.').slice(0, -1).reduce((object: any, part) => object[part], message) : message);
      const absent = parseMessage(withField(path, MISSING));
      expect(key in owner(absent), path).to.equal(false);
      const undefinedOne = parseMessage(withField(path, undefined));
      expect(key in owner(undefinedOne), path).to.equal(true);
      expect(owner(undefinedOne)[key], path).to.equal(undefined);
    }
  });

  it('refuses a value of the wrong type in any field and names it', () => {
    for (const path of strings) for (const bad of [7, null, true, {}, [], ['x']]) expect(problemWith(withField(path, bad)), `${path} ${JSON.stringify(bad)}`).to.match(naming(path));
    for (const path of counts) for (const bad of ['1', null, true, {}, [], [1]]) expect(problemWith(withField(path, bad)), `${path} ${JSON.stringify(bad)}`).to.match(naming(path));
    for (const path of ['sender', 'location', 'attachments.0']) for (const bad of ['x', 7, null, true]) expect(problemWith(withField(path, bad)), `${path} ${JSON.stringify(bad)}`).to.match(naming(path));
    for (const bad of ['x', 7, null, true, {}, { 0: file, length: 1 }]) expect(problemWith(withField('attachments', bad)), JSON.stringify(bad)).to.match(naming('attachments'));
    for (const path of ['location.lat', 'location.lon']) for (const bad of ['1', null, true, [], Number.NaN]) expect(problemWith(withField(path, bad)), `${path} ${String(bad)}`).to.match(naming(path));
  });

  it('accepts each text at its longest, refuses one character more, and refuses empty ids', () => {
    const limits: [string, number][] = [['id', 128], ['room', 256], ['sender.id', 256], ['sender.name', 256], ['sender.avatar', 2048], ['text', 2000], ['attachments.0.url', 2048], ['attachments.0.name', 1000], ['attachments.0.thumbnail', 4096], ['attachments.0.placeholder', 128], ['attachments.0.caption', 2000], ['attachments.0.alt', 2000]];
    for (const [path, max] of limits) {
      // At its longest a field may still make the whole message too large; it is never the field that is refused.
      expect(problemWith(withField(path, 'x'.repeat(max))) ?? '', path).not.to.match(naming(path));
      expect(problemWith(withField(path, 'x'.repeat(max + 1))), path).to.match(naming(path));
    }
    for (const path of ['id', 'room', 'sender.id']) expect(problemWith(withField(path, '')), path).to.match(naming(path));
    for (const path of ['sender.name', 'text', 'attachments.0.name', 'attachments.0.url', 'attachments.0.caption']) expect(problemWith(withField(path, '')), path).to.equal(undefined);
  });

  it('accepts whole numbers from 0 to the largest safe integer only', () => {
    for (const path of counts) {
      for (const good of [0, -0, 7, Number.MAX_SAFE_INTEGER]) expect(problemWith(withField(path, good)), `${path} ${good}`).to.equal(undefined);
      for (const bad of [-1, 1.5, Number.MAX_SAFE_INTEGER + 1, Infinity, -Infinity, Number.NaN]) expect(problemWith(withField(path, bad)), `${path} ${bad}`).to.match(naming(path));
    }
  });

  it('accepts a location only on the globe', () => {
    for (const [lat, lon] of [[-90, -180], [90, 180], [0.5, -0.25], [-0, 0]]) expect(problemWith({ ...full, location: { lat, lon } }), `${lat},${lon}`).to.equal(undefined);
    for (const lat of [-90.001, 90.001, Infinity, -Infinity]) expect(problemWith(withField('location.lat', lat)), String(lat)).to.match(naming('location.lat'));
    for (const lon of [-180.001, 180.001, Infinity, -Infinity]) expect(problemWith(withField('location.lon', lon)), String(lon)).to.match(naming('location.lon'));
  });

  it('accepts up to ten files and refuses an eleventh or any item that is not a file', () => {
    const files = (count: number) => Array.from({ length: count }, () => ({ ...file }));
    expect(parseMessage({ ...valid, attachments: files(10) }).attachments).to.have.length(10);
    expect(problemWith({ ...valid, attachments: files(11) })).to.match(naming('attachments'));
    expect(problemWith({ ...valid, attachments: [file, null] })).to.match(naming('attachments.1'));
    expect(problemWith({ ...valid, attachments: [file, 'x'] })).to.match(naming('attachments.1'));
    expect(problemWith({ ...valid, attachments: [file, { ...file, size: -1 }] })).to.match(naming('attachments.1.size'));
    expect(problemWith({ ...valid, attachments: new Array(1) })).to.match(naming('attachments.0'));
  });

  it('counts empty text as text but an empty file list as no file', () => {
    expect(parseMessage({ ...valid, text: '' }).text).to.equal('');
    expect(problemWith({ ...valid, text: undefined, attachments: [] })).to.match(/text or a file/);
    expect(problemWith({ id: 'm', room: 'r', sender: { id: 'a' }, createdAt: 1, attachments: [file] })).to.equal(undefined);
    expect(problemWith({ id: 'm', room: 'r', sender: { id: 'a' }, createdAt: 1 })).to.equal('message: a message needs text or a file');
  });

  it('accepts a MIME type as type/subtype, lower-cased, with parameters and spaces dropped', () => {
    const mimeOf = (mime: unknown) => parseMessage({ ...valid, attachments: [{ ...file, mime }] }).attachments![0]!.mime;
    expect(mimeOf('IMAGE/PNG')).to.equal('image/png');
    expect(mimeOf('  image/svg+xml ; charset=utf-8')).to.equal('image/svg+xml');
    expect(mimeOf('application/vnd.ms-excel;')).to.equal('application/vnd.ms-excel');
    expect(mimeOf('text/plain\r\n')).to.equal('text/plain');
    for (const bad of ['', 'image', '/png', 'image/', 'image/png/x', 'text /plain', 'te xt/plain', '-text/plain', 'text/pl\nain', ';text/plain', 'tëxt/plain', 7]) {
      expect(problemWith({ ...valid, attachments: [{ ...file, mime: bad }] }), JSON.stringify(bad)).to.match(naming('attachments.0.mime'));
    }
  });

  it('accepts a sha256 only as 64 lower-case hex digits', () => {
    expect(problemWith(withField('attachments.0.sha256', '0123456789abcdef'.repeat(4)))).to.equal(undefined);
    for (const bad of ['A'.repeat(64), 'a'.repeat(63), 'a'.repeat(65), 'g'.repeat(64), ` ${'a'.repeat(64)}`, '']) {
      expect(problemWith(withField('attachments.0.sha256', bad)), bad).to.match(naming('attachments.0.sha256'));
    }
  });

  it('accepts a group id as a short token and refuses hostile ones, naming the group', () => {
    const uuid = '0f8fad5b-d9cb-469f-a165-70867728950e';
    for (const good of [uuid, 'a', 'A_b-9', 'x'.repeat(64)]) expect(problemWith(withField('group', good)), good).to.equal(undefined);
    const hostile = ['', ' ', 'x'.repeat(65), '<img src=x onerror=alert(1)>', '../etc/passwd', 'a b', 'a\nb', '"]', 'ä', '__proto__.x', 7, null, true, {}, ['g']];
    for (const bad of hostile) expect(problemWith(withField('group', bad)), JSON.stringify(bad)).to.match(naming('group'));
  });

  it('refuses anything that is not an object, naming the message', () => {
    for (const input of [undefined, null, 'hi', 42, true, () => full]) expect(problemWith(input), String(input)).to.match(/^message: /);
    expect(problemWith([])).to.match(naming('id'));
  });

  it('copies no prototype-polluting key at any level', () => {
    const polluting = JSON.stringify(full)
      .replace('{', '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"isAdmin":true}},')
      .replace('"sender":{', '"sender":{"__proto__":{"isAdmin":true},')
      .replace('"attachments":[{', '"attachments":[{"__proto__":{"isAdmin":true},"constructor":"x",');
    const message = parseMessage(JSON.parse(polluting));
    expect(message).to.deep.equal(full);
    for (const object of [message, message.sender, message.attachments![0]!]) {
      expect(Object.getPrototypeOf(object)).to.equal(Object.prototype);
      expect(Object.hasOwn(object, '__proto__')).to.equal(false);
      expect(Object.hasOwn(object, 'constructor')).to.equal(false);
      expect((object as { isAdmin?: boolean }).isAdmin).to.equal(undefined);
    }
    expect(({} as { isAdmin?: boolean }).isAdmin).to.equal(undefined);
  });
});

describe('safeUrl', () => {
  it('lets http and https through, resolved', () => {
    expect(safeUrl('https://example.com/a b')).to.equal('https://example.com/a%20b');
    expect(safeUrl('/files/x', 'http://host:1/page')).to.equal('http://host:1/files/x');
  });

  it('refuses script, data, blob and file URLs in any disguise', () => {
    for (const url of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' \tjavascript:alert(1)', 'java\u0000script:alert(1)', 'vbscript:x', 'data:text/html,<b>', 'blob:https://other.origin/x', 'file:///etc/passwd', 'filesystem:x', 42]) {
      expect(safeUrl(url), String(url)).to.equal(undefined);
    }
  });

  it('accepts only small raster data URLs as thumbnails', () => {
    expect(safeThumbnail('data:image/webp;base64,AAAA')).to.equal('data:image/webp;base64,AAAA');
    expect(safeThumbnail('data:image/svg+xml;base64,AAAA')).to.equal(undefined);
    expect(safeThumbnail('data:text/html;base64,AAAA')).to.equal(undefined);
    expect(safeThumbnail(`data:image/png;base64,${'A'.repeat(5000)}`)).to.equal(undefined);
  });
});

describe('formatting', () => {
  it('shows sizes in human units and never NaN', () => {
    expect(formatBytes(0)).to.equal('0 B');
    expect(formatBytes(999)).to.equal('999 B');
    expect(formatBytes(1500)).to.equal('1.5 KB');
    expect(formatBytes(12_300_000)).to.equal('12 MB');
    expect(formatBytes(Number.NaN)).to.equal('0 B');
  });

  it('rounds an estimated duration as people say it', () => {
    expect([0, 4_400, 9_600, 42_000, 58_000, 61_000, 185_000, 3_540_000, 7_800_000].map(roughDuration)).to.deep.equal([
      '1 s', '4 s', '10 s', '40 s', '1 min', '1 min', '3 min', '59 min', '2 h 10 min',
    ]);
  });

  it('removes bidi controls so the real extension shows, and never shows an empty name', () => {
    expect(displayName('invoice\u202Efdp.exe')).to.equal('invoicefdp.exe');
    expect(displayName('  ')).to.equal('untitled');
    expect(displayName('.')).to.equal('untitled');
  });
});
