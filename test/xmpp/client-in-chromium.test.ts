// Chatdrop's XMPP client in Chromium, where it runs: a browser fires a WebSocket's events after
// `close()` returns, not during it (Node's WebSocket differs, so client.test.ts cannot show this).
import assert from 'node:assert/strict';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser } from 'puppeteer-core';
import { launchChromium } from '../helpers/browser.ts';

describe("Chatdrop's XMPP client in Chromium", () => {
  let browser: Browser;
  let client: string;
  before(async () => {
    const { outputFiles } = await build({ entryPoints: [fileURLToPath(new URL('../../src/transport/xmpp/xmpp-client.ts', import.meta.url))], bundle: true, format: 'iife', globalName: 'xmppClient', write: false, logLevel: 'error' });
    client = outputFiles[0]!.text;
    browser = await launchChromium();
  });
  after(() => browser?.close());

  test('stop() while the WebSocket is still opening rejects start() and connects no more', async (t) => {
    // A server that takes TCP connections and never answers the WebSocket handshake.
    const sockets: Socket[] = [];
    const server = createServer((socket) => sockets.push(socket));
    t.after(() => {
      sockets.forEach((socket) => socket.destroy());
      server.close();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const page = await browser.newPage();
    t.after(() => page.close());
    await page.addScriptTag({ content: client });
    type InPage = { xmppClient: typeof import('../../src/transport/xmpp/xmpp-client.ts'); statuses: string[]; started: Promise<string>; xmpp: InstanceType<InPage['xmppClient']['XmppClient']> };
    await page.evaluate((service) => {
      const page = globalThis as unknown as InPage;
      page.statuses = [];
      page.xmpp = new page.xmppClient.XmppClient({ service, domain: 'example.test', reconnectDelay: 50 });
      page.xmpp.on('status', (status) => page.statuses.push(status));
      page.started = page.xmpp.start().then(() => 'online', (error: Error) => `rejected: ${error.message}`);
    }, `ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
    // Stopped once the server holds the connection, its handshake unanswered: the WebSocket is opening.
    while (sockets.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const seen = await page.evaluate(async () => {
      const page = globalThis as unknown as InPage;
      await page.xmpp.stop();
      const outcome = await Promise.race([page.started, new Promise((resolve) => setTimeout(() => resolve('still pending after 2 s'), 2000))]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      return { outcome, statuses: page.statuses };
    });
    assert.match(String(seen.outcome), /^rejected: /);
    assert.deepEqual(seen.statuses, ['connecting', 'offline'], 'stopped, and not connecting again');
    assert.equal(sockets.length, 1, 'one connection tried');
  });
});
