import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { flagOf, helpText, readCommandLine, SERVER_OPTIONS, UsageError } from './command-line.ts';
import { optionsFromEnv } from './env.ts';
import { LIMIT_VARIABLES } from './limits.ts';
import { openStartRefusal } from './serve.ts';
import { makeTempDir } from './test-helpers.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Runs `server/cli.ts` (what `chatdrop-server` is built from) with no JWT key in its environment; a start that should not happen is ended after 20 s. */
function runCli(args: string[], env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !SERVER_OPTIONS.some((option) => option.variable === name)));
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], { cwd: ROOT, env: { ...inherited, ...env }, encoding: 'utf8', timeout: 20_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A value each kind of option accepts, other than its default. */
function sampleValue(value: string): string {
  if (value === '<rate>') return '7/9';
  if (value === '<mode>') return 'full';
  if (/^<(port|bytes|ms|count|days)>$/.test(value)) return '7';
  if (value === '<origins>' || value === '<url>') return 'https://a.example';
  return 'something';
}

describe('the command line of chatdrop-server', () => {
  test('a flag overrides its environment variable, and a switch sets its variable to 1', () => {
    const command = readCommandLine(['--port', '9001', '--max-file-size=1024', '--allow-open'], { PORT: '8000', HOST: '127.0.0.1', ALLOW_OPEN: '' });
    assert.equal(command.action, 'serve');
    assert.ok(command.action === 'serve');
    assert.equal(command.env.PORT, '9001');
    assert.equal(command.env.MAX_FILE_SIZE, '1024');
    assert.equal(command.env.ALLOW_OPEN, '1');
    assert.equal(command.env.HOST, '127.0.0.1', 'a variable without a flag stays');
    assert.equal(optionsFromEnv(command.env).port, 9001);
  });

  test('every option changes what the server runs with', () => {
    for (const option of SERVER_OPTIONS) {
      if (option.variable === 'NO_RESUMABLE_UPLOADS') {
        const command = readCommandLine(['--no-resumable-uploads'], {});
        assert.ok(command.action === 'serve');
        assert.equal(optionsFromEnv(command.env).resumableUploads, false, '--no-resumable-uploads turns the tus endpoint off');
        continue;
      }
      if (option.value === undefined) {
        const command = readCommandLine([`--${flagOf(option)}`], {});
        assert.ok(command.action === 'serve');
        assert.notEqual(openStartRefusal({}, optionsFromEnv({}), true), undefined, 'without it an open server may not start');
        assert.equal(openStartRefusal(command.env, optionsFromEnv(command.env), true), undefined, `--${flagOf(option)} lets an open server start`);
        continue;
      }
      const command = readCommandLine([`--${flagOf(option)}`, sampleValue(option.value)], {});
      assert.ok(command.action === 'serve');
      assert.notDeepEqual(optionsFromEnv(command.env), optionsFromEnv({}), `--${flagOf(option)} changes the server's options`);
    }
  });

  test('every environment variable the server reads is an option, and every option is one it reads', () => {
    const sources = readdirSync(join(ROOT, 'server')).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && file !== 'test-helpers.ts');
    const read = new Set(Object.values(LIMIT_VARIABLES));
    for (const file of sources) {
      for (const [, name] of readFileSync(join(ROOT, 'server', file), 'utf8').matchAll(/\benv\.([A-Z][A-Z0-9_]*)/g)) read.add(name!);
    }
    read.delete('NODE_ENV'); // npm start's production switch: chatdrop-server is always a production start
    assert.deepEqual([...read].sort(), SERVER_OPTIONS.map((option) => option.variable).sort());
  });

  test('an unknown flag, a missing value or a malformed one is a usage error', () => {
    assert.throws(() => readCommandLine(['--prot', '80'], {}), (error) => error instanceof UsageError && /--prot/.test(error.message));
    assert.throws(() => readCommandLine(['--port'], {}), UsageError);
    assert.throws(() => readCommandLine(['--port', 'eighty'], {}), (error) => error instanceof UsageError && /PORT must be a whole number/.test(error.message));
    assert.throws(() => readCommandLine(['serve'], {}), UsageError);
  });

  test('--help lists every option with its variable and default, and exits 0 without opening anything', async (t) => {
    const dataDir = join(await makeTempDir(t), 'data');
    const { code, stdout } = runCli(['--help', '--data-dir', dataDir]);
    assert.equal(code, 0);
    assert.equal(stdout.trim(), helpText());
    for (const option of SERVER_OPTIONS) assert.match(stdout, new RegExp(`^  --${flagOf(option)}\\b.*\\b${option.variable}\\b.*, default ${option.byDefault.replace(/[()]/g, '\\$&')}$`, 'm'));
    assert.equal(existsSync(dataDir), false, 'no data folder (no database) was made');
  });

  test('--version prints the version of package.json', () => {
    const { code, stdout } = runCli(['--version']);
    assert.equal(code, 0);
    assert.equal(stdout.trim(), (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
  });

  test('an unknown flag exits with 2 and says which, before opening anything', async (t) => {
    const dataDir = join(await makeTempDir(t), 'data');
    const { code, stdout, stderr } = runCli(['--data-dir', dataDir, '--no-such-flag']);
    assert.equal(code, 2);
    assert.match(stderr, /chatdrop-server: Unknown option '--no-such-flag'/);
    assert.match(stderr, /chatdrop-server --help/);
    assert.equal(stdout, '');
    assert.equal(existsSync(dataDir), false);
  });

  test('without a JWT key it refuses to run open, even outside NODE_ENV=production', async (t) => {
    const dataDir = join(await makeTempDir(t), 'data');
    const { code, stdout, stderr } = runCli(['--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir], { NODE_ENV: 'development' });
    assert.equal(code, 1);
    assert.match(stderr, /a production server needs tokens: set JWT_SECRET, JWT_PUBLIC_KEY or JWT_JWKS_URL.*--allow-open/);
    assert.doesNotMatch(stdout, /Chatdrop is running/);
  });
});
