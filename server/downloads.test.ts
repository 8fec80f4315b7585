import assert from 'node:assert/strict';
import { parse as parseDisposition } from 'content-disposition';
import { randomBytes } from 'node:crypto';
import { get as httpGet, type IncomingMessage } from 'node:http';
import { describe, test } from 'node:test';
import type { RunningServer } from './app.ts';
import type { UploadResponse } from './uploads.ts';
import { startTestServer, upload } from './test-helpers.ts';

async function stored(server: RunningServer, bytes: Uint8Array, name: string, type: string): Promise<UploadResponse> {
  const response = await upload(server, bytes, name, type);
  assert.equal(response.status, 201);
  return (await response.json()) as UploadResponse;
}

/** A GET with Node's own client, keeping the path as written (no `../` resolution) and the raw headers. */
function rawGet(server: RunningServer, path: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    httpGet({ hostname: '127.0.0.1', port: server.port, path }, (res) => {
      res.resume();
      res.on('end', () => resolve(res));
    }).on('error', reject);
  });
}

describe('GET /files/:id', { timeout: 30_000 }, () => {
  test('sends the safe headers on every file', async (t) => {
    const server = await startTestServer(t);
    const file = await stored(server, Buffer.from('%PDF-1.4'), 'report.pdf', 'application/pdf');
    const response = await fetch(`${server.url}${file.url}`);
    assert.equal(response.status, 200);
    const headers = response.headers;
    assert.equal(headers.get('content-type'), 'application/pdf');
    assert.equal(headers.get('content-length'), '8');
    const disposition = parseDisposition(headers.get('content-disposition') ?? '');
    assert.equal(disposition.type, 'attachment');
    assert.equal(disposition.parameters.filename, 'report.pdf');
    assert.equal(headers.get('x-content-type-options'), 'nosniff');
    assert.equal(headers.get('content-security-policy'), "sandbox; default-src 'none'");
    assert.equal(headers.get('referrer-policy'), 'no-referrer');
    assert.equal(headers.get('cross-origin-resource-policy'), 'cross-origin');
    assert.equal(headers.get('cache-control'), 'private, max-age=31536000, immutable');
    assert.equal(headers.get('accept-ranges'), 'bytes');
  });

  test('shows raster images, audio and video inline and everything else as an attachment', async (t) => {
    const server = await startTestServer(t);
    const cases: Array<[string, string]> = [
      ['image/png', 'inline'],
      ['image/webp', 'inline'],
      ['audio/ogg', 'inline'],
      ['video/mp4', 'inline'],
      ['text/html', 'attachment'],
      ['image/svg+xml', 'attachment'],
      ['application/xhtml+xml', 'attachment'],
      ['text/xml', 'attachment'],
      ['application/pdf', 'attachment'],
    ];
    for (const [type, disposition] of cases) {
      const file = await stored(server, Buffer.from('<html><script>alert(1)</script>'), 'file', type);
      const response = await fetch(`${server.url}${file.url}`);
      await response.arrayBuffer();
      assert.equal(response.headers.get('content-type'), type);
      assert.equal(parseDisposition(response.headers.get('content-disposition') ?? '').type, disposition, type);
    }
  });

  test('sends a Unicode name as filename* that decodes to the original', async (t) => {
    const server = await startTestServer(t);
    const name = '報告 🚀 final.txt';
    const file = await stored(server, Buffer.from('hi'), name, 'text/plain');
    assert.equal(file.name, name);
    const response = await fetch(`${server.url}${file.url}`);
    const header = response.headers.get('content-disposition') ?? '';
    assert.match(header, /filename\*=UTF-8''/);
    assert.equal(parseDisposition(header).parameters.filename, name);
  });

  test('never puts a raw line break into a header', async (t) => {
    const server = await startTestServer(t);
    const file = await stored(server, Buffer.from('x'), 'a\r\nX: y.txt', 'text/plain');
    const response = await rawGet(server, file.url);
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers.x, undefined);
    for (const value of response.rawHeaders) assert.ok(!/[\r\n]/.test(value));
  });

  test('answers HEAD with the headers and no body', async (t) => {
    const server = await startTestServer(t);
    const file = await stored(server, randomBytes(4096), 'photo.png', 'image/png');
    const response = await fetch(`${server.url}${file.url}`, { method: 'HEAD' });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-length'), '4096');
    assert.equal(response.headers.get('content-type'), 'image/png');
    assert.match(response.headers.get('content-disposition') ?? '', /^inline/);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal((await response.arrayBuffer()).byteLength, 0);
  });

  test('serves single byte ranges with 206 and refuses unsatisfiable ones with 416', async (t) => {
    const server = await startTestServer(t);
    const bytes = randomBytes(1000);
    const file = await stored(server, bytes, 'data.bin', 'application/octet-stream');
    const url = `${server.url}${file.url}`;
    const expectations: Array<[string, number, number]> = [
      ['bytes=0-99', 0, 99],
      ['bytes=500-', 500, 999],
      ['bytes=-1', 999, 999],
      ['bytes=990-5000', 990, 999],
    ];
    for (const [range, start, end] of expectations) {
      const response = await fetch(url, { headers: { range } });
      assert.equal(response.status, 206, range);
      assert.equal(response.headers.get('content-range'), `bytes ${start}-${end}/1000`);
      assert.equal(response.headers.get('content-length'), String(end - start + 1));
      assert.deepEqual(Buffer.from(await response.arrayBuffer()), bytes.subarray(start, end + 1));
    }
    const unsatisfiable = await fetch(url, { headers: { range: 'bytes=999999-' } });
    assert.equal(unsatisfiable.status, 416);
    assert.equal(unsatisfiable.headers.get('content-range'), 'bytes */1000');
    await unsatisfiable.arrayBuffer();
    const several = await fetch(url, { headers: { range: 'bytes=0-1,5-6' } });
    assert.equal(several.status, 200);
    assert.equal((await several.arrayBuffer()).byteLength, 1000);
  });

  test('answers 404 to unknown, malformed and path-like ids', async (t) => {
    const server = await startTestServer(t);
    const ids = ['A'.repeat(32), '1', '..%2F..%2Fetc%2Fpasswd', 'x.json'];
    for (const id of ids) {
      const response = await fetch(`${server.url}/files/${id}`);
      assert.equal(response.status, 404, id);
      assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8');
      await response.arrayBuffer();
    }
    const file = await stored(server, Buffer.from('meta'), 'm.txt', 'text/plain');
    assert.equal((await fetch(`${server.url}/files/${file.id}.json`)).status, 404);
    assert.equal((await rawGet(server, `/files/../../etc/passwd`)).statusCode, 404);
    assert.equal((await rawGet(server, `/files/..%2F..%2Fpackage.json`)).statusCode, 404);
    assert.equal((await rawGet(server, `/files/%2E%2E`)).statusCode, 404);
  });

  test('allows configured origins only, exposing the headers the widget reads', async (t) => {
    const origin = 'https://host.example';
    const server = await startTestServer(t, { corsOrigins: [origin] });
    const file = await stored(server, Buffer.from('x'), 'x.txt', 'text/plain');
    const allowed = await fetch(`${server.url}${file.url}`, { headers: { origin } });
    await allowed.arrayBuffer();
    assert.equal(allowed.headers.get('access-control-allow-origin'), origin);
    const exposed = (allowed.headers.get('access-control-expose-headers') ?? '').toLowerCase();
    for (const name of ['content-length', 'content-range', 'content-disposition']) assert.ok(exposed.includes(name), name);
    const preflight = await fetch(`${server.url}/upload`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
    });
    assert.ok(preflight.status === 204 || preflight.status === 200, `status ${preflight.status}`);
    assert.equal(preflight.headers.get('access-control-allow-origin'), origin);
    const stranger = await fetch(`${server.url}${file.url}`, { headers: { origin: 'https://evil.example' } });
    await stranger.arrayBuffer();
    assert.equal(stranger.headers.get('access-control-allow-origin'), null);
  });

  test('sends no CORS headers when no origin is configured', async (t) => {
    const server = await startTestServer(t);
    const file = await stored(server, Buffer.from('x'), 'x.txt', 'text/plain');
    const response = await fetch(`${server.url}${file.url}`, { headers: { origin: 'https://host.example' } });
    await response.arrayBuffer();
    assert.equal(response.headers.get('access-control-allow-origin'), null);
  });
});
