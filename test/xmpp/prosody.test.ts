/**
 * The test Prosody itself: it must start wherever the tests run (also with a `TMPDIR` the
 * `prosody` user cannot enter), say why when it cannot, and leave nothing behind.
 */
import { client as xmppClient } from '@xmpp/client';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { eventually, PASSWORD } from './harness.ts';
import { skipWithoutProsody, startProsody } from './prosody.ts';

const skipUnlessRoot = process.getuid?.() === 0 ? false : 'only as root does Prosody run as another user (prosody), who may not enter TMPDIR';

/** Points `TMPDIR` at a new folder only root can enter, until the test ends. */
async function useRootOnlyTmpdir(t: TestContext): Promise<string> {
  const rootOnly = await mkdtemp(join(tmpdir(), 'chatdrop-root-only-'));
  await chmod(rootOnly, 0o700);
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = rootOnly;
  t.after(async () => {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    await rm(rootOnly, { recursive: true, force: true });
  });
  return rootOnly;
}

/** Whether a process with this pid still runs. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

describe('the test Prosody', { skip: skipWithoutProsody }, () => {
  it('starts and lets a user log in when TMPDIR is a folder only root can enter', { skip: skipUnlessRoot }, async (t) => {
    await useRootOnlyTmpdir(t);
    const prosody = await startProsody();
    t.after(() => prosody.stop());
    await prosody.register('alice', PASSWORD);
    const client = xmppClient({ service: prosody.websocketUrl(), domain: prosody.domain, username: 'alice', password: PASSWORD });
    client.on('error', () => undefined);
    await client.start();
    assert.equal(client.jid?.bare().toString(), `alice@${prosody.domain}`);
    await client.stop();
  });

  it('ends its own process and removes its folder when stopped', async () => {
    const prosody = await startProsody();
    const pidFile = join(prosody.folder, 'prosody.pid');
    const pid = Number(await eventually('the pid file', async () => existsSync(pidFile) && (await readFile(pidFile, 'utf8')).trim()));
    assert.ok(isRunning(pid), `Prosody (pid ${pid}) runs before stop()`);
    await prosody.stop();
    assert.equal(existsSync(prosody.folder), false, 'its folder is gone');
    await eventually(`pid ${pid} to end`, () => !isRunning(pid), 5000);
  });

  it('says why when it cannot start: the error carries what Prosody printed', async () => {
    // A quote in the domain breaks the Lua config: Prosody prints the parse error and exits.
    await assert.rejects(startProsody('broken"domain'), (error: Error) => {
      assert.match(error.message, /exited \(1\) before listening/);
      assert.match(error.message, /unfinished string/, 'the message holds what Prosody said');
      return true;
    });
  });
});
