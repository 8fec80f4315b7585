// CASES.md faults X5, X6, X8, X9 and X18, end to end: the widget's own upload handler (Uppy + XHR)
// and download handler in headless Chromium, the real reference server, and between them a TCP
// proxy that throttles and resets connections (http-fault-proxy.ts). Bytes are checked by hash,
// the server's folder for leftovers, and the proxy's request log for retries and Range requests.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test, type TestContext } from 'node:test';
import { eventually, send, sha256, startTestServer, stored, storedEntries } from './case-helpers.ts';
import { startHttpFaultProxy } from './http-fault-proxy.ts';
import { openTransferPage, type TransferPage } from './transfer-page.ts';

/** What the page's `upload` answers. */
interface UploadRun {
  url?: string;
  error?: string;
  progress: number[];
  retries: number[];
  longestGapMs: number;
}

declare global {
  interface Window {
    makeFile(size: number): Promise<string>;
    upload(endpoint: string, id: string): Promise<UploadRun>;
    cancelUpload(): void;
    download(attachment: object): Promise<{ sha256?: string; size?: number; error?: string; progress: number[] }>;
    chatWhile(relayUrl: string): Promise<void>;
    stopChat(): Promise<number[]>;
  }
}

let transfer: TransferPage;

/** A server that lets the page's origin in, and a fault proxy in front of it. */
async function serverBehindProxy(t: TestContext) {
  const server = await startTestServer(t, { corsOrigins: ['*'] });
  const proxy = await startHttpFaultProxy(server.port);
  proxy.setCloseAfterPreflight(true);
  t.after(() => proxy.close());
  return { server, proxy };
}

const idOf = (url: string) => new URL(url).pathname.split('/').pop()!;
const isRising = (values: number[]) => values.every((value, index) => index === 0 || value >= values[index - 1]!);

describe('transfer faults through a cutting, throttling proxy (Chromium ↔ proxy ↔ reference server)', { timeout: 60_000 }, () => {
  before(async () => {
    transfer = await openTransferPage();
  });
  after(() => transfer?.close());

  test('X5: a connection reset at ~40% of a throttled upload is retried; the stored bytes are identical and no partial is left', async (t) => {
    const { server, proxy } = await serverBehindProxy(t);
    const size = 1_500_000;
    proxy.setRate(1_000_000);
    proxy.cutAfter('up', Math.round(size * 0.4));
    const hash = await transfer.page.evaluate((n) => window.makeFile(n), size);
    const run = await transfer.page.evaluate((endpoint) => window.upload(endpoint, 'x5-message'), proxy.url('/upload'));
    assert.equal(run.error, undefined);
    assert.equal(proxy.cuts, 1);
    assert.deepEqual(run.retries, [1], 'one automatic retry');
    // Two or three POSTs: Chromium may first try the preflight's connection as the proxy closes it, and resend by itself.
    const posts = proxy.requests.filter((request) => request.method === 'POST');
    assert.ok(posts.length >= 2, `the upload was sent again (${posts.length} times in all)`);
    assert.ok(posts.every((post) => post.headers['idempotency-key'] === 'x5-message'), 'both attempts carry the message id as Idempotency-Key');
    const id = idOf(run.url!);
    await eventually(async () => (await storedEntries(server.dataDir)).join() === [id, `${id}.json`].sort().join(), 3000, 'only the finished file to remain');
    assert.equal(sha256((await send(server.url, { path: `/files/${id}` })).body), hash);
    assert.equal(run.progress.at(-1), size);
  });

  test('X6: a reset after the last byte (the server stored it, the client never heard) is retried and answered with the same file, stored once', async (t) => {
    const { server, proxy } = await serverBehindProxy(t);
    proxy.cutOnAnswerTo('POST');
    const hash = await transfer.page.evaluate((n) => window.makeFile(n), 300_000);
    const run = await transfer.page.evaluate((endpoint) => window.upload(endpoint, 'x6-message'), proxy.url('/upload'));
    assert.equal(run.error, undefined);
    assert.equal(proxy.cuts, 1);
    assert.deepEqual(run.retries, [1]);
    const posts = proxy.requests.filter((request) => request.method === 'POST').length;
    assert.ok(posts >= 2, `the upload was sent again (${posts} times in all)`);
    const id = idOf(run.url!);
    assert.deepEqual(await storedEntries(server.dataDir), [id, `${id}.json`].sort(), 'and stored once');
    assert.equal((await readdir(join(server.dataDir, 'upload-keys'))).length, 1);
    assert.equal(sha256((await send(server.url, { path: `/files/${id}` })).body), hash);
  });

  test('X8: on a 128 KB/s link progress only rises, the page stays responsive, and chat messages keep flowing', async (t) => {
    const { proxy } = await serverBehindProxy(t);
    proxy.setRate(128 * 1024);
    const size = 384 * 1024;
    await transfer.page.evaluate((n) => window.makeFile(n), size);
    await transfer.page.evaluate((url) => window.chatWhile(url), proxy.url('/ws').replace(/^http/, 'ws'));
    const started = Date.now();
    const run = await transfer.page.evaluate((endpoint) => window.upload(endpoint, 'x8-message'), proxy.url('/upload'));
    const elapsed = Date.now() - started;
    const ackMs = await transfer.page.evaluate(() => window.stopChat());
    assert.equal(run.error, undefined);
    assert.ok(elapsed >= 2000, `the link was slow (${elapsed} ms)`);
    assert.deepEqual(run.retries, []);
    assert.ok(isRising(run.progress), 'progress never goes back');
    assert.equal(run.progress.at(-1), size);
    assert.ok(run.longestGapMs < 250, `the main thread was never blocked long (${Math.round(run.longestGapMs)} ms)`);
    assert.ok(ackMs.length >= 10, `messages were sent during the upload (${ackMs.length})`);
    assert.ok(Math.max(...ackMs) < 500, `every chat message was acked quickly (${Math.round(Math.max(...ackMs))} ms at worst)`);
  });

  test('X9: cancelling mid-upload aborts the request, retries nothing, and the server deletes the partial file', async (t) => {
    const { server, proxy } = await serverBehindProxy(t);
    proxy.setRate(256 * 1024);
    // Larger than the sockets' buffers, so part of it is still in the page when it is cancelled.
    await transfer.page.evaluate((n) => window.makeFile(n), 24_000_000);
    const pending = transfer.page.evaluate((endpoint) => window.upload(endpoint, 'x9-message'), proxy.url('/upload'));
    await eventually(async () => (await storedEntries(server.dataDir)).length === 1, 5000, 'the partial file to appear on the server');
    await transfer.page.evaluate(() => window.cancelUpload());
    // What the sockets already buffered would trickle through the slow link for seconds: let it go at once.
    proxy.setRate(0);
    const run = await pending;
    assert.equal(run.error, 'Upload cancelled.');
    assert.deepEqual(run.retries, []);
    await eventually(async () => (await storedEntries(server.dataDir)).length === 0, 3000, 'the partial file to be deleted');
  });

  test('X18: a download cut at 60% resumes with Range and If-Range (not from zero), and the final hash matches', async (t) => {
    const { server, proxy } = await serverBehindProxy(t);
    const size = 2_000_000;
    const bytes = randomBytes(size);
    const file = await stored(server.url, 'big.bin', 'application/octet-stream', bytes);
    proxy.setCloseAfterPreflight(false);
    proxy.setRate(0, 4_000_000);
    proxy.cutAfter('down', Math.round(size * 0.6));
    const attachment = { url: proxy.url(file.url), name: 'big.bin', size, mime: 'application/octet-stream', sha256: sha256(bytes) };
    const run = await transfer.page.evaluate((value) => window.download(value), attachment);
    assert.equal(run.error, undefined);
    assert.equal(run.sha256, sha256(bytes));
    assert.equal(proxy.cuts, 1);
    const [first, ...resumes] = proxy.requests.filter((request) => request.method === 'GET');
    assert.equal(first!.headers.range, undefined);
    assert.ok(resumes.length >= 1, 'the download was asked for again');
    for (const resume of resumes) {
      const resumedAt = Number(/^bytes=(\d+)-$/.exec(resume.headers.range ?? '')?.[1]);
      assert.ok(resumedAt > size * 0.5 && resumedAt <= size * 0.6, `resumed from byte ${resumedAt}, not from zero`);
      assert.equal(resume.headers['if-range'], `"${file.id}"`);
    }
    assert.ok(isRising(run.progress), 'progress never went back to zero');
    assert.equal(run.progress.at(-1), size);
  });
});
