// An upload refused because the widget's token expired asks the host for a fresh one and goes on by
// itself: Alice's widget in headless Chromium, the real reference server with JWT auth, and Bob as
// a relay client that gets the file message and fetches the very bytes Alice sent. A token that
// expires while a resumable upload is under way renews the same way, and the upload goes on from
// the server's offset: Alice's uploads then pass a throttling proxy whose log of request heads
// shows which token each request carried and where each PATCH started.
import { after, before, describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { serveBenchPage, type BenchPage } from '../../bench/lib/bench-page.ts';
import { connect, startTestServer, type TestClient } from '../../server/test-helpers.ts';
import { signToken } from '../../server/tokens.ts';
import { enFailures } from '../../src/elements/locales/en-failures.ts';
import { startHttpFaultProxy, type HttpFaultProxy } from '../cases/http-fault-proxy.ts';
import { launchChromium } from '../helpers/browser.ts';
import { bubblePart, pollUntil, sleep, waitFor } from '../helpers/page.ts';

const SECRET = 'test secret: long and random in real use';
const ROOM = 'room';

/**
 * A widget with the page's query as attributes, whose host answers `refreshToken` from the test
 * (`hostToken`). With `chunk-size` in the query, the host uploads by its own handler instead: tus
 * in PATCHes of that many bytes, renewing its token through the same `hostToken`.
 */
const WIDGET_PAGE = `
import './src/define.ts';
import { createTusUploader } from './src/upload/tus-uploader.ts';
const query = new URLSearchParams(location.search);
const widget = document.createElement('chat-widget');
for (const [name, value] of query) if (name !== 'chunk-size') widget.setAttribute(name, value);
widget.refreshToken = () => window.hostToken();
if (query.has('chunk-size')) {
  widget.uploadHandler = createTusUploader({
    endpoint: query.get('upload-endpoint'),
    headers: { Authorization: 'Bearer ' + query.get('token') },
    renewToken: () => window.hostToken(),
    chunkSize: Number(query.get('chunk-size')),
  });
}
document.body.append(widget);
`;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('an upload refused for an expired token', { timeout: 90_000 }, () => {
  let served: BenchPage;
  let browser: Browser;

  before(async () => {
    served = await serveBenchPage(WIDGET_PAGE);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await served?.close();
  });

  /** How Alice's widget is set up: the upload protocol, how long her first token lives, and what goes between her uploads and the server. */
  interface Setup {
    protocol: 'multipart' | 'tus';
    /** Seconds until Alice's first token expires. */
    lifetimeSeconds: number;
    /** Her uploads pass a fault proxy (throttled at first to `proxyRate` bytes a second) rather than going to the server directly. */
    proxyRate?: number;
    /** Her host uploads by its own tus handler in PATCHes of this many bytes (`WIDGET_PAGE`). */
    chunkSize?: number;
  }

  /**
   * The server, Bob listening in the room, and Alice's widget joined with a token that lives
   * `lifetimeSeconds`; her host's `refreshToken` gives `hostToken()`. Returns once she is online,
   * with when her token expires (its `exp`, in ms) and the token itself.
   */
  async function open(t: TestContext, setup: Setup, hostToken: () => Promise<string>) {
    const server = await startTestServer(t, { auth: { secret: SECRET, allowedOrigins: [new URL(served.url).origin] }, corsOrigins: ['*'] });
    let proxy: HttpFaultProxy | undefined;
    if (setup.proxyRate !== undefined) {
      proxy = await startHttpFaultProxy(server.port);
      t.after(() => proxy!.close());
      proxy.setRate(setup.proxyRate);
    }
    const uploadsTo = proxy?.url() ?? server.url;
    const bob = await connect(t, server);
    bob.send({ type: 'join', room: ROOM, user: { id: 'bob' }, token: await signToken({ user: 'bob', rooms: [ROOM] }, SECRET) });
    await bob.take('joined');
    let asked = 0;
    // A context of its own: no outbox or kept file of another test in its storage.
    const context = await browser.createBrowserContext();
    t.after(() => context.close());
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`alice: ${error}`));
    await page.exposeFunction('hostToken', () => {
      asked += 1;
      return hostToken();
    });
    const token = await signToken({ user: 'alice', rooms: [ROOM], expiresInSeconds: setup.lifetimeSeconds }, SECRET);
    const expiresAt = (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number }).exp * 1000;
    const query = new URLSearchParams({
      room: ROOM,
      user: 'alice',
      token,
      transport: `${server.url.replace(/^http/, 'ws')}/ws`,
      'upload-endpoint': setup.protocol === 'tus' ? `${uploadsTo}/tus/` : `${uploadsTo}/upload`,
      'upload-protocol': setup.protocol,
      ...(setup.chunkSize !== undefined && { 'chunk-size': String(setup.chunkSize) }),
    });
    await page.goto(`${served.url}?${query}`);
    await waitFor(page, 'chat-widget >>> [part="status"][data-status="online"]', 15_000);
    assert.ok(Date.now() < expiresAt, 'Alice joined with her first token');
    return { server, proxy, page, bob, asked: () => asked, token, expiresAt };
  }

  /**
   * `open` with a token of four seconds, returning once it has expired: long enough for the page
   * to load and join with it while other tests load the machine (two seconds, floored to whole
   * seconds by `exp`, were sometimes gone before the join).
   */
  async function stage(t: TestContext, protocol: 'multipart' | 'tus', hostToken: () => Promise<string>) {
    const opened = await open(t, { protocol, lifetimeSeconds: 4 }, hostToken);
    await untilRefused(opened.expiresAt);
    return opened;
  }

  /** Waits until a token expiring at `expiresAt` is refused for sure (past its `exp` by a second). */
  const untilRefused = (expiresAt: number) => sleep(Math.max(0, expiresAt - Date.now() + 1000));

  /** Sends `bytes` as the file `name` from Alice's widget, as the composer would. */
  async function send(page: Page, name: string, bytes: Uint8Array): Promise<void> {
    await page.evaluate(
      async (fileName: string, base64: string) => {
        const data = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
        const widget = document.querySelector('chat-widget') as HTMLElement & { store: { sendFiles(files: Array<{ file: File }>): Promise<unknown> } };
        await widget.store.sendFiles([{ file: new File([data], fileName, { type: 'application/octet-stream' }) }]);
      },
      name,
      Buffer.from(bytes).toString('base64'),
    );
  }

  /** Whether a frame is the message carrying the file `name`. */
  const carries = (name: string) => (frame: { type: string; message?: { attachments?: Array<{ name: string }> } }) =>
    frame.type === 'message' && (frame.message?.attachments?.some((attachment) => attachment.name === name) ?? false);

  /** The URL of the file `name` once its message reached Bob. */
  async function receivedUrl(bob: TestClient, name: string): Promise<string> {
    const frame = await bob.take('message', carries(name), 20_000);
    return frame.message.attachments!.find((attachment) => attachment.name === name)!.url;
  }

  /** The bytes of the file `name` once its message reached Bob. */
  async function receivedBytes(bob: TestClient, name: string): Promise<Uint8Array> {
    const answer = await fetch(await receivedUrl(bob, name));
    assert.equal(answer.status, 200);
    return new Uint8Array(await answer.arrayBuffer());
  }

  for (const protocol of ['multipart', 'tus'] as const) {
    it(`renews the token through the host and delivers the very bytes, with no click (${protocol})`, async (t) => {
      const { page, bob, asked } = await stage(t, protocol, () => signToken({ user: 'alice', rooms: [ROOM] }, SECRET));
      const bytes = randomBytes(300 * 1024);
      const name = `renewed-${protocol}.bin`;
      await send(page, name, bytes);
      assert.equal(sha256(await receivedBytes(bob, name)), sha256(bytes));
      assert.equal(asked(), 1, 'the host was asked once');
    });
  }

  /** Bytes of the unfinished upload in the server's tus folder (one at a time here). */
  async function bytesOnServer(dataDir: string): Promise<number> {
    const names = await readdir(join(dataDir, 'tus')).catch(() => [] as string[]);
    const sizes = await Promise.all(names.filter((name) => !name.endsWith('.json')).map((name) => stat(join(dataDir, 'tus', name)).then((info) => info.size, () => 0)));
    return Math.max(0, ...sizes);
  }

  /** The PATCHes that passed the proxy: where each started, and whether it carried `token`. */
  const patches = (proxy: HttpFaultProxy, token: string) =>
    proxy.requests.filter((request) => request.method === 'PATCH').map((request) => ({ path: request.path, offset: Number(request.headers['upload-offset']), isFirstToken: request.headers.authorization === `Bearer ${token}` }));

  /** Checks what Alice's host and Bob saw of `bytes` sent as `name`: one renewal, one message, and the file the server stored byte for byte. */
  async function assertDeliveredOnce(server: { dataDir: string }, bob: TestClient, name: string, bytes: Uint8Array, asked: () => number): Promise<void> {
    const url = await receivedUrl(bob, name);
    const stored = await readFile(join(server.dataDir, 'files', new URL(url).pathname.split('/').pop()!));
    assert.equal(sha256(stored), sha256(bytes), 'the server stored the very bytes Alice sent');
    assert.equal(asked(), 1, 'the host was asked once');
    await sleep(500);
    assert.equal(bob.pending.filter(carries(name)).length, 0, 'the message arrived once');
  }

  it("goes on from the server's offset when the token expires during a resumable upload, with a token asked of the host once", { timeout: 20_000 }, async (t) => {
    const { server, proxy, page, bob, asked, token, expiresAt } = await open(t, { protocol: 'tus', lifetimeSeconds: 4, proxyRate: 512 * 1024 }, () => signToken({ user: 'alice', rooms: [ROOM] }, SECRET));
    // Each request after a preflight on a fresh connection: the cut then reaches the page, never a silent resend.
    // (A request the browser had already put on a connection so closed, it sends again on a new one.)
    proxy!.setCloseAfterPreflight(true);
    const bytes = randomBytes(4 * 1024 * 1024);
    const name = 'expires-midway.bin';
    await send(page, name, bytes);
    // The PATCH went out with the first token; once the token has expired, with the PATCH still sending, its connection is cut.
    const atCut = await pollUntil(() => bytesOnServer(server.dataDir), (held) => held > 0 && Date.now() > expiresAt + 1000, 'the token to expire during the PATCH');
    assert.ok(atCut < bytes.length, `the PATCH was still sending (${atCut} of ${bytes.length} bytes on the server)`);
    const seenBeforeCut = proxy!.requests.length;
    proxy!.cutAfter('up', 0);
    await pollUntil(async () => proxy!.cuts, (cuts) => cuts === 1, 'the cut');
    proxy!.setRate(0);

    await assertDeliveredOnce(server, bob, name, bytes, asked);
    const sent = patches(proxy!, token);
    const resumed = sent.findIndex((patch) => !patch.isFirstToken);
    assert.ok(resumed > 0 && sent.slice(0, resumed).every((patch) => patch.offset === 0), `before the cut, the PATCH started at 0 with the first token: ${JSON.stringify(sent)}`);
    assert.equal(resumed, sent.length - 1, 'one PATCH with the fresh token');
    assert.ok(sent[resumed]!.offset >= atCut, `it went on from the server's offset, ${sent[resumed]!.offset} (${atCut} bytes held before the cut)`);
    assert.equal(new Set(sent.map((patch) => patch.path)).size, 1, 'one upload, created once');
    const afterCut = proxy!.requests.slice(seenBeforeCut).filter((request) => request.method !== 'OPTIONS');
    assert.equal(afterCut[0]?.headers.authorization, `Bearer ${token}`, 'after the cut, the expired token was tried first (and refused)');
  });

  it('sends a PATCH refused for an expired token again with a fresh one from where the server stopped, when the host uploads by its own tus handler', { timeout: 20_000 }, async (t) => {
    const chunkSize = 256 * 1024;
    const { server, proxy, page, bob, asked, token, expiresAt } = await open(t, { protocol: 'tus', lifetimeSeconds: 4, proxyRate: 1024 * 1024, chunkSize }, () => signToken({ user: 'alice', rooms: [ROOM] }, SECRET));
    const bytes = randomBytes(6 * 1024 * 1024);
    const name = 'expires-between-patches.bin';
    await send(page, name, bytes);
    await pollUntil(() => bytesOnServer(server.dataDir), (held) => held > 0 && Date.now() > expiresAt + 1000, 'the token to expire between PATCHes');
    proxy!.setRate(0);

    await assertDeliveredOnce(server, bob, name, bytes, asked);
    const sent = patches(proxy!, token);
    const refused = sent.findLastIndex((patch) => patch.isFirstToken);
    assert.ok(refused > 0 && sent[refused]!.offset > 0, `PATCHes with the first token stored bytes before it expired: ${JSON.stringify(sent)}`);
    assert.deepEqual(
      { offset: sent[refused + 1]?.offset, isFirstToken: sent[refused + 1]?.isFirstToken },
      { offset: sent[refused]!.offset, isFirstToken: false },
      'the PATCH after the refused one starts where it did (it stored nothing), with the fresh token',
    );
    assert.deepEqual(
      sent.map((patch) => patch.offset),
      Array.from({ length: bytes.length / chunkSize }, (_, index) => index * chunkSize).flatMap((offset) => (offset === sent[refused]!.offset ? [offset, offset] : [offset])),
      'every other PATCH went on from the one before: no byte sent twice, none from 0 again',
    );
  });

  it('fails as forbidden, with its sentence, when the host gives no fresh token', async (t) => {
    const { page, bob, asked } = await stage(t, 'multipart', async () => '');
    const name = 'refused.bin';
    await send(page, name, randomBytes(64 * 1024));
    const error = await bubblePart(page, name, 'error', 15_000);
    assert.equal(await error.evaluate((element) => element.textContent?.trim()), enFailures.failedForbidden('upload'));
    assert.equal(asked(), 1, 'the host was asked once');
    await sleep(300);
    assert.equal(bob.pending.filter((frame) => frame.type === 'message').length, 0, 'no file message went out');
  });
});
