import Fastify from 'fastify';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import WebSocket from 'ws';
import { relayRoutes } from './relay.ts';
import { openSqliteHistory } from './sqlite-history.ts';
import { connect, joinRoom, makeTempDir, startTestServer, textMessage } from './test-helpers.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('WebSocket relay', { timeout: 30_000 }, () => {
  test('relays 50 messages in order with seq 1..50 and acks each one', async (t) => {
    const server = await startTestServer(t);
    const alice = await joinRoom(t, server, 'room-1', 'alice');
    const bob = await joinRoom(t, server, 'room-1', 'bob');
    const sent = Array.from({ length: 50 }, (_, index) => textMessage('room-1', 'alice', `hello ${index}`));
    for (const message of sent) alice.client.send({ type: 'send', message });
    for (const [index, message] of sent.entries()) {
      const received = await bob.client.take('message');
      assert.equal(received.message.id, message.id);
      assert.equal(received.message.text, message.text);
      assert.equal(received.message.seq, index + 1);
    }
    for (const [index, message] of sent.entries()) {
      assert.deepEqual(await alice.client.take('ack', (ack) => ack.id === message.id), { type: 'ack', id: message.id, seq: index + 1 });
    }
    assert.equal(alice.client.pending.filter((frame) => frame.type === 'message').length, 0, 'the sender does not get its own messages back');
  });

  test('answers a repeated id with the original ack and relays it once', async (t) => {
    const server = await startTestServer(t);
    const alice = await joinRoom(t, server, 'room', 'alice');
    const bob = await joinRoom(t, server, 'room', 'bob');
    const first = textMessage('room', 'alice', 'once');
    alice.client.send({ type: 'send', message: first });
    assert.equal((await alice.client.take('ack')).seq, 1);
    assert.equal((await bob.client.take('message')).message.id, first.id);
    alice.client.send({ type: 'send', message: { ...first, text: 'changed' } });
    assert.deepEqual(await alice.client.take('ack'), { type: 'ack', id: first.id, seq: 1 });
    const next = textMessage('room', 'alice', 'next');
    alice.client.send({ type: 'send', message: next });
    assert.equal((await alice.client.take('ack')).seq, 2);
    const relayed = await bob.client.take('message');
    assert.equal(relayed.message.id, next.id, 'the repeat was not relayed again');
    assert.equal(relayed.message.seq, 2);
  });

  test('refuses invalid messages and frames with an error and keeps the socket open', async (t) => {
    const server = await startTestServer(t);
    const alice = await joinRoom(t, server, 'room', 'alice');
    alice.client.send({ type: 'send', message: { id: 'bad-1', room: 'room', sender: { id: 'alice' }, createdAt: 1 } });
    const refused = await alice.client.take('error');
    assert.equal(refused.id, 'bad-1');
    assert.match(refused.reason, /text or a file/);
    alice.client.send({ type: 'send', message: { ...textMessage('room', 'alice', 'x', 'bad-2'), attachments: [{ url: 'https://x/y', name: 'a', size: -1, mime: 'text/plain' }] } });
    assert.equal((await alice.client.take('error')).id, 'bad-2');
    alice.client.send('not json {');
    assert.match((await alice.client.take('error')).reason, /JSON/);
    alice.client.send({ type: 'shout', text: 'hi' });
    assert.match((await alice.client.take('error')).reason, /Unknown frame/);
    alice.client.send({ type: 'history', requestId: 'h1', limit: -3 });
    assert.equal((await alice.client.take('error')).requestId, 'h1');
    const polluting = JSON.stringify({ type: 'send', message: textMessage('room', 'alice', 'p') }).replace('{', '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"isAdmin":true}},');
    alice.client.send(polluting);
    await alice.client.take('ack');
    assert.equal(({} as { isAdmin?: boolean }).isAdmin, undefined);
    const good = textMessage('room', 'alice', 'still here');
    alice.client.send({ type: 'send', message: good });
    assert.equal((await alice.client.take('ack')).id, good.id);
  });

  test('refuses a message whose sender is not the joined user, or for another room', async (t) => {
    const server = await startTestServer(t);
    const alice = await joinRoom(t, server, 'room', 'alice');
    const bob = await joinRoom(t, server, 'room', 'bob');
    const forged = textMessage('room', 'bob', 'I am bob');
    alice.client.send({ type: 'send', message: forged });
    const error = await alice.client.take('error');
    assert.equal(error.id, forged.id);
    assert.match(error.reason, /sender/);
    const elsewhere = textMessage('other-room', 'alice', 'hi');
    alice.client.send({ type: 'send', message: elsewhere });
    assert.equal((await alice.client.take('error')).id, elsewhere.id);
    const honest = textMessage('room', 'alice', 'hi');
    alice.client.send({ type: 'send', message: honest });
    assert.equal((await bob.client.take('message')).message.id, honest.id, 'bob gets only the honest message');
    assert.equal((await alice.client.take('ack')).seq, 1);
  });

  test('refuses a message from another sender reusing a stored id', async (t) => {
    const server = await startTestServer(t);
    const alice = await joinRoom(t, server, 'room', 'alice');
    const bob = await joinRoom(t, server, 'room', 'bob');
    const original = textMessage('room', 'alice', 'mine');
    alice.client.send({ type: 'send', message: original });
    await alice.client.take('ack');
    bob.client.send({ type: 'send', message: { ...original, sender: { id: 'bob' } } });
    assert.equal((await bob.client.take('error')).id, original.id);
  });

  test('asks for a join before anything else, and only one', async (t) => {
    const server = await startTestServer(t);
    const client = await connect(t, server);
    client.send({ type: 'send', message: textMessage('room', 'alice', 'early') });
    assert.match((await client.take('error')).reason, /Join/);
    client.send({ type: 'join', room: 'room', user: { id: 'alice' } });
    await client.take('joined');
    client.send({ type: 'join', room: 'other', user: { id: 'alice' } });
    assert.match((await client.take('error')).reason, /already joined/);
  });

  test('gives a client that joins later the history, or what came after a seq', async (t) => {
    const server = await startTestServer(t);
    const alice = await joinRoom(t, server, 'room', 'alice');
    const sent = Array.from({ length: 5 }, (_, index) => textMessage('room', 'alice', `m${index}`));
    for (const message of sent) alice.client.send({ type: 'send', message });
    await alice.client.take('ack', (ack) => ack.seq === 5);
    const late = await joinRoom(t, server, 'room', 'carol');
    assert.equal(late.joined.room, 'room');
    assert.deepEqual(late.joined.messages.map((message) => [message.id, message.seq]), sent.map((message, index) => [message.id, index + 1]));
    const resumed = await joinRoom(t, server, 'room', 'dave', 3);
    assert.deepEqual(resumed.joined.messages.map((message) => message.seq), [4, 5]);
    const elsewhere = await joinRoom(t, server, 'another room', 'erin');
    assert.deepEqual(elsewhere.joined.messages, []);
  });

  test('answers history requests by seq, capped at one page', async (t) => {
    const server = await startTestServer(t);
    const alice = await joinRoom(t, server, 'room', 'alice');
    for (let index = 0; index < 10; index++) alice.client.send({ type: 'send', message: textMessage('room', 'alice', `m${index}`) });
    await alice.client.take('ack', (ack) => ack.seq === 10);
    const page = async (query: object): Promise<number[]> => {
      const requestId = crypto.randomUUID();
      alice.client.send({ type: 'history', requestId, ...query });
      return (await alice.client.take('history', (frame) => frame.requestId === requestId)).messages.map((message) => message.seq ?? 0);
    };
    assert.deepEqual(await page({ before: 8, limit: 3 }), [5, 6, 7]);
    assert.deepEqual(await page({ after: 7 }), [8, 9, 10]);
    assert.deepEqual(await page({ after: 2, before: 6, limit: 10 }), [3, 4, 5]);
    assert.deepEqual(await page({ limit: 2 }), [9, 10]);
    assert.equal((await page({ limit: 100_000 })).length, 10);
  });

  test('answers an over-size frame with an error and keeps working', async (t) => {
    const server = await startTestServer(t, { maxFrameBytes: 64 * 1024 });
    const alice = await joinRoom(t, server, 'room', 'alice');
    alice.client.send({ type: 'send', message: textMessage('room', 'alice', 'x'.repeat(200 * 1024)) });
    assert.match((await alice.client.take('error')).reason, /larger than the relay's limit/);
    alice.client.send('y'.repeat(1024 * 1024));
    assert.match((await alice.client.take('error')).reason, /larger than the relay's limit/);
    const after = textMessage('room', 'alice', 'small again');
    alice.client.send({ type: 'send', message: after });
    assert.equal((await alice.client.take('ack')).id, after.id);
    const giant = await joinRoom(t, server, 'room', 'mallory');
    giant.client.send('z'.repeat(8 * 1024 * 1024));
    assert.equal(await giant.client.closed, 1009, 'a frame over the hard ceiling closes only that socket');
    const bob = await joinRoom(t, server, 'room', 'bob');
    assert.equal(bob.joined.messages.length, 1);
  });

  test('drops a socket that does not answer pings and keeps one that does', async (t) => {
    const history = openSqliteHistory({ file: join(await makeTempDir(t), 'history.sqlite') });
    const app = Fastify();
    await app.register(relayRoutes, { history, maxFrameBytes: 65536, pingIntervalMs: 100 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    t.after(async () => {
      await app.close();
      await history.close();
    });
    const url = `ws://127.0.0.1:${(app.server.address() as AddressInfo).port}/ws`;
    const open = async (options: WebSocket.ClientOptions) => {
      const socket = new WebSocket(url, options);
      t.after(() => socket.terminate());
      await new Promise((resolve) => socket.once('open', resolve));
      return socket;
    };
    const silent = await open({ autoPong: false });
    const lively = await open({});
    const code = await new Promise<number>((resolve) => silent.once('close', resolve));
    assert.equal(code, 1006, 'cut without a close frame');
    assert.equal(lively.readyState, WebSocket.OPEN);
  });

  test('a message stored while a join reads its history page reaches the joiner once, after joined', async (t) => {
    const stored = openSqliteHistory({ file: join(await makeTempDir(t), 'history.sqlite') });
    // A backend slower than SQLite: 100 ms before the page is read and 100 ms after.
    const history = { ...stored, page: async (...args: Parameters<typeof stored.page>) => {
      await sleep(100);
      const page = await stored.page(...args);
      await sleep(100);
      return page;
    } };
    const app = Fastify();
    await app.register(relayRoutes, { history, maxFrameBytes: 65536 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    t.after(async () => {
      await app.close();
      await stored.close();
    });
    const server = { url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, port: 0, close: async () => undefined };
    const alice = await joinRoom(t, server, 'room', 'alice');
    const bob = await connect(t, server);
    bob.send({ type: 'join', room: 'room', user: { id: 'bob' } });
    const early = textMessage('room', 'alice', 'before the page is read');
    const late = textMessage('room', 'alice', 'after the page is read');
    await sleep(50);
    alice.client.send({ type: 'send', message: early });
    await sleep(100);
    alice.client.send({ type: 'send', message: late });
    assert.deepEqual((await bob.take('joined')).messages.map((message) => message.id), [early.id]);
    assert.equal((await bob.take('message')).message.id, late.id);
    await sleep(100);
    assert.deepEqual(bob.pending, [], 'the early message is not sent again');
  });

  test('closes open sockets promptly when the server stops', async (t) => {
    const server = await startTestServer(t);
    const alice = await joinRoom(t, server, 'room', 'alice');
    const started = Date.now();
    await server.close();
    assert.equal(await alice.client.closed, 1001);
    assert.ok(Date.now() - started < 2000, `closed in ${Date.now() - started} ms`);
  });
});
