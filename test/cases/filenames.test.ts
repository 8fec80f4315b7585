// CASES.md "Filenames" rows F1–F10, server side: each hostile name uploaded as real multipart bytes
// to the real reference server, then fetched back. The file lands only under its generated id,
// the name is metadata (cleaned as the row says) and comes back byte for byte through
// `Content-Disposition: …; filename*=UTF-8''…`, never as a raw control character in a header.
// The display side of these rows (bubble text, tooltip, ARIA label) is in the browser tests.
import assert from 'node:assert/strict';
import { parse as parseDisposition } from 'content-disposition';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { makeTempDir, send, sha256, startTestServer, stored, storedEntries } from './case-helpers.ts';

interface NameCase {
  /** The name as the uploader sends it. */
  name: string;
  /** The name the server must store and send back. */
  expected: string;
  /** Declared type (default text/plain). */
  type?: string;
}

const ID = /^[A-Za-z0-9_-]{32}$/;

/** Uploads every case into a fresh server inside a sandbox folder and checks it end to end. */
async function checkNames(t: TestContext, cases: NameCase[]): Promise<void> {
  const sandbox = await makeTempDir(t);
  const dataDir = join(sandbox, 'data');
  const server = await startTestServer(t, { dataDir });
  const ids: string[] = [];
  for (const { name, expected, type = 'text/plain' } of cases) {
    const label = JSON.stringify(name);
    const bytes = Buffer.from(`bytes of ${label}`);
    const body = await stored(server.url, name, type, bytes);
    assert.match(body.id, ID, label);
    assert.equal(body.url, `/files/${body.id}`, `${label}: the URL holds the id only`);
    assert.equal(body.name, expected, label);
    ids.push(body.id);

    const answer = await send(server.url, { path: body.url });
    assert.equal(answer.status, 200, label);
    assert.equal(sha256(answer.body), sha256(bytes), `${label}: same bytes back`);
    assert.equal(answer.headers['content-type'], type, `${label}: the declared type, whatever the extension`);
    const disposition = String(answer.headers['content-disposition']);
    assert.match(disposition, /; filename\*=UTF-8''[A-Za-z0-9!#$&+.^_`|~%-]*$/, `${label}: RFC 5987 filename*`);
    assert.equal(parseDisposition(disposition).parameters.filename, expected, `${label}: filename* decodes to the stored name`);
    for (const value of answer.rawHeaders) assert.ok(!/[\u0000-\u001F\u007F]/.test(value), `${label}: no control character in ${JSON.stringify(value)}`);
  }
  assert.deepEqual(await readdir(sandbox), ['data'], 'nothing written beside the data folder');
  // Beside the files: the history, the resumable uploads' folder and the daily upload counts (SQLite with its WAL).
  assert.deepEqual((await readdir(dataDir)).filter((entry) => !entry.startsWith('upload-usage.sqlite')).sort(), ['files', 'rooms', 'tus']);
  assert.deepEqual(await storedEntries(dataDir), ids.flatMap((id) => [id, `${id}.json`]).sort(), 'only <id> and <id>.json in files/');
}

describe('CASES Filenames F1–F10 against the reference server', { timeout: 30_000 }, () => {
  test('F1: markup and template names are stored as literal metadata under a generated id', (t) =>
    checkNames(t, [
      { name: '<img src=x onerror=alert(1)>.png', expected: '<img src=x onerror=alert(1)>.png', type: 'image/png' },
      { name: '"><svg onload=alert(1)>.pdf', expected: '"><svg onload=alert(1)>.pdf', type: 'application/pdf' },
      { name: "{{constructor.constructor('alert(1)')()}}.txt", expected: "{{constructor.constructor('alert(1)')()}}.txt" },
    ]));

  test('F2: CSS-breaking names are kept as data, quotes and parentheses included', (t) =>
    checkNames(t, [
      { name: "cat.png');position:absolute;left:-75px;cat.png", expected: "cat.png');position:absolute;left:-75px;cat.png", type: 'image/png' },
      { name: `a"b'c(d)e;f.jpg`, expected: `a"b'c(d)e;f.jpg`, type: 'image/jpeg' },
    ]));

  test('F3: percent signs, %2F, URL punctuation and spaces are never decoded, and the URL holds only the id', (t) =>
    checkNames(t, [
      { name: '100%.pdf', expected: '100%.pdf' },
      { name: 'a%2F..%2Fb.txt', expected: 'a%2F..%2Fb.txt' },
      { name: '#?&=+.txt', expected: '#?&=+.txt' },
      { name: '  my report  v2 .txt', expected: '  my report  v2 .txt' },
    ]));

  test('F4: path names are cut to their last segment and the file lands only under its id, nothing outside the storage folder', (t) =>
    checkNames(t, [
      { name: '../../etc/passwd', expected: 'passwd' },
      { name: '..\\..\\win.ini', expected: 'win.ini' },
      { name: '/abs/path', expected: 'path' },
      { name: 'C:\\x', expected: 'x' },
      { name: 'foo/../../x', expected: 'x' },
    ]));

  test('F5: NUL and control characters are stripped and never reach Content-Disposition raw', (t) =>
    checkNames(t, [
      { name: 'a\u0000.php.jpg', expected: 'a.php.jpg', type: 'image/jpeg' },
      // Busboy keeps the last path segment first; CR/LF are then stripped.
      { name: 'a\r\nContent-Type: text/html.txt', expected: 'html.txt' },
      { name: 'a\r\nX-Injected: 1.txt', expected: 'aX-Injected: 1.txt' },
      { name: 'a\t.txt', expected: 'a.txt' },
    ]));

  test('F6: bidi controls (RLO, isolates) are removed so the real extension shows', (t) =>
    checkNames(t, [
      { name: 'invoice\u202Efdp.exe', expected: 'invoicefdp.exe', type: 'application/octet-stream' },
      { name: '\u2066report\u2069\u2067.txt\u2068\u2069', expected: 'report.txt' },
      { name: 'a\u200E\u200F\u061Cb.txt', expected: 'ab.txt' },
      { name: '👨\u200D👩\u200D👧.png', expected: '👨\u200D👩\u200D👧.png', type: 'image/png' },
    ]));

  test('F7: long names are clamped to 255 UTF-8 bytes by code point, keeping the extension, with no ENAMETOOLONG', async (t) => {
    const cut = `${'a'.repeat(252)}€.pdf`; // the 3-byte € straddles byte 255
    await checkNames(t, [
      { name: `${'a'.repeat(296)}.txt`, expected: `${'a'.repeat(251)}.txt` },
      { name: 'x'.repeat(1000), expected: 'x'.repeat(255) },
      { name: cut, expected: `${'a'.repeat(251)}.pdf` },
      { name: `${'学'.repeat(100)}.png`, expected: `${'学'.repeat(83)}.png`, type: 'image/png' },
    ]);
    assert.equal(Buffer.byteLength(`${'学'.repeat(83)}.png`), 253);
  });

  test('F8: double and odd extensions and reserved names are stored as given under the id, typed by the declared type', (t) =>
    checkNames(t, [
      { name: 'photo.jpg.exe', expected: 'photo.jpg.exe', type: 'application/x-msdownload' },
      { name: 'x.php%00.jpg', expected: 'x.php%00.jpg', type: 'image/jpeg' },
      { name: 'x.', expected: 'x.' },
      { name: '.htaccess', expected: '.htaccess' },
      { name: 'CON', expected: 'CON' },
      { name: 'aux.txt', expected: 'aux.txt' },
      { name: '..', expected: 'untitled' },
    ]));

  test('F9: emoji, CJK and NFC/NFD names round-trip byte-exact through filename*', (t) =>
    checkNames(t, [
      { name: 'DALL·E IMG_9078 - 学中文 🤑.png', expected: 'DALL·E IMG_9078 - 学中文 🤑.png', type: 'image/png' },
      { name: '\u00e9t\u00e9.txt', expected: '\u00e9t\u00e9.txt' },
      { name: 'e\u0301te\u0301.txt', expected: 'e\u0301te\u0301.txt' },
    ]));

  test('F10: empty, blank and dot-only names fall back to untitled', (t) =>
    checkNames(t, [
      { name: '', expected: 'untitled' },
      { name: '   ', expected: 'untitled' },
      { name: '.', expected: 'untitled' },
      { name: '\u0001\u0002', expected: 'untitled' },
    ]));
});
