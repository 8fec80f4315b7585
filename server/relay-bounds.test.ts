import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { describe, test, type TestContext } from 'node:test';
import WebSocket from 'ws';
// @ts-expect-error: a plain JavaScript module shared with the benchmarks
import { startServerProcess } from '../scripts/server-process.mjs';
import { pageFrame } from './limits.ts';
import { createBucketMap } from './rate-limit.ts';
import { connect, joinRoom, makeTempDir, startFlood, startTestServer, textMessage, type TestClient } from './test-helpers.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Open descriptors of a process. */
async function descriptors(pid: number): Promise<number> {
  return (await readdir(`/proc/${pid}/fd`)).length;
}

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]) / 1024;
}

/** Sends `count` pings and counts the pongs and refusals that come back within a short wait. */
async function pingAndCount(client: TestClient, count: number): Promise<{ pongs: number; refused: number }> {
  for (let index = 0; index < count; index++) client.send({ type: 'ping' });
  await sleep(300);
  const pongs = client.pending.filter((frame) => frame.type === 'pong').length;
  const refused = client.pending.filter((frame) => frame.type === 'error' && (frame.retryAfterMs ?? 0) > 0).length;
  client.pending.length = 0;
  return { pongs, refused };
}

/** Starts the server as its own process (so its memory and descriptors are its own), stopped after the test. */
async function startChild(t: TestContext, env: Record<string, string>): Promise<{ url: string; pid: number }> {
  const server = await startServerProcess({ dataDir: await makeTempDir(t), env });
  t.after(() => server.stop());
  return server;
}

describe('relay bounds', { timeout: 60_000 }, () => {
  test('rate buckets of idle users, addresses and rooms are forgotten', () => {
    let now = 0;
    const buckets = createBucketMap({ perSecond: 10, burst: 20 }, () => now);
    for (let index = 0; index < 100; index++) buckets.take(`room-${index}`);
    now = 1000;
    buckets.take('busy');
    buckets.prune();
    assert.equal(buckets.size, 101, 'not yet refilled');
    now = 2000;
    buckets.prune();
    assert.equal(buckets.size, 1, 'only the one used within a refill is kept');
  });

  test('a history page is bounded in bytes, keeping the newest messages (or the oldest after a seq)', async (t) => {
    // About 2 030 bytes of JSON each: four fit in 8 500 bytes, five do not.
    const big = 'x'.repeat(1900);
    const server = await startTestServer(t, { limits: { historyPageBytes: 8500 } });
    const alice = await joinRoom(t, server, 'room', 'alice');
    for (let index = 0; index < 12; index++) {
      alice.client.send({ type: 'send', message: textMessage('room', 'alice', `${index} ${big}`) });
      await alice.client.take('ack');
    }
    const late = await joinRoom(t, server, 'room', 'bob');
    const seqs = late.joined.messages.map((message) => message.seq);
    assert.deepEqual(seqs, [9, 10, 11, 12], 'the newest that fit in 8 500 bytes');
    late.client.send({ type: 'history', requestId: 'up', after: 2, limit: 500 });
    assert.deepEqual((await late.client.take('history')).messages.map((message) => message.seq), [3, 4, 5, 6]);
    late.client.send({ type: 'history', requestId: 'back', before: 9, limit: 500 });
    assert.deepEqual((await late.client.take('history')).messages.map((message) => message.seq), [5, 6, 7, 8]);
    assert.deepEqual(pageFrame({ type: 'history' }, [1, 2, 3], 0, 'newest').kept, [3], 'one message is always kept, so paging moves on');
  });

  test('limits frames per address across sockets, pings included; another address is not slowed', async (t) => {
    const server = await startTestServer(t, { limits: { addressRate: { perSecond: 1, burst: 10 } } });
    const clients = await Promise.all(Array.from({ length: 4 }, () => connect(t, server)));
    const counts = await Promise.all(clients.map((client) => pingAndCount(client, 5)));
    assert.equal(counts.reduce((sum, count) => sum + count.pongs, 0), 10, `pongs ${JSON.stringify(counts)}`);
    assert.equal(counts.reduce((sum, count) => sum + count.refused, 0), 10);
    const other = await connect(t, server, { localAddress: '127.0.0.2' });
    assert.deepEqual(await pingAndCount(other, 5), { pongs: 5, refused: 0 });
  });

  test('limits frames per user across sockets; another user is not slowed', async (t) => {
    const server = await startTestServer(t, { limits: { userRate: { perSecond: 1, burst: 8 } } });
    const first = await joinRoom(t, server, 'room', 'alice');
    const second = await joinRoom(t, server, 'other-room', 'alice');
    const counts = [await pingAndCount(first.client, 5), await pingAndCount(second.client, 5)];
    assert.equal(counts[0]!.pongs + counts[1]!.pongs, 8, JSON.stringify(counts));
    const bob = await joinRoom(t, server, 'room', 'bob');
    assert.deepEqual(await pingAndCount(bob.client, 5), { pongs: 5, refused: 0 });
  });

  test('a room flooded by 40 sockets for 2 s does not slow another room: p95 < 50 ms', async (t) => {
    const server = await startChild(t, {});
    const sender = await joinRoom(t, server, 'quiet', 'alice', undefined, { localAddress: '127.0.0.2' });
    const receiver = await joinRoom(t, server, 'quiet', 'bob', undefined, { localAddress: '127.0.0.3' });
    // Measured from the flood's first burst (its first messages take the room's whole burst of
    // tokens and fan out to 40 members) to its end: a message every 30 ms, 60 in all.
    const flood = await startFlood(server.url, 40, 2000);
    const latencies: number[] = [];
    for (let index = 0; index < 60; index++) {
      const message = textMessage('quiet', 'alice', `quiet ${index}`);
      const started = performance.now();
      sender.client.send({ type: 'send', message });
      await receiver.client.take('message', (frame) => frame.message.id === message.id, 5000);
      latencies.push(performance.now() - started);
      sender.client.pending.length = 0;
      await sleep(30);
    }
    const inOrder = latencies.map((ms) => ms.toFixed(0)).join(' ');
    const totals = await flood.done;
    assert.ok(totals.sent > 1000 && totals.acked > 100, `the flood ran: ${JSON.stringify(totals)}`);
    latencies.sort((a, b) => a - b);
    const p95 = latencies[Math.ceil(latencies.length * 0.95) - 1]!;
    assert.ok(p95 < 50, `p95 ${p95.toFixed(1)} ms; in order ${inOrder}`);
  });

  test("a member who joins while a busy room's broadcasts wait for their turn gets each message once", async (t) => {
    const server = await startTestServer(t);
    const members = await Promise.all(Array.from({ length: 40 }, (_, index) => joinRoom(t, server, 'busy', `member-${index}`)));
    const alice = await joinRoom(t, server, 'busy', 'alice');
    const carol = await connect(t, server);
    // 300 messages to 41 members: about 12,000 sends, fanned out over a dozen turns of the event loop.
    for (let index = 0; index < 300; index++) alice.client.send({ type: 'send', message: textMessage('busy', 'alice', `busy ${index}`) });
    await alice.client.take('ack');
    carol.send({ type: 'join', room: 'busy', user: { id: 'carol' } });
    const { messages: page } = await carol.take('joined');
    await members[0]!.client.take('message', (frame) => frame.message.text === 'busy 299', 10_000);
    await sleep(200);
    const broadcasts = carol.pending.flatMap((frame) => (frame.type === 'message' ? [frame.message.id] : []));
    const seen = [...page.map((message) => message.id), ...broadcasts];
    assert.ok(page.length > 0, 'the history page held messages');
    assert.equal(new Set(seen).size, seen.length, `no message twice (page ${page.length}, broadcasts ${broadcasts.length})`);
  });

  test('sockets that stop reading are dropped within seconds, and the server stays within 200 MB of its baseline', async (t) => {
    const server = await startChild(t, { WS_SLOW_READER_MS: '2000' });
    const writer = await joinRoom(t, server, 'room', 'writer');
    for (let index = 0; index < 70; index++) {
      writer.client.send({ type: 'send', message: textMessage('room', 'writer', `${index} ${'y'.repeat(1990)}`) });
      await writer.client.take('ack');
    }
    await sleep(300);
    const baselineFds = await descriptors(server.pid);
    const baselineMb = await rssMb(server.pid);
    const readers = await Promise.all(Array.from({ length: 30 }, (_, index) => joinRoom(t, server, 'room', `reader-${index}`)));
    const sockets = readers.map(({ client }) => client.socket as WebSocket & { _socket: import('node:net').Socket });
    sockets.forEach((socket) => socket._socket.pause());
    const started = performance.now();
    // Each reader asks for history pages it never reads, 140 KB each.
    for (let round = 0; round < 40; round++) {
      sockets.forEach((socket, index) => socket.readyState === socket.OPEN && socket.send(JSON.stringify({ type: 'history', requestId: `${index}-${round}`, before: 71, limit: 500 })));
      await sleep(25);
    }
    let peakMb = 0;
    let droppedMs = Number.POSITIVE_INFINITY;
    const seen: number[] = [];
    while (performance.now() - started < 10_000) {
      peakMb = Math.max(peakMb, await rssMb(server.pid));
      seen.push(await descriptors(server.pid));
      if (seen.at(-1)! <= baselineFds + 1) {
        droppedMs = performance.now() - started;
        break;
      }
      await sleep(100);
    }
    assert.ok(droppedMs < 6000, `descriptors back to baseline (${baselineFds}) after ${droppedMs} ms (readers dropped): ${seen.join(' ')}`);
    assert.ok(peakMb - baselineMb < 200, `RSS ${baselineMb.toFixed(0)} → peak ${peakMb.toFixed(0)} MB`);
    writer.client.send({ type: 'ping' });
    await writer.client.take('pong');
  });
});
