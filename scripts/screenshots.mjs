// Screenshots of the demo as two people use it, to look at what the widget shows:
//   node scripts/screenshots.mjs OUT_DIR [PROJECT_ROOT]
// Starts PROJECT_ROOT's reference server (default: this project; it must be built) on a free
// loopback port with a temporary data folder, has Alice send a text, a photo and a PDF and Bob
// answer, and saves Bob's and Alice's pages at desktop (1280×800), phone (375×740, touch) and in
// the dark scheme as PNGs in OUT_DIR. Uses the Chromium that `npm test` uses.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { CHROME_ARGS, findChrome } from './find-chrome.mjs';

const [outArg, rootArg] = process.argv.slice(2);
if (!outArg) {
  console.error('usage: node scripts/screenshots.mjs OUT_DIR [PROJECT_ROOT]');
  process.exit(2);
}
const OUT = resolve(outArg);
const ROOT = resolve(rootArg ?? fileURLToPath(new URL('..', import.meta.url)));
const FIXTURES = fileURLToPath(new URL('../test/fixtures/', import.meta.url));

const VIEWS = [
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: 'phone', viewport: { width: 375, height: 740, deviceScaleFactor: 2, isMobile: true, hasTouch: true } },
  { name: 'dark', viewport: { width: 1280, height: 800 }, dark: true },
];

const freePort = () =>
  new Promise((done, fail) => {
    const probe = createServer().once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });

async function startServer(dataDir) {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let tries = 0; tries < 200; tries++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    if (await fetch(url).then((answer) => answer.ok, () => false)) return { url, child };
    await new Promise((done) => setTimeout(done, 100));
  }
  child.kill();
  throw new Error('the server did not answer in 20 s');
}

const pause = (ms) => new Promise((done) => setTimeout(done, ms));

async function openAs(browser, url, user, view) {
  const page = await browser.newPage();
  await page.setViewport(view.viewport);
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: view.dark ? 'dark' : 'light' }]);
  await page.goto(`${url}/?room=demo&user=${user}`);
  await page.waitForSelector('chat-widget >>> [part="status"][data-status="online"]', { timeout: 15_000 }).catch(() => undefined);
  return page;
}

async function sendText(page, text) {
  await page.bringToFront(); // a background tab never scrolls a field into view, so typing would wait forever
  const field = await page.waitForSelector('chat-widget >>> file-composer >>> textarea');
  await field.type(text);
  await page.keyboard.press('Enter');
  await pause(300);
}

async function sendFile(page, file) {
  await page.bringToFront();
  const picker = await page.waitForSelector('chat-widget >>> file-composer >>> input[type="file"]');
  await picker.uploadFile(join(FIXTURES, file));
  await pause(800);
  await (await page.waitForSelector('chat-widget >>> file-composer >>> [part="send"]')).click();
  await pause(1500);
}

mkdirSync(OUT, { recursive: true });
const browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: CHROME_ARGS });
try {
  for (const view of VIEWS) {
    const dataDir = mkdtempSync(join(tmpdir(), 'chatdrop-screens-'));
    const server = await startServer(dataDir);
    try {
      const alice = await openAs(browser, server.url, 'alice', view);
      const bob = await openAs(browser, server.url, 'bob', view);
      await sendText(alice, 'Here are the photos from Saturday, and the report: https://example.com/report');
      await sendFile(alice, 'photo.jpg');
      await sendFile(alice, 'report.pdf');
      await sendText(bob, 'Thanks! The light in that one is lovely.');
      await pause(2500);
      await bob.bringToFront();
      await bob.screenshot({ path: join(OUT, `${view.name}-receiver.png`) });
      await alice.bringToFront();
      await alice.screenshot({ path: join(OUT, `${view.name}-sender.png`) });
      await alice.close();
      await bob.close();
    } finally {
      server.child.kill();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
} finally {
  await browser.close();
}
console.log(`screenshots in ${OUT}`);
