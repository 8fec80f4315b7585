// An upload refused because the widget's token expired asks the host for a fresh one and goes on by
// itself: Alice's widget in headless Chromium, the real reference server with JWT auth, and Bob as
// a relay client that gets the file message and fetches the very bytes Alice sent.
import { after, before, describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import type { Browser, Page } from 'puppeteer-core';
import { serveBenchPage, type BenchPage } from '../../bench/lib/bench-page.ts';
import { connect, startTestServer, type TestClient } from '../../server/test-helpers.ts';
import { signToken } from '../../server/tokens.ts';
import { enFailures } from '../../src/elements/locales/en-failures.ts';
import { launchChromium } from '../helpers/browser.ts';
import { bubblePart, sleep, waitFor } from '../helpers/page.ts';

const SECRET = 'test secret: long and random in real use';
const ROOM = 'room';

/** A widget with the page's query as attributes, whose host answers `refreshToken` from the test (`hostToken`). */
const WIDGET_PAGE = `
import './src/define.ts';
const widget = document.createElement('chat-widget');
for (const [name, value] of new URLSearchParams(location.search)) widget.setAttribute(name, value);
widget.refreshToken = () => window.hostToken();
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

  /**
   * The server, Bob listening in the room, and Alice's widget joined with a token that expires in
   * two seconds; her host's `refreshToken` gives `hostToken()`. Returns once her token has expired.
   */
  async function stage(t: TestContext, protocol: 'multipart' | 'tus', hostToken: () => Promise<string>) {
    const server = await startTestServer(t, { auth: { secret: SECRET, allowedOrigins: [new URL(served.url).origin] }, corsOrigins: ['*'] });
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
    const token = await signToken({ user: 'alice', rooms: [ROOM], expiresInSeconds: 2 }, SECRET);
    const expiresAt = Date.now() + 2000;
    const query = new URLSearchParams({
      room: ROOM,
      user: 'alice',
      token,
      transport: `${server.url.replace(/^http/, 'ws')}/ws`,
      'upload-endpoint': protocol === 'tus' ? `${server.url}/tus/` : `${server.url}/upload`,
      'upload-protocol': protocol,
    });
    await page.goto(`${served.url}?${query}`);
    await waitFor(page, 'chat-widget >>> [part="status"][data-status="online"]', 15_000);
    // A token's expiry is in whole seconds: past it by a second, it is refused for sure.
    await sleep(expiresAt - Date.now() + 1500);
    return { page, bob, asked: () => asked };
  }

  /** Sends `bytes` as the file `name` from Alice's widget, as the composer would. */
  async function send(page: Page, name: string, bytes: Uint8Array): Promise<void> {
    await page.evaluate(
      (fileName: string, base64: string) => {
        const data = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
        const widget = document.querySelector('chat-widget') as HTMLElement & { store: { sendFiles(files: Array<{ file: File }>): void } };
        widget.store.sendFiles([{ file: new File([data], fileName, { type: 'application/octet-stream' }) }]);
      },
      name,
      Buffer.from(bytes).toString('base64'),
    );
  }

  /** The bytes of the file `name` once its message reached Bob. */
  async function receivedBytes(bob: TestClient, name: string): Promise<Uint8Array> {
    const frame = await bob.take('message', (each) => each.message.attachments?.some((attachment) => attachment.name === name) ?? false, 20_000);
    const url = frame.message.attachments!.find((attachment) => attachment.name === name)!.url;
    const answer = await fetch(url);
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
