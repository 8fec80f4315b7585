import assert from 'node:assert/strict';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.ts';

/** An echo server on loopback. */
let echo: Server;
let echoPort = 0;
const opened: Socket[] = [];

before(async () => {
  echo = createServer((socket) => {
    opened.push(socket);
    socket.on('error', () => undefined);
    socket.pipe(socket);
  });
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  echoPort = (echo.address() as { port: number }).port;
});
after(() => {
  opened.forEach((socket) => socket.destroy());
  echo.close();
});

/** A client through the proxy that collects what comes back and notes when it closes. */
async function dial(proxy: FaultProxy) {
  const socket = connect({ port: proxy.port, host: '127.0.0.1' });
  let received = '';
  socket.on('data', (chunk) => (received += chunk.toString()));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return { socket, closed, received: () => received };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(5);
  }
}

describe('fault proxy', { timeout: 10_000 }, () => {
  test('forwards both ways, counts connections and notes attempts', async (t) => {
    const proxy = await startFaultProxy(echoPort);
    t.after(() => proxy.close());
    assert.equal(proxy.url('/ws'), `ws://127.0.0.1:${proxy.port}/ws`);
    const a = await dial(proxy);
    const b = await dial(proxy);
    a.socket.write('hello');
    b.socket.write('there');
    await until(() => a.received() === 'hello' && b.received() === 'there');
    assert.equal(proxy.connections, 2);
    assert.equal(proxy.attempts.length, 2);
    a.socket.end();
    await a.closed;
    await until(() => proxy.connections === 1);
  });

  test('cuts every connection at once', async (t) => {
    const proxy = await startFaultProxy(echoPort);
    t.after(() => proxy.close());
    const clients = await Promise.all([dial(proxy), dial(proxy), dial(proxy)]);
    await until(() => proxy.connections === 3);
    proxy.cutAll();
    await Promise.all(clients.map((client) => client.closed));
    assert.equal(proxy.connections, 0);
    const again = await dial(proxy);
    again.socket.write('back');
    await until(() => again.received() === 'back');
  });

  test('delays chunks by the latency, in order', async (t) => {
    const proxy = await startFaultProxy(echoPort);
    t.after(() => proxy.close());
    proxy.setLatency(100);
    const client = await dial(proxy);
    const started = performance.now();
    for (const part of ['1', '2', '3']) client.socket.write(part);
    await until(() => client.received() === '123');
    assert.ok(performance.now() - started >= 190, 'about 100 ms each way');
    proxy.setLatency(0);
    client.socket.write('4');
    await until(() => client.received() === '1234', 80);
  });

  test('a blackhole keeps connections open and forwards nothing, even a close', async (t) => {
    const proxy = await startFaultProxy(echoPort);
    t.after(() => proxy.close());
    const client = await dial(proxy);
    await until(() => proxy.connections === 1);
    proxy.blackhole(true);
    client.socket.write('lost');
    opened.at(-1)!.destroy();
    await sleep(150);
    assert.equal(client.received(), '');
    assert.equal(client.socket.destroyed, false, 'the client never hears that the far side is gone');
    proxy.blackhole(false);
    client.socket.write('still lost');
    await sleep(50);
    assert.equal(client.received(), '', 'a blackholed connection stays dead');
    const fresh = await dial(proxy);
    fresh.socket.write('ok');
    await until(() => fresh.received() === 'ok');
  });

  test('refuses new connections while asked to, and keeps the open ones', async (t) => {
    const proxy = await startFaultProxy(echoPort);
    t.after(() => proxy.close());
    const kept = await dial(proxy);
    proxy.refuse(true);
    const refused = connect({ port: proxy.port, host: '127.0.0.1' });
    const outcome = await new Promise<string>((resolve) => {
      refused.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      refused.once('close', () => resolve('closed'));
    });
    assert.ok(['ECONNRESET', 'closed', 'EPIPE'].includes(outcome), outcome);
    kept.socket.write('still');
    await until(() => kept.received() === 'still');
    proxy.refuse(false);
    const next = await dial(proxy);
    next.socket.write('x');
    await until(() => next.received() === 'x');
    assert.equal(proxy.attempts.length, 3);
  });
});
