// CASES.md C1, C2, C3 and C10 in a real browser: hostile files stored on the reference server are
// opened in headless Chromium, directly and embedded in a frame, `<object>` and `<embed>`, and
// nothing in them may run. Each script in them calls a beacon; the beacon must stay silent. A
// control page with the same HTML served without the server's headers proves the beacon works.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { launchChromium } from '../helpers/browser.ts';
import { startTestServer, stored } from './case-helpers.ts';
import { hostileHtml, hostileSvg, hostileXhtml, polyglotJpeg } from './hostile-files.ts';

let browser: Browser;
let page: Page;
let beacon: Server;
let beaconUrl: string;
const hits: string[] = [];

/** Opens `url` in the page (a download is refused, not saved) and gives any script time to run. */
async function open(url: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(url, { waitUntil: 'load', timeout: 5000 }).catch(() => undefined);
  await new Promise((resolve) => setTimeout(resolve, 300));
}

describe('hostile files opened in Chromium run nothing (C1, C2, C3, C10)', { timeout: 60_000 }, () => {
  before(async () => {
    beacon = createServer((request, response) => {
      if (request.url?.startsWith('/beacon')) hits.push(request.url);
      const embed = new URL(request.url ?? '/', 'http://x').searchParams.get('embed');
      if (request.url?.startsWith('/control')) return void response.writeHead(200, { 'content-type': 'text/html' }).end(hostileHtml(`${beaconUrl}/beacon`));
      if (embed) return void response.writeHead(200, { 'content-type': 'text/html' }).end(`<iframe src="${embed}"></iframe><object data="${embed}"></object><embed src="${embed}"><img src="${embed}">`);
      response.writeHead(204, { 'access-control-allow-origin': '*' }).end();
    });
    await new Promise<void>((resolve) => beacon.listen(0, '127.0.0.1', resolve));
    beaconUrl = `http://127.0.0.1:${(beacon.address() as { port: number }).port}`;
    browser = await launchChromium();
    page = await browser.newPage();
    const session = await page.createCDPSession();
    await session.send('Browser.setDownloadBehavior', { behavior: 'deny' });
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => beacon?.close(resolve));
  });

  test('control: the same hostile HTML served without the safe headers does call the beacon', async () => {
    hits.length = 0;
    await open(`${beaconUrl}/control`);
    assert.ok(hits.length > 0, 'the beacon works, so silence below means nothing ran');
    assert.equal(await page.title(), 'ran');
  });

  const rows: Array<{ row: string; name: string; type: string; bytes: (beacon: string) => Buffer }> = [
    { row: 'C1', name: 'cat.svg', type: 'image/svg+xml', bytes: hostileSvg },
    { row: 'C2', name: 'page.html', type: 'text/html', bytes: hostileHtml },
    { row: 'C2', name: 'page.xhtml', type: 'application/xhtml+xml', bytes: hostileXhtml },
    { row: 'C2', name: 'page.xml', type: 'text/xml', bytes: hostileSvg },
    { row: 'C3', name: 'looks.png', type: 'image/png', bytes: hostileHtml },
    { row: 'C10', name: 'poly.jpg', type: 'image/jpeg', bytes: polyglotJpeg },
    { row: 'C10', name: 'poly.html', type: 'text/html', bytes: polyglotJpeg },
  ];
  for (const { row, name, type, bytes } of rows) {
    test(`${row}: ${name} declared ${type} runs nothing when opened or embedded in a frame, object or embed`, async (t) => {
      const server = await startTestServer(t);
      const file = await stored(server.url, name, type, bytes(`${beaconUrl}/beacon`));
      const url = `${server.url}${file.url}`;
      hits.length = 0;
      await open(url);
      assert.notEqual(await page.title().catch(() => ''), 'ran');
      await open(`${beaconUrl}/embed?embed=${encodeURIComponent(url)}`);
      assert.deepEqual(hits, [], `${name}: the beacon stayed silent`);
    });
  }
});
