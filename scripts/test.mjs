// `npm test`: type-check, build, browser tests (web-test-runner in Chromium), then server,
// delivery-fault and end-to-end tests (node:test). Ends with one line `N passed, N failed, N skipped`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChrome } from './find-chrome.mjs';

const work = mkdtempSync(join(tmpdir(), 'chatdrop-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
let stepsFailed = 0;

/** How long each step took, printed at the end, so a slow step is seen. */
const stepTimes = [];

function run(title, command, args, env = {}) {
  console.log(`\n▶ ${title}`);
  const started = performance.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  stepTimes.push(`${title}: ${((performance.now() - started) / 1000).toFixed(0)} s`);
  if (result.status !== 0) {
    console.log(`✖ ${title} failed (exit ${result.status ?? result.signal})`);
    stepsFailed++;
  }
  return result.status === 0;
}

function addCounts(file) {
  try {
    const counts = JSON.parse(readFileSync(file, 'utf8'));
    for (const key of Object.keys(totals)) totals[key] += counts[key] ?? 0;
  } catch {
    totals.failed++; // the runner ended before reporting: count it as a failure
  }
}

function testFiles(folder, pattern) {
  return readdirSync(folder, { recursive: true })
    .map(String)
    .filter((file) => pattern.test(file) && !file.includes('node_modules'))
    .map((file) => join(folder, file));
}

try {
  findChrome();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
// The build first: it writes custom-elements.json, which the gallery's controls import (and tsc checks).
const built = run('build (manifest and dist/chatdrop.js)', npx === 'npx' ? 'npm' : 'npm.cmd', ['run', '--silent', 'build']);
const typesOk = run('type-check (tsc)', npx, ['tsc', '--noEmit', '-p', 'tsconfig.json']);
const docsCurrent = built && run('README element reference matches the manifest', process.execPath, ['scripts/docs.mjs', '--check']);
const galleryBuilt = run('gallery build (Storybook)', npx, ['storybook', 'build', '-o', join(work, 'storybook'), '--quiet'], { STORYBOOK_DISABLE_TELEMETRY: '1' });

const browserSummary = join(work, 'browser.json');
run('browser tests (web-test-runner, Chromium)', npx, ['web-test-runner'], { CHATDROP_SUMMARY_FILE: browserSummary });
addCounts(browserSummary);

/**
 * Node test files that measure time or resources under load (a quiet room's p95 during a flood,
 * slow readers' RSS, timeouts closing sockets, a kill mid-burst): they run first, one at a time,
 * with nothing else on the machine. The rest wait on sockets, servers and browsers more than on
 * the CPU (a full run keeps 2 cores under half busy), and run three at a time.
 */
const MEASURING_TESTS = new Set(['server/relay-bounds.test.ts', 'server/http-bounds.test.ts', 'server/relay-limits.test.ts', 'server/relay-durability.test.ts']);
const NODE_TEST_CONCURRENCY = Number(process.env.CHATDROP_NODE_TEST_CONCURRENCY ?? 3);

// The longest files (XMPP with its outages, end to end in Chromium) first, so that the slots end together.
const nodeTests = [...testFiles('test/xmpp', /\.test\.ts$/), ...(built ? [...testFiles('test/e2e', /\.test\.ts$/), ...testFiles('test/package', /\.test\.ts$/)] : []), ...testFiles('test/cases', /\.test\.ts$/), ...testFiles('test/frameworks', /\.test\.ts$/), ...testFiles('server', /\.test\.ts$/), ...testFiles('test/delivery', /\.test\.ts$/)];
const nodeTestGroups = [
  { title: 'server tests that measure time and memory (node:test, one at a time)', files: nodeTests.filter((file) => MEASURING_TESTS.has(file)), concurrency: 1 },
  { title: `server and end-to-end tests (node:test, ${NODE_TEST_CONCURRENCY} at a time)`, files: nodeTests.filter((file) => !MEASURING_TESTS.has(file)), concurrency: NODE_TEST_CONCURRENCY },
];
for (const [index, group] of nodeTestGroups.entries()) {
  const summary = join(work, `node-${index}.json`);
  run(group.title, process.execPath, [
    // The delivery tests run the browser's WebSocketTransport in Node, which needs the global WebSocket.
    '--experimental-websocket', '--disable-warning=ExperimentalWarning',
    '--import', 'tsx', '--test', `--test-concurrency=${group.concurrency}`,
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=./scripts/node-summary-reporter.mjs', `--test-reporter-destination=${summary}`,
    ...group.files,
  ]);
  addCounts(summary);
}

rmSync(work, { recursive: true, force: true });
if (!typesOk || !built || !galleryBuilt || !docsCurrent) totals.failed++;
console.log(`\n${stepTimes.join('\n')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || stepsFailed > 0 ? 1 : 0);
