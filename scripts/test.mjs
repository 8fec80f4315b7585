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

const nodeSummary = join(work, 'node.json');
const nodeTests = [...testFiles('server', /\.test\.ts$/), ...testFiles('test/delivery', /\.test\.ts$/), ...testFiles('test/cases', /\.test\.ts$/), ...(built ? [...testFiles('test/e2e', /\.test\.ts$/), ...testFiles('test/package', /\.test\.ts$/)] : []), ...testFiles('test/frameworks', /\.test\.ts$/), ...testFiles('test/xmpp', /\.test\.ts$/)];
run('server and end-to-end tests (node:test)', process.execPath, [
  // The delivery tests run the browser's WebSocketTransport in Node, which needs the global WebSocket.
  '--experimental-websocket', '--disable-warning=ExperimentalWarning',
  '--import', 'tsx', '--test', '--test-concurrency=1',
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=./scripts/node-summary-reporter.mjs', `--test-reporter-destination=${nodeSummary}`,
  ...nodeTests,
]);
addCounts(nodeSummary);

rmSync(work, { recursive: true, force: true });
if (!typesOk || !built || !galleryBuilt || !docsCurrent) totals.failed++;
console.log(`\n${stepTimes.join('\n')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || stepsFailed > 0 ? 1 : 0);
