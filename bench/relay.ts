/**
 * `npm run bench -- relay`: relay throughput and latency between two clients on loopback, and
 * the recovery time of a 300-message burst whose sender connection is cut at ~100.
 * Each client pair is measured twice: flat out (as fast as acks allow, with a window of unacked
 * messages), for messages/s; and at the goal's offered rate, for latency under that load.
 * Options: `--messages=N` (default 20000), `--window=N` (default 200), `--rate=N` (default 5000),
 * `--runs=N` (default 5), `--store-messages=N` (default 5000). Prints lines for people and, last,
 * one JSON line.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../server/app.ts';
import { runRaw, type Load, type RunResult } from './lib/relay-raw.ts';
import { runRecovery, runStore } from './lib/relay-store.ts';
import { median, round } from './lib/stats.ts';

const args = new Map(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=') as [string, string]));
const number = (name: string, fallback: number): number => (args.has(name) ? Number(args.get(name)) : fallback);
const MESSAGES = number('messages', 20_000);
const WINDOW = number('window', 200);
const RATE = number('rate', 5000);
const RUNS = number('runs', 5);
const STORE_MESSAGES = number('store-messages', 5_000);
/** The outbox's own window: more would only queue in the outbox. */
const STORE_WINDOW = 64;

if (typeof WebSocket !== 'function') {
  console.error('The global WebSocket is missing: run with `node --experimental-websocket --import tsx bench/relay.ts` (or `npm run bench -- relay`).');
  process.exit(1);
}

/** Runs `run` RUNS times after one short warm-up, and summarises by medians. */
async function series(label: string, run: () => Promise<RunResult>, warmUp: () => Promise<RunResult>) {
  await warmUp();
  const results: RunResult[] = [];
  for (let index = 0; index < RUNS; index++) {
    const result = await run();
    results.push(result);
    console.log(`  ${label} run ${index + 1}: ${round(result.perSecond, 0)} msg/s, p50 ${round(result.p50Ms, 2)} ms, p95 ${round(result.p95Ms, 2)} ms${result.lossless ? '' : ', LOSS OR DUPLICATES'}`);
  }
  return {
    messages: results[0]!.messages,
    perSecond: round(median(results.map((result) => result.perSecond)), 0),
    p50Ms: round(median(results.map((result) => result.p50Ms)), 2),
    p95Ms: round(median(results.map((result) => result.p95Ms)), 2),
    lossless: results.every((result) => result.lossless),
  };
}

const dataDir = await mkdtemp(join(tmpdir(), 'chatdrop-bench-'));
// The default per-connection limit (200/s) would be the only thing measured: lift it.
// The relay's own speed: no rate limit (per connection, user, address or room) holds it back.
const unlimited = { perSecond: 1e9, burst: 1e9 };
const server = await startServer({ dataDir, port: 0, host: '127.0.0.1', rateLimit: unlimited, limits: { userRate: unlimited, addressRate: unlimited, roomRate: unlimited } });
const wsUrl = `${server.url.replace(/^http/, 'ws')}/ws`;
try {
  console.log(`Relay benchmark on loopback, server in-process; ${RUNS} runs each, medians reported.`);
  let room = 0;
  const measure = async (label: string, count: number, load: Load, run: (room: string, count: number, load: Load) => Promise<RunResult>) => {
    console.log(`${label}: ${count} messages, ${load.rate === undefined ? 'flat out' : `offered at ${load.rate}/s`}, window ${load.window}:`);
    const result = await series(label, () => run(`room-${room++}`, count, load), () => run(`room-${room++}`, Math.min(count, 1000), load));
    console.log(`  → ${result.perSecond} msg/s, p50 ${result.p50Ms} ms, p95 ${result.p95Ms} ms, ${result.lossless ? 'zero loss' : 'LOSS OR DUPLICATES'}`);
    return result;
  };
  const bare = {
    flatOut: await measure('bare protocol clients', MESSAGES, { window: WINDOW }, (name, count, load) => runRaw(wsUrl, name, count, load)),
    atRate: await measure('bare protocol clients', MESSAGES, { window: 1000, rate: RATE }, (name, count, load) => runRaw(wsUrl, name, count, load)),
  };
  const stores = {
    flatOut: await measure('client stores', STORE_MESSAGES, { window: STORE_WINDOW }, (name, count, load) => runStore(wsUrl, name, count, load)),
    atRate: await measure('client stores', STORE_MESSAGES, { window: 1000, rate: RATE }, (name, count, load) => runStore(wsUrl, name, count, load)),
  };

  console.log('300-message burst, sender connection cut at ~100 (shipped reconnect delays):');
  const recoveries: number[] = [];
  for (let index = 0; index < RUNS; index++) {
    const result = await runRecovery(server.port, `recovery-${index}`);
    recoveries.push(result.recoveryMs);
    console.log(`  run ${index + 1}: cut after ${result.cutAt} acks, receiver complete ${round(result.recoveryMs, 0)} ms after the cut`);
  }
  const recovery = { medianMs: round(median(recoveries), 0), maxMs: round(Math.max(...recoveries), 0) };
  console.log(`  → recovery median ${recovery.medianMs} ms, worst ${recovery.maxMs} ms`);

  const goals = { perSecond: 5000, p95Ms: 20, recoveryMs: 1000 };
  const meets = (pair: typeof bare) => pair.flatOut.lossless && pair.atRate.lossless && pair.flatOut.perSecond >= goals.perSecond && pair.atRate.p95Ms < goals.p95Ms;
  const met = { bare: meets(bare), store: meets(stores), recovery: recovery.maxMs <= goals.recoveryMs };
  console.log(
    `Goals (≥ ${goals.perSecond} msg/s flat out with zero loss, p95 < ${goals.p95Ms} ms at ${RATE}/s, every recovery ≤ ${goals.recoveryMs} ms): ` +
      `bare ${met.bare ? 'met' : 'NOT met'}, stores ${met.store ? 'met' : 'NOT met'}, recovery ${met.recovery ? 'met' : 'NOT met'}`,
  );
  console.log(JSON.stringify({ bench: 'relay', runs: RUNS, rate: RATE, bare, store: stores, recovery, goals, met }));
} finally {
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
}
