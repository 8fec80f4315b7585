// The packed package, installed in an empty folder, runs the server: `npx chatdrop-server --help`
// lists the options, and `chatdrop-server` serves the demo page and the widget on Node alone (no
// TypeScript, no tsx) once given a JWT key, and refuses to run open without one. Needs
// `npm run build` first (npm test does it).
//
// The install takes the tarball `npm pack` makes and the dependencies npm resolves for it from the
// registry (or its cache), skipping install scripts. The only one among the dependencies,
// better-sqlite3's, compiles SQLite for about a minute; its result, the same version's binary built
// on this machine for this Node, is copied from the project's node_modules instead. When the
// versions differ, `npm rebuild better-sqlite3` compiles it in the folder.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { helpText } from '../../server/command-line.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SQLITE_BINARY = 'build/Release/better_sqlite3.node';

/** This environment without what `npm test` or the caller set for npm (its project folder above all) or for the server. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const kept = Object.entries(process.env).filter(([name]) => (!name.startsWith('npm_') || /^npm_config_(cache|userconfig|registry|cafile)$/.test(name)) && !/^(JWT_|ALLOW_OPEN$|NODE_ENV$|PORT$|HOST$|DATA_DIR$)/.test(name));
  return { ...Object.fromEntries(kept), ...extra };
}

function npm(args: string[], cwd: string, timeout: number): string {
  return execFileSync('npm', args, { cwd, env: cleanEnv(), encoding: 'utf8', timeout, stdio: ['ignore', 'pipe', 'pipe'] });
}

function versionOf(packageFolder: string): string {
  return (JSON.parse(readFileSync(join(packageFolder, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Starts the installed `chatdrop-server` and resolves once it prints the address it runs on (or exits); the caller stops it. */
function startInstalled(app: string, args: string[], env: Record<string, string>) {
  const child = spawn(join(app, 'node_modules/.bin/chatdrop-server'), args, { cwd: app, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const started = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`chatdrop-server did not start in 20 s: ${stdout}${stderr}`)), 20_000);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const origin = /Chatdrop is running on (http:\/\/\S+) /.exec(stdout)?.[1];
      if (origin) {
        clearTimeout(timer);
        resolve(origin);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`chatdrop-server exited with ${code}: ${stdout}${stderr}`));
    });
  });
  return { child, started, exited, output: () => ({ stdout, stderr }) };
}

describe('the packed package, installed in an empty folder', { timeout: 300_000 }, () => {
  it("imports in the built server only packages of its own dependencies, not another's", () => {
    const built = readFileSync(join(ROOT, 'dist/server/cli.js'), 'utf8');
    const { dependencies } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const imported = new Set([...built.matchAll(/^import [^;]*?from "((?:@[^/"]+\/)?[^/"]+)[^"]*";$/gm)].map(([, name]) => name!).filter((name) => !name.startsWith('node:') && !name.startsWith('.')));
    assert.ok(imported.has('fastify'), 'the imports are found');
    assert.deepEqual([...imported].filter((name) => !(name in dependencies)), []);
  });

  it('runs chatdrop-server: --help, a start with a JWT key that serves the demo and the widget, a refusal to run open', async () => {
    assert.ok(existsSync(join(ROOT, 'dist/server/cli.js')), 'dist/server/cli.js is built (npm run build)');
    const work = mkdtempSync(join(tmpdir(), 'chatdrop-pack-'));
    const server: { stop?: () => void } = {};
    try {
      const [packed] = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT, 60_000)) as [{ filename: string }];
      const app = join(work, 'app');
      mkdirSync(app);
      writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'uses-chatdrop', private: true }));
      npm(['install', join(work, packed.filename), '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], app, 240_000);
      const installed = join(app, 'node_modules');
      assert.ok(existsSync(join(installed, 'chatdrop/dist/server/cli.js')), 'the package is installed in the folder');
      for (const tool of ['tsx', 'typescript', 'esbuild']) assert.equal(existsSync(join(installed, tool)), false, `${tool} is not installed with it`);

      const sqlite = join(installed, 'better-sqlite3');
      if (versionOf(sqlite) === versionOf(join(ROOT, 'node_modules/better-sqlite3'))) {
        mkdirSync(join(sqlite, 'build/Release'), { recursive: true });
        copyFileSync(join(ROOT, 'node_modules/better-sqlite3', SQLITE_BINARY), join(sqlite, SQLITE_BINARY));
      } else {
        npm(['rebuild', 'better-sqlite3'], app, 240_000);
      }

      const help = execFileSync('npx', ['--no', '--', 'chatdrop-server', '--help'], { cwd: app, env: cleanEnv(), encoding: 'utf8', timeout: 30_000 });
      assert.equal(help.trim(), helpText(), '--help prints every option, as the source does');

      const dataDir = join(work, 'data');
      const running = startInstalled(app, ['--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir], { JWT_SECRET: 'a secret for the pack test' });
      server.stop = () => running.child.kill('SIGKILL');
      const origin = await running.started;
      const page = await fetch(origin);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<chat-widget /, 'GET / answers the demo page');
      const widget = await fetch(new URL('/dist/chatdrop.js', origin));
      assert.equal(widget.status, 200, 'the widget is served from the package');
      assert.ok(existsSync(join(dataDir, 'rooms/history.sqlite')), 'the history is kept in --data-dir');
      assert.equal(running.child.kill('SIGTERM'), true);
      assert.equal(await running.exited, 0, 'SIGTERM stops it cleanly');
      assert.doesNotMatch(running.output().stdout, /runs OPEN|user=alice/, 'a production start prints where it runs, not the demo\'s tabs');

      const open = startInstalled(app, ['--port', '0', '--host', '127.0.0.1', '--data-dir', join(work, 'open-data')], { NODE_ENV: 'development' });
      server.stop = () => open.child.kill('SIGKILL');
      await assert.rejects(open.started, /exited with 1/);
      assert.match(open.output().stderr, /a production server needs tokens/);
    } finally {
      server.stop?.();
      rmSync(work, { recursive: true, force: true });
    }
  });
});
