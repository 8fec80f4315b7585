/**
 * `npm run bench -- render`: `<chat-thread>` (virtualized) against the `repeat()` thread it
 * replaced (`bench/lib/repeat-thread.ts`), side by side in one run, in headless Chromium.
 * For 1,000, 10,000 and 100,000 messages (80% text, 10% photos with thumbnails and dimensions,
 * 10% files): time from setting the messages to rendered and pinned at the bottom (two animation
 * frames after), DOM nodes (shadow roots included), and heap held by the rendered thread (after
 * a forced GC: V8's JS heap and Blink's DOM heap, `Runtime.getHeapUsage`). Then the longest
 * main-thread task (PerformanceObserver 'longtask': none means none over 50 ms) while 1,000
 * messages a second arrive for 5 s onto a 10,000-message thread (and, virtualized only, onto a
 * 100,000-message one). `--runs=N` (default 3) runs per figure, medians reported; each burst run
 * is listed (a busy machine shows as long tasks too). The baseline renders 100,000 messages
 * `--baseline-runs-100k=N` times (default 1: it takes long). `--sizes=1000,10000` for a quicker
 * look (the goals need all three).
 * Prints lines for people and, last, one JSON line.
 * Goals: 10,000 in ≤ 60 ms, 100,000 in ≤ 150 ms with its DOM heap under 5 MB, no task over 50 ms during the burst.
 */
import type { CDPSession, Page } from 'puppeteer-core';
import { launchChromium } from '../test/helpers/browser.ts';
import { serveBenchPage } from './lib/bench-page.ts';
import { median, round } from './lib/stats.ts';
import type { BurstRun, RenderRun, ThreadKind } from './lib/thread-bench-page.ts';

const args = new Map(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=') as [string, string]));
const RUNS = Number(args.get('runs') ?? 3);
const BASELINE_RUNS_100K = Number(args.get('baseline-runs-100k') ?? 1);
const SIZES = (args.get('sizes') ?? '1000,10000,100000').split(',').map(Number);
const KINDS: ThreadKind[] = ['chat-thread', 'repeat-thread'];
const LABEL: Record<ThreadKind, string> = { 'chat-thread': 'virtualized', 'repeat-thread': 'repeat() baseline' };
const MB = 1024 * 1024;

/** One render of one size in one kind of thread, with the heap it holds. */
interface Measured extends RenderRun {
  jsHeapBytes: number;
  domHeapBytes: number;
}

async function heap(cdp: CDPSession): Promise<{ js: number; dom: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = await cdp.send('Runtime.getHeapUsage');
  return { js: usage.usedSize, dom: usage.embedderHeapUsedSize };
}

/** A fresh tab with `count` messages made, ready to render. */
async function freshTab(url: string, count: number): Promise<{ tab: Page; cdp: CDPSession }> {
  const tab = await browser.newPage();
  await tab.setViewport({ width: 800, height: 800 });
  await tab.goto(url);
  await tab.waitForFunction('typeof window.bench === "object"');
  await tab.evaluate((n) => window.bench.prepare(n), count);
  return { tab, cdp: await tab.createCDPSession() };
}

async function measureRender(url: string, kind: ThreadKind, count: number): Promise<Measured> {
  const { tab, cdp } = await freshTab(url, count);
  try {
    const before = await heap(cdp);
    const run = await tab.evaluate((k) => window.bench.render(k), kind);
    const after = await heap(cdp);
    return { ...run, jsHeapBytes: after.js - before.js, domHeapBytes: after.dom - before.dom };
  } finally {
    await tab.close();
  }
}

async function measureBurst(url: string, kind: ThreadKind, count: number): Promise<BurstRun> {
  const { tab } = await freshTab(url, count);
  try {
    await tab.evaluate((k) => window.bench.render(k), kind);
    return await tab.evaluate(() => window.bench.burst(1000, 5));
  } finally {
    await tab.close();
  }
}

const medianOf = (runs: Measured[]) => ({
  ms: median(runs.map((run) => run.ms)),
  renderedMs: median(runs.map((run) => run.renderedMs)),
  updateMs: median(runs.map((run) => run.updateMs)),
  pinnedRuns: runs.filter((run) => run.isPinned).length,
  nodes: median(runs.map((run) => run.nodes)),
  bubbles: median(runs.map((run) => run.bubbles)),
  jsHeapMB: median(runs.map((run) => run.jsHeapBytes)) / MB,
  domHeapMB: median(runs.map((run) => run.domHeapBytes)) / MB,
  runs: runs.length,
});

const page = await serveBenchPage(`import { installBench } from './bench/lib/thread-bench-page.ts';\ninstallBench();`);
const browser = await launchChromium();
const results: Record<string, Record<string, ReturnType<typeof medianOf>>> = {};
const bursts: Record<string, { history: number; messages: number; longestTaskMs: number; worstTaskMs: number; runsWithLongTasks: number; pinnedRuns: number; runs: number }> = {};
try {
  console.log(`Render benchmark: <chat-thread> (virtualized) against the repeat() baseline, ${RUNS} runs each, medians.`);
  for (const count of SIZES) {
    for (const kind of KINDS) {
      const runs: Measured[] = [];
      const times = kind === 'repeat-thread' && count >= 100_000 ? BASELINE_RUNS_100K : RUNS;
      try {
        for (let index = 0; index < times; index++) runs.push(await measureRender(page.url, kind, count));
      } catch (error) {
        console.log(`  ${count.toLocaleString('en')} messages, ${LABEL[kind]}: did not finish (${(error as Error).message.split('\n')[0]})`);
        continue;
      }
      const result = medianOf(runs);
      (results[kind] ??= {})[count] = result;
      console.log(
        `  ${count.toLocaleString('en')} messages, ${LABEL[kind]}: ` +
          (result.pinnedRuns === runs.length
            ? `${round(result.ms, 0)} ms to rendered and pinned (first update ${round(result.updateMs, 1)} ms); `
            : `${round(result.renderedMs, 0)} ms to rendered, pinned at the bottom in only ${result.pinnedRuns} of ${runs.length} runs; `) +
          `${result.nodes.toLocaleString('en')} DOM nodes (${result.bubbles} bubbles); heap held: JS ${round(result.jsHeapMB, 2)} MB, DOM ${round(result.domHeapMB, 2)} MB` +
          (runs.length > 1 ? ` (runs: ${runs.map((run) => round(run.ms, 0)).join(', ')} ms)` : ' (1 run)'),
      );
    }
  }
  for (const [kind, count] of [['chat-thread', 10_000], ['repeat-thread', 10_000], ['chat-thread', 100_000]] as const) {
    const runs: BurstRun[] = [];
    for (let index = 0; index < RUNS; index++) runs.push(await measureBurst(page.url, kind, count));
    const burst = {
      history: count,
      messages: runs[0]!.messages,
      longestTaskMs: median(runs.map((run) => run.longestTaskMs)),
      worstTaskMs: Math.max(...runs.map((run) => run.longestTaskMs)),
      runsWithLongTasks: runs.filter((run) => run.longTasks > 0).length,
      pinnedRuns: runs.filter((run) => run.isPinned).length,
      runs: runs.length,
    };
    bursts[`${kind}@${count}`] = burst;
    const tasks = runs.map((run) => (run.longTasks === 0 ? 'none' : `${run.longTasks}, longest ${round(run.longestTaskMs, 0)} ms`));
    console.log(
      `  burst of 1,000 messages/s for 5 s onto ${count.toLocaleString('en')}, ${LABEL[kind]}: tasks over 50 ms per run: ${tasks.join('; ')}` +
        `; at the newest message after ${burst.messages.toLocaleString('en')} arrivals in ${burst.pinnedRuns} of ${runs.length} runs`,
    );
  }
  const virtual = results['chat-thread']!;
  const goals = {
    tenThousandWithin60ms: (virtual[10_000]?.ms ?? Infinity) <= 60 && virtual[10_000]!.pinnedRuns === virtual[10_000]!.runs,
    hundredThousandWithin150ms: (virtual[100_000]?.ms ?? Infinity) <= 150 && virtual[100_000]!.pinnedRuns === virtual[100_000]!.runs,
    hundredThousandDomHeapUnder5MB: (virtual[100_000]?.domHeapMB ?? Infinity) < 5,
    noTaskOver50msInBurst: bursts['chat-thread@10000']!.runsWithLongTasks === 0 && bursts['chat-thread@100000']!.runsWithLongTasks === 0,
  };
  const met = Object.values(goals).every(Boolean);
  console.log(`→ goals (10,000 ≤ 60 ms, 100,000 ≤ 150 ms with DOM heap < 5 MB, no task over 50 ms in the burst): ${met ? 'met' : `NOT all met: ${JSON.stringify(goals)}`}`);
  console.log(JSON.stringify({ bench: 'render', runs: RUNS, results, bursts, goals, goalMet: met }, (_key, value) => (typeof value === 'number' ? round(value, 2) : value)));
} finally {
  await browser.close();
  await page.close();
}
