/**
 * `npm run bench -- resume`: a big resumable (tus) upload cut at ~60 %, end to end. Alice's widget
 * (`upload-protocol="tus"`, headless Chromium) sends a file of random bytes to the reference
 * server (its own process, on loopback) through a TCP proxy; Bob's widget, in its own Chromium,
 * shows the file message. Three sends of the same size, each a new upload:
 * - `uncut`: through the proxy, nothing happens (the baseline);
 * - `network drop`: the proxy resets the upload's connection once ~60 % of the file went through;
 * - `server restart`: the server is killed (SIGKILL) once ~60 % is on its disk and started again
 *   on the same port and data folder.
 * For each: the ms from Send until Bob's page shows the message, the offset the upload went on
 * from (the last PATCH's `Upload-Offset`; what the cut connection carried past it was lost in
 * socket buffers) and whether the bytes the server gives for the message's URL are the file's (sha256 compared).
 * Options: `--size-mb=1000` (default). Prints lines for people and, last, one JSON line.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { link, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, ElementHandle } from 'puppeteer-core';
// @ts-expect-error: a plain JavaScript module shared with the test scripts
import { startServerProcess } from '../scripts/server-process.mjs';
import { startHttpFaultProxy, type HttpFaultProxy } from '../test/cases/http-fault-proxy.ts';
import { launchChromium } from '../test/helpers/browser.ts';
import { openWidgetPage, pollUntil, receivedFileUrl, sentBubble, tusBytesOnDisk, waitFor } from '../test/helpers/page.ts';
import { serveBenchPage } from './lib/bench-page.ts';
import { writeRandomFile } from './lib/random-file.ts';
import { round } from './lib/stats.ts';

const args = new Map(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=') as [string, string]));
const SIZE = Number(args.get('size-mb') ?? 1000) * 1_000_000;
if (!(SIZE > 0)) throw new Error('Usage: npm run bench -- resume [--size-mb=1000]');
/** Where the cut comes: a share of the file. */
const CUT_AT = 0.6;

/** A page holding one widget, its attributes from the page's query. */
const WIDGET_PAGE = `
import './src/define.ts';
const widget = document.createElement('chat-widget');
for (const [name, value] of new URLSearchParams(location.search)) widget.setAttribute(name, value);
document.body.append(widget);
`;

type Fault = 'uncut' | 'network drop' | 'server restart';

interface Result {
  fault: Fault;
  /** From Send until Bob's page shows the message. */
  shownMs: number;
  /** The `Upload-Offset` of the last PATCH: where the upload went on from. */
  resumedAt: number;
  /** Bytes the last PATCH carried: what was sent again after the fault (a restart from byte 0 would send the whole file). */
  bytesAfterFault: number;
  /** The server's bytes for the message's URL are the file's. */
  bytesMatch: boolean;
}

const sha256OfStream = (stream: NodeJS.ReadableStream) =>
  new Promise<string>((resolve, reject) => {
    const hash = createHash('sha256');
    stream.on('data', (chunk) => hash.update(chunk));
    stream.on('end', () => resolve(hash.digest('hex')));
    stream.on('error', reject);
  });

async function sha256OfUrl(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`GET ${url}: ${response.status}`);
  const hash = createHash('sha256');
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) hash.update(chunk);
  return hash.digest('hex');
}

const work = await mkdtemp(join(tmpdir(), 'chatdrop-bench-resume-'));
const dataDir = join(work, 'data');
const server = await startServerProcess({ dataDir, env: { CORS_ORIGINS: '*', MAX_FILE_SIZE: String(SIZE + 1_000_000), UPLOAD_QUOTA_PER_DAY: '0', UPLOAD_DISK_QUOTA: '0' } });
const served = await serveBenchPage(WIDGET_PAGE);
const browsers: Browser[] = [await launchChromium(), await launchChromium()];
const original = join(work, 'resume.bin');

/** Bytes of the unfinished upload on the server's disk (one at a time here). */
const bytesOnServer = () => tusBytesOnDisk(dataDir);

const openWidget = (browser: Browser, room: string, user: string, uploadEndpoint: string) =>
  openWidgetPage(browser, served.url, { room, user, transport: `${server.url.replace(/^http/, 'ws')}/ws`, 'upload-endpoint': uploadEndpoint, 'upload-protocol': 'tus' });

async function sendWith(fault: Fault, fileSha256: string): Promise<Result> {
  const proxy: HttpFaultProxy = await startHttpFaultProxy(server.port);
  // Each request after a preflight on a fresh connection: a cut reaches the page, never a silent resend.
  proxy.setCloseAfterPreflight(true);
  if (fault === 'network drop') proxy.cutAfter('up', Math.round(SIZE * CUT_AT));
  const room = `resume-${fault.replace(' ', '-')}`;
  const alice = await openWidget(browsers[0]!, room, 'alice', proxy.url('/tus/'));
  const bob = await openWidget(browsers[1]!, room, 'bob', `${server.url}/tus/`);
  try {
    const name = `${room}.bin`;
    const picker = (await waitFor(alice, 'chat-widget >>> file-composer >>> input[type="file"]')) as ElementHandle<HTMLInputElement>;
    // Each send its own name for the same bytes (a hard link), so no send reuses an earlier upload.
    await link(original, join(work, name));
    await picker.uploadFile(join(work, name));
    await waitFor(alice, 'chat-widget >>> file-composer >>> [part="staged-file"]');
    const send = await waitFor(alice, 'chat-widget >>> file-composer >>> [part="send"]');
    const started = performance.now();
    await send.click();
    if (fault === 'server restart') {
      await pollUntil(bytesOnServer, (bytes) => bytes >= SIZE * CUT_AT, `${CUT_AT * 100} % of the file on the server`, 300_000);
      process.kill(server.pid, 'SIGKILL');
      await server.restart();
    }
    const url = await receivedFileUrl(bob, name, 600_000);
    const shownMs = performance.now() - started;
    await sentBubble(alice, name, 60_000);
    const patches = proxy.requests.filter((request) => request.method === 'PATCH').map((request) => Number(request.headers['upload-offset']));
    const resumedAt = patches.at(-1) ?? Number.NaN;
    const bytesMatch = (await sha256OfUrl(new URL(url, server.url).href)) === fileSha256;
    return { fault, shownMs: round(shownMs, 0), resumedAt, bytesAfterFault: SIZE - resumedAt, bytesMatch };
  } finally {
    await Promise.all([alice.close(), bob.close()]);
    await proxy.close();
  }
}

try {
  await writeRandomFile(original, SIZE);
  const fileSha256 = await sha256OfStream(createReadStream(original));
  console.log(`Resume benchmark: a ${SIZE / 1_000_000} MB tus upload from Alice's widget, through a TCP proxy, until Bob's page shows it; reference server on loopback.`);
  const results: Result[] = [];
  for (const fault of ['uncut', 'network drop', 'server restart'] as const) {
    const result = await sendWith(fault, fileSha256);
    results.push(result);
    console.log(
      `  ${fault}: shown after ${result.shownMs} ms; went on from ${result.resumedAt === 0 ? 'byte 0' : `${round((result.resumedAt / SIZE) * 100, 1)} % (${result.resumedAt} B)`}; ` +
        `${round(result.bytesAfterFault / 1_000_000, 0)} MB sent by the last PATCH; bytes ${result.bytesMatch ? 'identical' : 'DIFFER'}`,
    );
  }
  const resumedFromCut = results.filter((result) => result.fault !== 'uncut').every((result) => result.resumedAt >= SIZE * (CUT_AT - 0.15));
  console.log(JSON.stringify({ bench: 'resume', megabytes: SIZE / 1_000_000, cutAt: CUT_AT, results, resumedFromCut, bytesIdentical: results.every((result) => result.bytesMatch) }));
} finally {
  await Promise.all(browsers.map((browser) => browser.close()));
  await served.close();
  await server.stop();
  await rm(work, { recursive: true, force: true });
}
