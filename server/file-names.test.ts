import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { clampName, cleanFileName, decodeFormFileName, formatLimit, normaliseMime } from './file-names.ts';

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

describe('file names', () => {
  test('keeps ordinary and Unicode names as given', () => {
    for (const name of ['report.pdf', 'DALL·E IMG_9078 - 学中文 🤑.png', '100%.pdf', '#?&=+.txt', 'photo.jpg.exe', '.htaccess', 'CON', 'e\u0301.txt']) {
      assert.equal(cleanFileName(name), name);
    }
  });

  test('removes control and bidi characters but keeps emoji joiners', () => {
    assert.equal(cleanFileName('a\u0000.php.jpg'), 'a.php.jpg');
    assert.equal(cleanFileName('a\r\nContent-Type: text/html.txt'), 'aContent-Type: text/html.txt');
    assert.equal(cleanFileName('invoice\u202Efdp.exe'), 'invoicefdp.exe');
    assert.equal(cleanFileName('👨\u200D👩\u200D👧.png'), '👨\u200D👩\u200D👧.png');
  });

  test('falls back to untitled for empty, blank and dot-only names', () => {
    for (const name of [undefined, '', '   ', '.', '..', '\u0007']) assert.equal(cleanFileName(name), 'untitled');
  });

  test('clamps to 255 UTF-8 bytes on code point boundaries, keeping the extension', () => {
    const long = `${'a'.repeat(300)}.txt`;
    assert.equal(cleanFileName(long), `${'a'.repeat(251)}.txt`);
    const multiByte = `${'🚀'.repeat(100)}.png`;
    const clamped = cleanFileName(multiByte);
    assert.ok(bytes(clamped) <= 255);
    assert.equal(clamped, `${'🚀'.repeat(62)}.png`);
    const noExtension = 'é'.repeat(1000);
    assert.equal(clampName(noExtension, 255), 'é'.repeat(127));
  });

  test('turns back the escapes form-data encoding puts in file names', () => {
    assert.equal(decodeFormFileName('a%22b%0D%0A.txt'), 'a"b\r\n.txt');
    assert.equal(decodeFormFileName('100%.pdf'), '100%.pdf');
    assert.equal(decodeFormFileName('a%2F..%2Fb.txt'), 'a%2F..%2Fb.txt');
  });

  test('normalises declared media types', () => {
    assert.equal(normaliseMime('Image/PNG'), 'image/png');
    assert.equal(normaliseMime('text/html; charset=x'), 'text/html');
    assert.equal(normaliseMime('image/png\r\nX: y'), 'application/octet-stream');
    assert.equal(normaliseMime(''), 'application/octet-stream');
    assert.equal(normaliseMime(undefined), 'application/octet-stream');
  });

  test('words limits in binary units', () => {
    assert.equal(formatLimit(100 * 1024 * 1024), '100 MB');
    assert.equal(formatLimit(1.5 * 1024 * 1024), '1.5 MB');
    assert.equal(formatLimit(10 * 1024), '10 KB');
    assert.equal(formatLimit(1000), '1000 bytes');
  });
});
