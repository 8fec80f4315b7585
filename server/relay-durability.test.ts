import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { describe, test, type TestContext } from 'node:test';
import type { ChatMessage } from '../src/model/message.ts';
import type { ServerFrame } from '../src/transport/protocol.ts';
import { PROJECT_ROOT, type RunningServer } from './app.ts';
import { joinRoom, makeTempDir, startTestServer, textMessage } from './test-helpers.ts';

/**
 * `npm start` as a child process on a free port (killed after the test if still running). Not
 * `scripts/server-process.mjs`: its `stop` waits for an exit a killed process has already made.
 */
async function startChild(t: TestContext, dataDir: string): Promise<{ child: ChildProcess; server: RunningServer; exited: Promise<NodeJS.Signals | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  t.after(() => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in 20 s: ${output}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
  });
  const server: RunningServer = { url: `http://127.0.0.1:${port}`, port, close: async () => void child.kill('SIGTERM') };
  return { child, server, exited };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('relay durability', { timeout: 60_000 }, () => {
  test('a server killed with SIGKILL mid-burst loses no acknowledged message', async (t) => {
    const dataDir = await makeTempDir(t);
    const first = await startChild(t, dataDir);
    const alice = await joinRoom(t, first.server, 'burst', 'alice');
    const sent: ChatMessage[] = [];
    const acked = new Map<string, number>();
    alice.client.socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as ServerFrame;
      if (frame.type === 'ack') acked.set(frame.id, frame.seq);
    });
    // 50 messages every 2 ms once the first is acked, about as fast as the relay stores them (and
    // within its burst allowance); the kill follows the 300th at once, while earlier ones are still
    // being written.
    for (let group = 0; group < 6; group++) {
      if (group === 1) await alice.client.take('ack');
      else if (group > 1) await sleep(2);
      for (let index = 0; index < 50; index++) {
        const message = textMessage('burst', 'alice', `message ${sent.length + 1}`);
        sent.push(message);
        alice.client.send({ type: 'send', message });
      }
    }
    first.child.kill('SIGKILL');
    assert.equal(await first.exited, 'SIGKILL');
    await alice.client.closed;
    assert.ok(acked.size > 0 && acked.size < sent.length, `killed mid-burst: ${acked.size} of ${sent.length} sent were acked`);

    const second = await startChild(t, dataDir);
    const bob = await joinRoom(t, second.server, 'burst', 'bob', 0);
    const stored = new Map(bob.joined.messages.map((message) => [message.id, message.seq]));
    const lost = [...acked].filter(([id, seq]) => stored.get(id) !== seq);
    assert.deepEqual(lost, [], `${lost.length} of ${acked.size} acknowledged messages are missing or renumbered after the restart`);
    assert.deepEqual(bob.joined.messages.map((message) => message.seq), bob.joined.messages.map((_, index) => index + 1), 'seqs 1..n without gaps');
    assert.ok(bob.joined.messages.every((message) => sent.some((item) => item.id === message.id && item.text === message.text)), 'only what was sent');
    t.diagnostic(`${sent.length} sent, ${acked.size} acked before the kill, ${stored.size} stored after the restart`);
  });

  test('keeps history across a server restart on the same data folder', async (t) => {
    const dataDir = await makeTempDir(t);
    const first = await startTestServer(t, { dataDir });
    const alice = await joinRoom(t, first, 'durable room', 'alice');
    const sent = Array.from({ length: 3 }, (_, index) => textMessage('durable room', 'alice', `before restart ${index}`));
    for (const message of sent) alice.client.send({ type: 'send', message });
    await alice.client.take('ack', (ack) => ack.seq === 3);
    await first.close();

    const second = await startTestServer(t, { dataDir });
    const bob = await joinRoom(t, second, 'durable room', 'bob');
    assert.deepEqual(bob.joined.messages.map((message) => [message.id, message.seq, message.text]), sent.map((message, index) => [message.id, index + 1, message.text]));
    const again = await joinRoom(t, second, 'durable room', 'alice');
    again.client.send({ type: 'send', message: sent[0] });
    assert.deepEqual(await again.client.take('ack'), { type: 'ack', id: sent[0]!.id, seq: 1 }, 'a resend after the restart gets the original ack');
    const next = textMessage('durable room', 'alice', 'after restart');
    again.client.send({ type: 'send', message: next });
    assert.equal((await again.client.take('ack')).seq, 4);
    assert.equal((await bob.client.take('message')).message.seq, 4);
  });

  test('2,000 joins and leaves of new rooms leave no descriptor open', async (t) => {
    // One user joining as fast as it can: the per-user and per-address rates are not what this measures.
    const unlimited = { perSecond: 1_000_000, burst: 1_000_000 };
    const server = await startTestServer(t, { limits: { userRate: unlimited, addressRate: unlimited } });
    const openDescriptors = async () => (await readdir('/proc/self/fd')).length;
    const visit = async (room: string) => {
      const { client } = await joinRoom(t, server, room, 'alice');
      client.send({ type: 'send', message: textMessage(room, 'alice', 'hello') });
      await client.take('ack');
      client.socket.close();
      await client.closed;
    };
    await visit('warm-up');
    await sleep(100);
    const before = await openDescriptors();
    for (let index = 0; index < 2000; index++) await visit(`room ${index}`);
    await sleep(200);
    const after = await openDescriptors();
    assert.ok(after - before <= 5, `open descriptors went from ${before} to ${after} over 2,000 rooms`);
    t.diagnostic(`open descriptors: ${before} before, ${after} after 2,000 rooms`);
  });
});
