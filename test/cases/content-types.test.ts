// CASES.md "Content and type" rows C1–C10, server side, with real bytes: what the reference server
// stores and how it serves it. Disposition comes from the declared type against an allow-list,
// never from the name or the bytes; every answer carries nosniff and the sandboxing CSP.
// Whether a browser opening these URLs runs anything is checked in open-in-browser.test.ts.
import assert from 'node:assert/strict';
import { parse as parseDisposition } from 'content-disposition';
import { request as httpRequest } from 'node:http';
import { deflateRawSync, crc32 } from 'node:zlib';
import { describe, test } from 'node:test';
import { assertSafeFileHeaders, send, sha256, startTestServer, stored, storedEntries, multipart } from './case-helpers.ts';
import { HOSTILE_HTML, HOSTILE_SVG, POLYGLOT_JPEG, TINY_PNG, pngClaiming } from './hostile-files.ts';

/** Uploads, fetches, and checks the type, disposition, safe headers and bytes of the answer. */
async function servedAs(baseUrl: string, bytes: Uint8Array, name: string, declared: string, type: string, disposition: 'inline' | 'attachment'): Promise<void> {
  const file = await stored(baseUrl, name, declared, bytes);
  assert.equal(file.mime, type, `${declared}: the stored type is what the message carries`);
  const answer = await send(baseUrl, { path: file.url });
  const what = `${name} declared ${declared}`;
  assert.equal(answer.status, 200, what);
  assert.equal(answer.headers['content-type'], type, what);
  assert.equal(parseDisposition(String(answer.headers['content-disposition'])).type, disposition, what);
  assertSafeFileHeaders(answer.headers, what);
  assert.equal(sha256(answer.body), sha256(bytes), `${what}: stored as opaque bytes`);
}

/** A zip archive (deflated entries) written by hand: local headers, central directory, end record. */
function makeZip(entries: Array<{ name: string; data: Buffer }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const packed = deflateRawSync(data, { level: 9 });
    const fileName = Buffer.from(name);
    const fields = (header: Buffer, at: number) => {
      header.writeUInt16LE(20, at); // version needed
      header.writeUInt16LE(0, at + 2); // flags
      header.writeUInt16LE(8, at + 4); // deflate
      header.writeUInt32LE(0, at + 6); // time and date
      header.writeUInt32LE(crc32(data), at + 10);
      header.writeUInt32LE(packed.length, at + 14);
      header.writeUInt32LE(data.length, at + 18);
      header.writeUInt16LE(fileName.length, at + 22);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    fields(local, 4);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    fields(central, 6);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, packed);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe('CASES Content and type C1–C10 against the reference server', { timeout: 30_000 }, () => {
  test('C1: a scripted SVG (image/svg+xml) is served as an attachment with the sandboxing CSP, never inline', async (t) => {
    const server = await startTestServer(t);
    await servedAs(server.url, HOSTILE_SVG, 'cat.svg', 'image/svg+xml', 'image/svg+xml', 'attachment');
  });

  test('C2: HTML, XHTML and XML files are served as attachments with CSP sandbox and nosniff', async (t) => {
    const server = await startTestServer(t);
    for (const type of ['text/html', 'application/xhtml+xml', 'text/xml', 'application/xml']) {
      await servedAs(server.url, HOSTILE_HTML, 'page.html', type, type, 'attachment');
    }
  });

  test('C3: disposition follows the declared type, never the name: HTML-as-PNG inline but sandboxed, PNG-as-HTML an attachment', async (t) => {
    const server = await startTestServer(t);
    await servedAs(server.url, HOSTILE_HTML, 'looks.png', 'image/png', 'image/png', 'inline');
    await servedAs(server.url, HOSTILE_HTML, 'page.html', 'image/png', 'image/png', 'inline');
    await servedAs(server.url, TINY_PNG, 'photo.png', 'text/html', 'text/html', 'attachment');
  });

  test('C4: the declared type is normalised, and the type the server stored is the one it answers and serves', async (t) => {
    const server = await startTestServer(t);
    await servedAs(server.url, TINY_PNG, 'a.png', 'Image/PNG; charset=x', 'image/png', 'inline');
    await servedAs(server.url, TINY_PNG, 'b.png', 'image/png X-Injected: 1', 'application/octet-stream', 'attachment');
    await servedAs(server.url, TINY_PNG, 'c.png', 'not a type', 'application/octet-stream', 'attachment');
  });

  test('C6: a chunked body of unknown size is still held to the limit while streaming (413, nothing kept)', async (t) => {
    const server = await startTestServer(t, { maxFileSize: 64 * 1024 });
    const post = (size: number) => {
      const { body, contentType } = multipart('unknown-size.bin', 'application/octet-stream', Buffer.alloc(size, 7));
      return new Promise<number>((resolve, reject) => {
        const req = httpRequest(`${server.url}/upload`, { method: 'POST', headers: { 'content-type': contentType, 'transfer-encoding': 'chunked' } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        for (let at = 0; at < body.length; at += 16 * 1024) req.write(body.subarray(at, at + 16 * 1024));
        req.end();
      });
    };
    assert.equal(await post(256 * 1024), 413);
    assert.deepEqual(await storedEntries(server.dataDir), []);
    assert.equal(await post(64 * 1024), 201, 'exactly the limit, chunked');
    assert.equal((await storedEntries(server.dataDir)).length, 2);
  });

  test('C7: a PNG claiming 50 000 × 50 000 px is stored and served as opaque bytes, never decoded by the server', async (t) => {
    const server = await startTestServer(t);
    const started = performance.now();
    await servedAs(server.url, pngClaiming(50_000, 50_000), 'bomb.png', 'image/png', 'image/png', 'inline');
    assert.ok(performance.now() - started < 2000, 'answered at once: nothing was decoded');
  });

  test('C9: a nested zip bomb is stored as opaque bytes, served as an attachment, never extracted', async (t) => {
    const server = await startTestServer(t);
    const inner = makeZip([{ name: 'zeros.bin', data: Buffer.alloc(8 * 1024 * 1024) }]);
    const outer = makeZip(Array.from({ length: 16 }, (_, index) => ({ name: `layer-${index}.zip`, data: inner })));
    assert.ok(outer.length < 1024 * 1024, `the bomb is small (${outer.length} bytes) and claims 128 MiB inside`);
    await servedAs(server.url, outer, 'bomb.zip', 'application/zip', 'application/zip', 'attachment');
    const entries = await storedEntries(server.dataDir);
    assert.equal(entries.length, 2, `only the file and its metadata: ${entries.join(', ')}`);
  });

  test('C10: a JPEG/HTML polyglot is harmless: inline only as its declared image type, with nosniff and CSP; attachment as HTML', async (t) => {
    const server = await startTestServer(t);
    await servedAs(server.url, POLYGLOT_JPEG, 'poly.jpg', 'image/jpeg', 'image/jpeg', 'inline');
    await servedAs(server.url, POLYGLOT_JPEG, 'poly.html', 'text/html', 'text/html', 'attachment');
  });
});
