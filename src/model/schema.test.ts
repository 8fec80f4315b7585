import { expect } from '@open-wc/testing';
import { InvalidMessageError, parseMessage } from './schema.ts';
import { displayName, formatBytes } from './format.ts';
import { safeThumbnail, safeUrl } from './safe-url.ts';

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

  it('removes bidi controls so the real extension shows, and never shows an empty name', () => {
    expect(displayName('invoice\u202Efdp.exe')).to.equal('invoicefdp.exe');
    expect(displayName('  ')).to.equal('untitled');
    expect(displayName('.')).to.equal('untitled');
  });
});
