/**
 * `npm run bench -- send`: what a person waits for when sending a big file: from clicking Send
 * (the file already staged in Alice's composer; timed from the moment her page gets the click, not
 * from when the automation starts to scroll to the button and press) until Bob's page shows the file message (its
 * bubble with the download control), on the demo page of the reference server (its own process,
 * on loopback; the demo page uploads by tus), against `curl -F file=@…` of the same file to `/upload`, in one run,
 * and beside them curl over tus (a POST, then one PATCH), which tells the server's tus path from the browser,
 * and the same tus upload as a bare `XMLHttpRequest` from Alice's page with no widget code (`bareUpload`), which
 * tells Chromium's own share of the gap (runs swing: a send can beat it in a given minute).
 * Each page has its own Chromium, as two people have. Each send is a new name for the same bytes
 * (a hard link), so no send reuses an earlier upload. Where the time goes, from marks that do not
 * slow the pages (no DevTools domains): the upload request's resource timing, the worker's hash
 * answer, the message frame on Alice's WebSocket and on Bob's, the bubble, and Alice's longest
 * main-thread task (PerformanceObserver 'longtask': none means none over 50 ms). Before each
 * upload the disk is settled (`settleDisk`), so none pays for the writeback of those before. On
 * Linux it also tells the CPU each process spent (`lib/process-cpu.ts`): the server, Alice's
 * Chromium by kind of process (the network service uploads), and curl. Builds the
 * widget first (`--no-build` to skip).
 * Options: `--sizes=200,1000` (MB, the default), `--runs=3`. Medians; prints lines for people
 * and, last, one JSON line. Goal: send ≥ 0.8× curl at each size.
 */
import { execFile, spawnSync } from 'node:child_process';
import { link, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ElementHandle, Page } from 'puppeteer-core';
// @ts-expect-error: a plain JavaScript module shared with the test scripts
import { startServerProcess } from '../scripts/server-process.mjs';
import { launchChromium } from '../test/helpers/browser.ts';
import { waitFor } from '../test/helpers/page.ts';
import { chromiumCpu, cpuSpent, processCpu, waitedChildrenCpu } from './lib/process-cpu.ts';
import { writeRandomFile } from './lib/random-file.ts';
import { median, round } from './lib/stats.ts';

const args = new Map(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=') as [string, string]));
const SIZES_MB = (args.get('sizes') ?? '200,1000').split(',').map(Number);
const RUNS = Number(args.get('runs') ?? 3);
if (SIZES_MB.some((mb) => !(mb > 0)) || !(RUNS > 0)) throw new Error('Usage: npm run bench -- send [--sizes=200,1000] [--runs=3] [--no-build]');
const execFileAsync = promisify(execFile);

/** Where the time of one send went, in ms from the click. */
interface Profile {
  uploadStartMs: number;
  uploadEndMs: number;
  /** The worker's hash answered. */
  hashedMs: number;
  messageSentMs: number;
  messageReceivedMs: number;
  shownMs: number;
  /** From the automation starting the click to Alice's page getting it: not part of the wait. */
  clickDelayMs: number;
  longestTaskMs: number;
}

/** CPU ms spent from the click until Bob's page showed the file: the server's, and Alice's Chromium's by kind of process. */
type SendCpu = Record<string, number>;

/** Where the CPU of one measured step went (`/proc`; empty elsewhere than Linux): by process, in ms. */
async function measureCpu<T>(serverPid: number, browserPid: number | undefined, step: () => Promise<T>): Promise<{ result: T; cpu: SendCpu }> {
  const read = async () => ({ server: await processCpu(serverPid), chromium: browserPid === undefined ? undefined : await chromiumCpu(browserPid), children: await waitedChildrenCpu() });
  const before = await read();
  const result = await step();
  const after = await read();
  const cpu: SendCpu = {};
  if (before.server !== undefined && after.server !== undefined) cpu.server = after.server - before.server;
  if (before.chromium && after.chromium) for (const [kind, ms] of Object.entries(cpuSpent(before.chromium, after.chromium))) if (ms > 0) cpu[`chromium ${kind}`] = ms;
  if (before.children !== undefined && after.children !== undefined && after.children > before.children) cpu.curl = after.children - before.children;
  return { result, cpu };
}

/** Milliseconds curl took for one multipart upload, after checking the server stored every byte. */
async function curlUpload(endpoint: string, path: string, size: number): Promise<number> {
  const { stdout } = await execFileAsync('curl', ['-sS', '-w', '\\n%{time_total}', '-F', `file=@${path};type=application/octet-stream`, endpoint], { maxBuffer: 1 << 20 });
  const [body, seconds] = stdout.trimEnd().split('\n');
  const stored = JSON.parse(body!) as { size?: number };
  if (stored.size !== size) throw new Error(`curl: the server stored ${stored.size} bytes, not ${size}: ${body}`);
  return Number(seconds) * 1000;
}

/**
 * Milliseconds curl took for the same file over tus, as the demo page sends it (a POST making the
 * upload, then one PATCH of every byte), after checking the server holds them all: what the
 * server's tus path costs beside multipart, without a browser.
 */
async function curlTusUpload(origin: string, path: string, size: number): Promise<number> {
  const tus = ['-H', 'Tus-Resumable: 1.0.0'];
  const { stdout: made } = await execFileAsync('curl', ['-sS', '-D', '-', '-o', '/dev/null', '-w', '%{time_total}', '-X', 'POST', ...tus, '-H', `Upload-Length: ${size}`, `${origin}/tus/`]);
  const location = /^location:\s*(\S+)/im.exec(made)?.[1];
  if (!location) throw new Error(`curl: the server made no tus upload: ${made}`);
  const { stdout: patched } = await execFileAsync('curl', ['-sS', '-D', '-', '-o', '/dev/null', '-w', '%{time_total}', '-X', 'PATCH', ...tus, '-H', 'Upload-Offset: 0', '-H', 'Content-Type: application/offset+octet-stream', '-T', path, new URL(location, origin).href]);
  const offset = Number(/^upload-offset:\s*(\d+)/im.exec(patched)?.[1]);
  if (offset !== size) throw new Error(`curl over tus: the server holds ${offset} bytes, not ${size}`);
  return (Number(made.trim().split('\n').at(-1)) + Number(patched.trim().split('\n').at(-1))) * 1000;
}

/**
 * Milliseconds Chromium alone takes for the same upload, from Alice's page with no widget code: a
 * tus POST, then one `XMLHttpRequest` PATCH of the `File` (as the widget's tus upload sends it).
 * It is the least Chromium itself needs; the gap between it and curl is Chromium's, not the widget's.
 */
async function bareUpload(alice: Page, path: string, size: number): Promise<number> {
  const picker = (await alice.$('#bench-bare-file')) ?? (await alice.evaluateHandle(() => document.body.appendChild(Object.assign(document.createElement('input'), { type: 'file', id: 'bench-bare-file', hidden: true }))));
  await (picker as ElementHandle<HTMLInputElement>).uploadFile(path);
  const { ms, offset } = await alice.evaluate(async () => {
    const file = (document.getElementById('bench-bare-file') as HTMLInputElement).files![0]!;
    const tus = { 'Tus-Resumable': '1.0.0' };
    const startedAt = performance.now();
    const made = await fetch('/tus/', { method: 'POST', headers: { ...tus, 'Upload-Length': String(file.size) } });
    const patched = await new Promise<XMLHttpRequest>((resolve, reject) => {
      const request = new XMLHttpRequest();
      request.open('PATCH', made.headers.get('Location')!);
      for (const [name, value] of Object.entries({ ...tus, 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' })) request.setRequestHeader(name, value);
      request.onload = () => resolve(request);
      request.onerror = () => reject(new Error('the bare upload failed'));
      request.send(file);
    });
    return { ms: performance.now() - startedAt, offset: Number(patched.getResponseHeader('Upload-Offset')) };
  });
  if (offset !== size) throw new Error(`bare XHR: the server holds ${offset} bytes, not ${size}`);
  return ms;
}

/**
 * Brings the disk to the same state before each measured upload: the bytes the server stored from
 * the last ones deleted (the bench never fetches them) and the rest written out (`sync`). Else each
 * upload starts behind the writeback of the gigabytes before it, which slows whichever comes next.
 */
async function settleDisk(dataDir: string): Promise<void> {
  for (const folder of ['files', 'tus']) {
    const dir = join(dataDir, folder);
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      const path = join(dir, name);
      if ((await stat(path)).size > 1_000_000) await rm(path, { force: true });
    }
  }
  await execFileAsync('sync');
}

/**
 * Resolves with `Date.now()` of the first animation frame after Bob's thread holds the bubble of
 * `name` with its download control (the frame that paints it). It looks every 5 ms with a timer,
 * not at every animation frame: polling by frames kept Bob's GPU process drawing through the send
 * (60–70 ms of CPU per 4 s send here, against none), which no person's page does.
 */
function shownAt(bob: Page, name: string): Promise<number> {
  return bob.evaluate(
    (fileName: string) =>
      new Promise<number>((resolve, reject) => {
        const deadline = Date.now() + 120_000;
        const look = () => {
          const thread = document.querySelector('chat-widget')?.shadowRoot?.querySelector('chat-thread');
          for (const bubble of thread?.shadowRoot?.querySelectorAll('file-bubble') ?? []) {
            if (bubble.shadowRoot?.querySelector('[part="name"]')?.getAttribute('title') === fileName && bubble.shadowRoot.querySelector('[part="download"]')) {
              requestAnimationFrame(() => resolve(Date.now()));
              return;
            }
          }
          if (Date.now() > deadline) reject(new Error(`Bob's page did not show ${fileName} in 120 s`));
          else setTimeout(look, 5);
        };
        look();
      }),
    name,
  );
}

/**
 * Watches a page without slowing it (no DevTools domains): epoch-ms marks of the WebSocket frames
 * and of the worker's hash answer that mention a file, the longest main-thread task begun since
 * `resetWatch()`, and what ran in the longest frame over 50 ms (Long Animation Frames).
 */
const WATCH_PAGE = `globalThis.__name = (fn) => fn;
  globalThis.benchMarks = [];
  globalThis.longestTaskMs = 0;
  globalThis.longestFrame = '';
  globalThis.watchFrom = 0;
  // Entries come a little after their task: one that began before the watch was reset (staging the file) is not the send's.
  new PerformanceObserver((list) => { for (const task of list.getEntries()) if (task.startTime >= globalThis.watchFrom) globalThis.longestTaskMs = Math.max(globalThis.longestTaskMs, task.duration); }).observe({ type: 'longtask' });
  // What ran in the longest frame over 50 ms (its scripts, by what invoked them), to tell what a long task was.
  let longestFrameMs = 0;
  new PerformanceObserver((list) => {
    for (const frame of list.getEntries()) {
      if (frame.startTime < globalThis.watchFrom || frame.duration <= Math.max(50, longestFrameMs)) continue;
      longestFrameMs = frame.duration;
      const scripts = frame.scripts.map((script) => \`\${script.invokerType} \${script.invoker} \${Math.round(script.duration)} ms\${script.sourceFunctionName ? \` in \${script.sourceFunctionName}\` : ''} (\${script.sourceURL.split('/').pop()}:\${script.sourceCharPosition})\`);
      globalThis.longestFrame = \`\${Math.round(frame.duration)} ms frame, blocking \${Math.round(frame.blockingDuration)} ms, style and layout \${Math.round(frame.styleAndLayoutStart ? frame.startTime + frame.duration - frame.styleAndLayoutStart : 0)} ms: \${scripts.join('; ') || 'no script'}\`;
    }
  }).observe({ type: 'long-animation-frame' });
  globalThis.resetWatch = () => { globalThis.watchFrom = performance.now(); globalThis.longestTaskMs = 0; globalThis.longestFrame = ''; longestFrameMs = 0; };
  const mark = (what, data) => typeof data === 'string' && globalThis.benchMarks.push({ what, at: Date.now(), data: data.slice(0, 2000) });
  document.addEventListener('click', () => mark('click', ''), true);
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) { mark('frame-sent', data); return send.call(this, data); };
  const NativeWebSocket = WebSocket;
  globalThis.WebSocket = class extends NativeWebSocket {
    constructor(...args) { super(...args); this.addEventListener('message', (event) => mark('frame-received', event.data)); }
  };
  const NativeWorker = Worker;
  globalThis.Worker = class extends NativeWorker {
    constructor(...args) { super(...args); this.addEventListener('message', (event) => event.data?.description?.sha256 && mark('hashed', event.data.description.sha256)); }
  };`;

/** Stages `path` in Alice's composer, clicks Send and resolves with the ms until Bob's page shows it, and where they went. */
async function sendOnce(alice: Page, bob: Page, path: string, name: string, measure: <T>(step: () => Promise<T>) => Promise<{ result: T; cpu: SendCpu }>): Promise<Profile & { cpu: SendCpu; longestFrame: string }> {
  const picker = (await waitFor(alice, 'chat-widget >>> file-composer >>> input[type="file"]')) as ElementHandle<HTMLInputElement>;
  await picker.uploadFile(path);
  await waitFor(alice, 'chat-widget >>> file-composer >>> [part="staged-file"]');
  const send = await waitFor(alice, 'chat-widget >>> file-composer >>> [part="send"]');
  await Promise.all([alice, bob].map((page) => page.evaluate(() => {
    const watched = globalThis as unknown as { benchMarks: unknown[]; resetWatch(): void };
    watched.benchMarks = [];
    watched.resetWatch();
    performance.clearResourceTimings();
  })));
  const shown = shownAt(bob, name);
  const clickedAt = Date.now();
  const { result: shownEpochMs, cpu } = await measure(async () => {
    await send.click();
    return shown;
  });
  type Mark = { what: string; at: number; data: string };
  const [aliceMarks, bobMarks] = await Promise.all([alice, bob].map((page) => page.evaluate(() => (globalThis as unknown as { benchMarks: Mark[] }).benchMarks)));
  // The demo page uploads by tus (POST /tus/, then PATCHes); a multipart page by one POST /upload.
  const upload = await alice.evaluate(() => {
    const entries = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((each) => each.name.endsWith('/upload') || new URL(each.name).pathname.startsWith('/tus/'));
    return entries.length > 0 ? { start: performance.timeOrigin + entries[0]!.startTime, end: performance.timeOrigin + Math.max(...entries.map((each) => each.responseEnd)) } : undefined;
  });
  const { longestTaskMs, longestFrame } = await alice.evaluate(() => {
    const watched = globalThis as unknown as { longestTaskMs: number; longestFrame: string };
    return { longestTaskMs: watched.longestTaskMs, longestFrame: watched.longestFrame };
  });
  // The wait starts when Alice's page gets the click, not when the automation began to send it (scrolling, moving the mouse, pressing: 10 to 40 ms here).
  const clickAt = aliceMarks!.find((each) => each.what === 'click')?.at;
  if (clickAt === undefined) throw new Error("Alice's page saw no click on Send");
  const since = (at: number | undefined) => (at === undefined ? Number.NaN : at - clickAt);
  const first = (marks: Mark[], what: string) => marks.find((each) => each.what === what && (what === 'hashed' || each.data.includes(name)))?.at;
  return {
    uploadStartMs: since(upload?.start),
    uploadEndMs: since(upload?.end),
    hashedMs: since(first(aliceMarks!, 'hashed')),
    messageSentMs: since(first(aliceMarks!, 'frame-sent')),
    messageReceivedMs: since(first(bobMarks!, 'frame-received')),
    shownMs: shownEpochMs - clickAt,
    clickDelayMs: clickAt - clickedAt,
    longestTaskMs,
    cpu,
    longestFrame,
  };
}

if (!args.has('no-build')) {
  const built = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('npm run build failed');
}

const work = await mkdtemp(join(tmpdir(), 'chatdrop-bench-send-'));
const maxSize = Math.max(...SIZES_MB) * 1_000_000;
const dataDir = join(work, 'data');
const server = await startServerProcess({ dataDir, env: { MAX_FILE_SIZE: String(maxSize + 1_000_000), UPLOAD_QUOTA_PER_DAY: '0', UPLOAD_DISK_QUOTA: '0' } });
const browsers = [await launchChromium(), await launchChromium()];
try {
  const [alice, bob] = await Promise.all(browsers.map((browser) => browser.newPage()));
  for (const [page, user] of [[alice!, 'alice'], [bob!, 'bob']] as const) {
    page.on('pageerror', (error) => console.error(`${user}: ${error}`));
    await page.evaluateOnNewDocument(WATCH_PAGE);
    await page.goto(`${server.url}/?room=bench-send&user=${user}`);
    await waitFor(page, 'chat-widget >>> [part="status"][data-status="online"]');
  }
  console.log(`Send benchmark: Send clicked on Alice's page until Bob's page shows the file message, against curl -F to the same /upload; reference server on loopback, random bytes, ${RUNS} runs each, medians.`);
  const results = [];
  const measure = <T,>(step: () => Promise<T>) => measureCpu(server.pid, browsers[0]!.process()?.pid, step);
  /** Median CPU ms by process over the runs. */
  const medianCpu = (runs: SendCpu[]): SendCpu =>
    Object.fromEntries([...new Set(runs.flatMap((cpu) => Object.keys(cpu)))].map((kind) => [kind, round(median(runs.map((cpu) => cpu[kind] ?? 0)), 0)] as const).filter(([, ms]) => ms > 0));
  const describeCpu = (cpu: SendCpu) => Object.entries(cpu).sort((a, b) => b[1] - a[1]).map(([kind, ms]) => `${kind} ${ms}`).join(', ') || 'not measured here';
  for (const mb of SIZES_MB) {
    const size = mb * 1_000_000;
    const original = join(work, `send-${mb}mb.bin`);
    await writeRandomFile(original, size);
    const sends: Array<Profile & { cpu: SendCpu; longestFrame: string }> = [];
    const curls: number[] = [];
    const curlCpus: SendCpu[] = [];
    const curlTus: number[] = [];
    const bares: number[] = [];
    for (let run = 1; run <= RUNS; run++) {
      const name = `send-${mb}mb-${run}.bin`;
      await link(original, join(work, name));
      await settleDisk(dataDir);
      sends.push(await sendOnce(alice!, bob!, join(work, name), name, measure));
      await settleDisk(dataDir);
      const curled = await measure(() => curlUpload(`${server.url}/upload`, original, size));
      curls.push(curled.result);
      curlCpus.push(curled.cpu);
      await settleDisk(dataDir);
      curlTus.push(await curlTusUpload(server.url, original, size));
      await settleDisk(dataDir);
      bares.push(await bareUpload(alice!, join(work, name), size));
      console.log(`  ${mb} MB run ${run}: send ${round(sends.at(-1)!.shownMs, 0)} ms; curl ${round(curls.at(-1)!, 0)} ms; curl over tus ${round(curlTus.at(-1)!, 0)} ms; bare XHR in Chromium ${round(bares.at(-1)!, 0)} ms`);
    }
    const p = Object.fromEntries(Object.keys(sends[0]!).filter((key) => key !== 'cpu' && key !== 'longestFrame').map((key) => [key, round(median(sends.map((each) => each[key as keyof Profile])), 0)])) as unknown as Profile;
    const cpu = { send: medianCpu(sends.map((each) => each.cpu)), curl: medianCpu(curlCpus) };
    const longestTaskMs = round(Math.max(...sends.map((each) => each.longestTaskMs)), 0);
    const longestFrame = sends.reduce((longest, each) => (each.longestTaskMs > longest.longestTaskMs ? each : longest)).longestFrame;
    console.log(
      `  ${mb} MB, where the time goes (medians, ms after the click): upload starts ${p.uploadStartMs}, its last answer ${p.uploadEndMs} (curl ${round(median(curls), 0)}); ` +
        `hash done ${p.hashedMs}; message frame sent ${p.messageSentMs}, received by Bob ${p.messageReceivedMs}, bubble shown ${p.shownMs} (the click reached the page ${p.clickDelayMs} ms after the automation began it); ` +
        `Alice's longest main-thread task ${longestTaskMs > 0 ? `${longestTaskMs} ms${longestFrame ? ` (${longestFrame})` : ''}` : 'none over 50 ms'}`,
    );
    console.log(`  ${mb} MB, CPU by process (medians, ms): send: ${describeCpu(cpu.send)}; curl -F: ${describeCpu(cpu.curl)}`);
    const sendMs = p.shownMs;
    const curlMs = median(curls);
    const bareMs = median(bares);
    results.push({ megabytes: mb, sendMs, curlMs: round(curlMs, 0), curlTusMs: round(median(curlTus), 0), bareXhrMs: round(bareMs, 0), ratioToCurl: round(curlMs / sendMs, 2), bareRatioToCurl: round(curlMs / bareMs, 2), profile: { ...p, longestTaskMs }, cpuMs: cpu });
    await Promise.all([original, ...Array.from({ length: RUNS }, (_, index) => join(work, `send-${mb}mb-${index + 1}.bin`))].map((path) => rm(path)));
  }
  console.log('\n| size | send (click → shown on the other page) | curl -F | curl over tus | bare XHR in Chromium | ratio (curl -F / send, goal ≥ 0.8) | bare XHR\'s ratio |\n|---|---|---|---|---|---|---|');
  for (const { megabytes, sendMs, curlMs, curlTusMs, bareXhrMs, ratioToCurl, bareRatioToCurl } of results) {
    console.log(`| ${megabytes} MB | ${sendMs} ms (${round(megabytes / (sendMs / 1000), 0)} MB/s) | ${curlMs} ms (${round(megabytes / (curlMs / 1000), 0)} MB/s) | ${curlTusMs} ms | ${bareXhrMs} ms | ${ratioToCurl}× | ${bareRatioToCurl}× |`);
  }
  console.log(JSON.stringify({ bench: 'send', runs: RUNS, results, goalMet: results.every((result) => result.ratioToCurl >= 0.8) }));
} finally {
  await Promise.all(browsers.map((browser) => browser.close()));
  await server.stop();
  await rm(work, { recursive: true, force: true });
}
