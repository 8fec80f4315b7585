/**
 * Helpers for the CASES.md row tests against the real reference server: raw HTTP requests (paths
 * and headers exactly as written), multipart bodies with any file name bytes, and a look at what
 * the server stored on disk.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import type { UploadResponse } from '../../server/uploads.ts';

export { makeTempDir, startTestServer } from '../../server/test-helpers.ts';

/** Hex sha256 of some bytes. */
export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** An answer read whole: status, headers (also raw, as sent) and body bytes. */
export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  rawHeaders: string[];
  body: Buffer;
}

/** One HTTP request with Node's own client, the path sent exactly as written. */
export function send(baseUrl: string, options: { method?: string; path: string; headers?: Record<string, string | number>; body?: Uint8Array | string }): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, method: options.method ?? 'GET', path: options.path, headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/**
 * A multipart/form-data body holding one file part. The name is written as browsers write it
 * (`"`, CR and LF escaped as `%22`, `%0D`, `%0A`; every other byte as UTF-8, NUL included).
 */
export function multipart(name: string, type: string, bytes: Uint8Array): { body: Buffer; contentType: string } {
  const boundary = `chatdrop-${Math.random().toString(36).slice(2)}`;
  const escaped = name.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${escaped}"\r\nContent-Type: ${type}\r\n\r\n`, 'utf8'),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Uploads `bytes` as a file named `name` of declared `type`; answers the status and JSON body. */
export async function uploadFile(baseUrl: string, name: string, type: string, bytes: Uint8Array, headers: Record<string, string> = {}): Promise<{ status: number; json: UploadResponse & { error?: string } }> {
  const { body, contentType } = multipart(name, type, bytes);
  const answer = await send(baseUrl, { method: 'POST', path: '/upload', headers: { 'content-type': contentType, 'content-length': body.length, ...headers }, body });
  return { status: answer.status, json: JSON.parse(answer.body.toString('utf8') || '{}') };
}

/** Uploads and asserts a 201, answering the server's JSON. */
export async function stored(baseUrl: string, name: string, type: string, bytes: Uint8Array): Promise<UploadResponse> {
  const { status, json } = await uploadFile(baseUrl, name, type, bytes);
  assert.equal(status, 201, `upload of ${JSON.stringify(name)}: ${JSON.stringify(json)}`);
  return json;
}

/** The entries of the server's `files/` folder, sorted. */
export async function storedEntries(dataDir: string): Promise<string[]> {
  return (await readdir(join(dataDir, 'files'))).sort();
}

/** The headers every answer under `/files` must carry, whatever its status (S7). */
export function assertSafeFileHeaders(headers: IncomingHttpHeaders | Headers, what: string): void {
  const get = (name: string) => (headers instanceof Headers ? headers.get(name) : (headers[name] as string | undefined)) ?? null;
  assert.equal(get('x-content-type-options'), 'nosniff', `${what}: nosniff`);
  assert.equal(get('content-security-policy'), "sandbox; default-src 'none'", `${what}: CSP`);
  assert.equal(get('referrer-policy'), 'no-referrer', `${what}: Referrer-Policy`);
  assert.equal(get('cross-origin-resource-policy'), 'cross-origin', `${what}: CORP`);
}

/** Resolves once `predicate` holds, checking every 20 ms; throws after `timeoutMs`. */
export async function eventually(predicate: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
