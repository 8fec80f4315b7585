/**
 * A throwaway Prosody for the XMPP tests: its own temp folder (config, data, pid file, log) where
 * the `prosody` user can read it, free loopback ports, users made with `prosodyctl`, and a stop
 * that ends exactly the process it started. Never touches a system Prosody (other ports, other
 * config, other data).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where Debian installs Prosody; the tests are skipped only when it is missing. */
export const PROSODY = '/usr/bin/prosody';
export const PROSODYCTL = '/usr/bin/prosodyctl';

/** Why the XMPP tests are skipped here, or `false` when Prosody is installed. */
export const skipWithoutProsody: string | false = existsSync(PROSODY) && existsSync(PROSODYCTL) ? false : `Prosody is not installed (${PROSODY}): \`apt-get install prosody\` to run the XMPP tests`;

/** The largest upload the test server accepts (bytes). */
export const UPLOAD_LIMIT = 1_000_000;

/** A Prosody this test started. */
export interface TestProsody {
  /** The XMPP domain, e.g. `localhost`. */
  readonly domain: string;
  /** The MUC service, e.g. `conference.localhost`. */
  readonly muc: string;
  /** The XEP-0363 upload service, e.g. `upload.localhost`. */
  readonly upload: string;
  /** The loopback port of HTTP (WebSocket at `/xmpp-websocket`, file share). */
  readonly httpPort: number;
  /** Its folder (config, data, pid file, log), removed by `stop()`. */
  readonly folder: string;
  /** The WebSocket URL through `port` (the HTTP port itself unless a proxy sits in front). */
  websocketUrl(port?: number): string;
  /** Creates a user (`prosodyctl register`). */
  register(user: string, password: string): Promise<void>;
  /** Prosody's log so far (info and above), to explain a failure. */
  readLog(): Promise<string>;
  /** Ends this Prosody (by its pid) and removes its folder. */
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

function config(dir: string, domain: string, c2sPort: number, httpPort: number): string {
  return `-- Test-only: plain auth without TLS on loopback. Never use this in production.
pidfile = "${dir}/prosody.pid"
data_path = "${dir}/data"
log = { info = "${dir}/prosody.log" }
interfaces = { "127.0.0.1" }
c2s_ports = { ${c2sPort} }
c2s_interfaces = { "127.0.0.1" }
http_ports = { ${httpPort} }
http_interfaces = { "127.0.0.1" }
https_ports = {}
https_interfaces = {}
http_host = "${domain}"
http_default_host = "${domain}"
http_external_url = "http://127.0.0.1:${httpPort}/"
modules_enabled = { "roster"; "saslauth"; "disco"; "ping"; "carbons"; "mam"; "smacks"; "websocket"; "offline" }
modules_disabled = { "s2s"; "tls" }
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
consider_websocket_secure = true
authentication = "internal_hashed"
storage = "internal"
smacks_max_queue_size = 2000
-- Short, so a test can outlast it and see a session that cannot be resumed.
smacks_hibernation_time = 3

VirtualHost "${domain}"

Component "conference.${domain}" "muc"
  modules_enabled = { "muc_mam" }
  muc_room_default_persistent = true
  muc_log_include_total = true

Component "upload.${domain}" "http_file_share"
  http_file_share_size_limit = ${UPLOAD_LIMIT}
`;
}

/** Resolves once 127.0.0.1:`port` accepts a connection; throws once Prosody has exited or after `timeoutMs`. */
async function waitForPort(port: number, child: ChildProcess, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`Prosody exited (${child.exitCode ?? child.signalCode}) before listening on ${port}.`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ port, host: '127.0.0.1' }, () => (socket.destroy(), resolve(true)));
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`Prosody did not listen on ${port} within ${timeoutMs} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const isRoot = process.getuid?.() === 0;

/** Prosody refuses to run as root: as root, run it (and prosodyctl) as the `prosody` user. */
function asProsodyUser(command: string, args: string[]): [string, string[]] {
  return isRoot ? ['runuser', ['-u', 'prosody', '--', command, ...args]] : [command, args];
}

/** Whether the `prosody` user may enter `dir` (search permission on it and every folder above it). */
function canProsodyEnter(dir: string): boolean {
  return spawnSync('runuser', ['-u', 'prosody', '--', 'test', '-x', dir]).status === 0;
}

/**
 * A new folder for one Prosody, which it can read and write. As root, Prosody runs as the
 * `prosody` user, so the folder goes under `TMPDIR` only if that user can enter it (a `TMPDIR`
 * only root can enter is common in sandboxes), else under `/tmp`; it is then handed to `prosody`.
 */
async function makeProsodyFolder(): Promise<string> {
  const bases = isRoot ? [tmpdir(), '/tmp'].filter(canProsodyEnter) : [tmpdir()];
  if (bases.length === 0) throw new Error(`The prosody user can enter neither ${tmpdir()} nor /tmp: no place for the test Prosody's folder.`);
  const dir = await mkdtemp(join(bases[0]!, 'chatdrop-prosody-'));
  await mkdir(join(dir, 'data'));
  return dir;
}

/** Gives `dir` to the `prosody` user (as root), readable by all, so Prosody can read its config and write its data. */
async function handToProsody(dir: string): Promise<void> {
  if (!isRoot) return;
  const chown = spawnSync('chown', ['-R', 'prosody:prosody', dir], { encoding: 'utf8' });
  if (chown.status !== 0) throw new Error(`chown -R prosody:prosody ${dir} failed (${chown.status}): ${chown.stderr}`);
  await chmod(dir, 0o755);
}

/** Ends `child` (SIGTERM, SIGKILL after 5 s) and waits until it has exited. */
async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  // runuser forwards SIGTERM to Prosody, which shuts down and exits.
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** Starts a Prosody on free loopback ports with a temporary config and data folder. */
export async function startProsody(domain = 'localhost'): Promise<TestProsody> {
  const dir = await makeProsodyFolder();
  const [c2sPort, httpPort] = [await freePort(), await freePort()];
  const cfg = join(dir, 'prosody.cfg.lua');
  const log = join(dir, 'prosody.log');
  const readLog = () => readFile(log, 'utf8').catch(() => '(no log)');
  let child: ChildProcess | undefined;
  let exited = Promise.resolve();
  // What Prosody prints itself (a config it cannot find or read goes to stdout, not to its log).
  let output = '';
  try {
    await writeFile(cfg, config(dir, domain, c2sPort, httpPort));
    await handToProsody(dir);
    const [command, args] = asProsodyUser(PROSODY, ['-F', '--config', cfg]);
    const started = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    exited = new Promise<void>((resolve) => started.once('exit', () => resolve()));
    const collect = (chunk: Buffer) => (output += chunk.toString());
    started.stdout?.on('data', collect);
    started.stderr?.on('data', collect);
    await waitForPort(httpPort, started);
    await waitForPort(c2sPort, started);
  } catch (error) {
    if (child) await stopChild(child, exited);
    const why = `${(error as Error).message}\nProsody's folder: ${dir}\nIts log:\n${await readLog()}\nIts output:\n${output.trim() || '(none)'}`;
    await rm(dir, { recursive: true, force: true });
    throw new Error(why, { cause: error });
  }
  const running = child;
  return {
    domain,
    muc: `conference.${domain}`,
    upload: `upload.${domain}`,
    httpPort,
    folder: dir,
    websocketUrl: (port = httpPort) => `ws://127.0.0.1:${port}/xmpp-websocket`,
    readLog,
    async register(user, password) {
      const [ctl, ctlArgs] = asProsodyUser(PROSODYCTL, ['--config', cfg, 'register', user, domain, password]);
      const result = spawnSync(ctl, ctlArgs, { encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`prosodyctl register ${user} failed (${result.status}): ${result.stderr}${result.stdout}`);
    },
    async stop() {
      await stopChild(running, exited);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
