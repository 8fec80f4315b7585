import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { createTokenBucket } from './rate-limit.ts';
import type { ServerFrame } from '../src/transport/protocol.ts';
import { connect, joinRoom, startTestServer, textMessage, type TestClient } from './test-helpers.ts';

/** The ack or the refusal of message `id`, taken from the client's queue (waits up to 5 s). */
async function answerTo(client: TestClient, id: string): Promise<ServerFrame> {
  for (const started = Date.now(); Date.now() - started < 5000; await new Promise((resolve) => setTimeout(resolve, 5))) {
    const at = client.pending.findIndex((frame) => (frame.type === 'ack' || frame.type === 'error') && frame.id === id);
    if (at >= 0) return client.pending.splice(at, 1)[0]!;
  }
  throw new Error(`no answer to ${id} within 5 s`);
}

describe('relay limits and heartbeat', { timeout: 30_000 }, () => {
  test('answers ping with pong, before and after joining', async (t) => {
    const server = await startTestServer(t);
    const client = await connect(t, server);
    client.send({ type: 'ping' });
    assert.deepEqual(await client.take('pong'), { type: 'pong' });
    client.send({ type: 'join', room: 'room', user: { id: 'alice' } });
    await client.take('joined');
    client.send({ type: 'ping' });
    assert.deepEqual(await client.take('pong'), { type: 'pong' });
    client.send({ type: 'ping', extra: 'ignored' });
    await client.take('pong');
  });

  test('a token bucket spends its burst, then refills at its rate', () => {
    let now = 0;
    const bucket = createTokenBucket({ perSecond: 10, burst: 3 }, () => now);
    assert.deepEqual([bucket.take(), bucket.take(), bucket.take()], [0, 0, 0]);
    assert.equal(bucket.take(), 100, 'one token every 100 ms');
    now = 40;
    assert.equal(bucket.take(), 60);
    now = 100;
    assert.equal(bucket.take(), 0);
    now = 10_000;
    assert.deepEqual([bucket.take(), bucket.take(), bucket.take(), bucket.take()], [0, 0, 0, 100], 'never holds more than the burst');
  });

  test('refuses sends and pings over the rate limit with retryAfterMs, and stores none of the refused sends', async (t) => {
    const server = await startTestServer(t, { rateLimit: { perSecond: 2, burst: 4 } });
    const alice = await joinRoom(t, server, 'room', 'alice');
    const bob = await joinRoom(t, server, 'room', 'bob');
    const sent = Array.from({ length: 8 }, (_, index) => textMessage('room', 'alice', `m${index}`));
    for (const message of sent) alice.client.send({ type: 'send', message });
    for (let index = 0; index < 3; index++) alice.client.send({ type: 'ping' });
    const acked = await Promise.all(sent.slice(0, 3).map((message) => alice.client.take('ack', (ack) => ack.id === message.id)));
    assert.deepEqual(acked.map((ack) => ack.seq), [1, 2, 3], 'the join took one token of the burst of 4');
    for (const message of sent.slice(3)) {
      const refused = await alice.client.take('error', (error) => error.id === message.id);
      assert.match(refused.reason, /Too many/);
      assert.ok(typeof refused.retryAfterMs === 'number' && refused.retryAfterMs > 0 && refused.retryAfterMs <= 500, `retryAfterMs ${refused.retryAfterMs}`);
    }
    for (let index = 0; index < 3; index++) assert.ok(((await alice.client.take('error', (error) => error.id === undefined)).retryAfterMs ?? 0) > 0, 'pings count');
    assert.equal(alice.client.pending.filter((frame) => frame.type === 'pong').length, 0);
    const late = await joinRoom(t, server, 'room', 'carol');
    assert.deepEqual(late.joined.messages.map((message) => message.id), sent.slice(0, 3).map((message) => message.id), 'refused sends were not stored');
    await new Promise((resolve) => setTimeout(resolve, 550));
    alice.client.send({ type: 'send', message: sent[3] });
    assert.deepEqual(await alice.client.take('ack'), { type: 'ack', id: sent[3]!.id, seq: 4 }, 'sent again after the wait, it is stored');
    await new Promise((resolve) => setTimeout(resolve, 550));
    alice.client.send({ type: 'ping' });
    await alice.client.take('pong');
    const relayed = [];
    for (let index = 0; index < 4; index++) relayed.push((await bob.client.take('message')).message.seq);
    assert.deepEqual(relayed, [1, 2, 3, 4]);
    assert.equal(bob.client.pending.length, 0);
  });

  test('a message refused for the rate is not overtaken by the ones sent after it: they wait until it comes again', async (t) => {
    // 10 a second: a refusal's wait (a few ms) ends before the next message, 5 ms later, arrives.
    const server = await startTestServer(t, { rateLimit: { perSecond: 100, burst: 3 } });
    const alice = await joinRoom(t, server, 'room', 'alice');
    const bob = await joinRoom(t, server, 'room', 'bob');
    const sent = Array.from({ length: 10 }, (_, index) => textMessage('room', 'alice', `m${index}`));
    let toSend = sent;
    for (let round = 0; round < 20 && toSend.length > 0; round++) {
      // As the outbox does: everything not yet stored goes again, in order, after the wait asked for.
      for (const message of toSend) {
        alice.client.send({ type: 'send', message });
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const answers = await Promise.all(toSend.map((message) => answerTo(alice.client, message.id)));
      toSend = toSend.filter((_, index) => answers[index]!.type === 'error');
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    assert.deepEqual(toSend, [], 'everything was stored in the end');
    const relayed = [];
    for (let index = 0; index < sent.length; index++) relayed.push((await bob.client.take('message')).message.text);
    assert.deepEqual(relayed, sent.map((message) => message.text), 'in the order sent');
  });

  test('limits each connection on its own', async (t) => {
    const server = await startTestServer(t, { rateLimit: { perSecond: 1, burst: 2 } });
    const alice = await joinRoom(t, server, 'room', 'alice');
    alice.client.send({ type: 'send', message: textMessage('room', 'alice', 'one') });
    await alice.client.take('ack');
    alice.client.send({ type: 'send', message: textMessage('room', 'alice', 'two') });
    assert.ok(((await alice.client.take('error')).retryAfterMs ?? 0) > 0);
    const bob = await joinRoom(t, server, 'room', 'bob');
    bob.client.send({ type: 'send', message: textMessage('room', 'bob', 'mine') });
    assert.equal((await bob.client.take('ack')).seq, 2);
  });

  test('never fetches a URL it reads in a message', async (t) => {
    const hits: string[] = [];
    const bait = createServer((request, response) => {
      hits.push(request.url ?? '');
      response.end('x');
    });
    await new Promise<void>((resolve) => bait.listen(0, '127.0.0.1', resolve));
    t.after(() => new Promise<void>((resolve) => bait.close(() => resolve())));
    const base = `http://127.0.0.1:${(bait.address() as AddressInfo).port}`;
    const server = await startTestServer(t);
    const alice = await joinRoom(t, server, 'room', 'alice');
    const bob = await joinRoom(t, server, 'room', 'bob');
    const message = {
      ...textMessage('room', 'alice', `look at ${base}/text`),
      attachments: [{ url: `${base}/file`, name: 'a.png', size: 10, mime: 'image/png', thumbnail: 'data:image/png;base64,iVBORw0KGgo=' }],
      sender: { id: 'alice', avatar: `${base}/avatar` },
    };
    alice.client.send({ type: 'send', message });
    await alice.client.take('ack');
    await bob.client.take('message');
    await joinRoom(t, server, 'room', 'carol');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(hits, []);
  });
});
