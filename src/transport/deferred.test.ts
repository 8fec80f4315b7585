import { expect } from '@open-wc/testing';
import { DeferredTransport } from './deferred.ts';
import { MemoryHub, MemoryTransport } from './memory.ts';
import { ConnectionLostError } from './transport.ts';

const session = { room: 'r', user: { id: 'alice' } };
const message = { id: 'm1', room: 'r', sender: { id: 'alice' }, createdAt: 1, text: 'hi' };

describe('DeferredTransport', () => {
  it('loads the real transport on the first connect and forwards its status, messages and acks', async () => {
    const hub = new MemoryHub();
    let loads = 0;
    const deferred = new DeferredTransport(async () => (loads++, new MemoryTransport(hub)));
    expect(loads, 'nothing loads before connect').to.equal(0);
    const statuses: string[] = [];
    deferred.addEventListener('status', (event) => statuses.push(event.detail));
    const received: unknown[] = [];
    deferred.addEventListener('message', (event) => received.push(event.detail));
    await deferred.connect(session);
    expect(loads).to.equal(1);
    expect(deferred.status).to.equal('online');
    expect(statuses).to.deep.equal(['connecting', 'online']);

    const other = new MemoryTransport(hub);
    await other.connect({ room: 'r', user: { id: 'bob' } });
    const ack = await deferred.send(message);
    expect(ack.id).to.equal('m1');
    await other.send({ ...message, id: 'm2', sender: { id: 'bob' } });
    expect(received.map((raw) => (raw as { id: string }).id)).to.include('m2');
    expect((await deferred.history()).length).to.equal(2);
    deferred.close();
    other.close();
    expect(deferred.status).to.equal('offline');
  });

  it('stays offline when the code cannot load, refuses sends as a lost connection, and loads again on the next connect', async () => {
    let attempt = 0;
    const deferred = new DeferredTransport(async () => {
      if (++attempt === 1) throw new TypeError('Failed to fetch dynamically imported module');
      return new MemoryTransport(new MemoryHub());
    });
    const logged: unknown[] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => logged.push(args);
    try {
      await deferred.connect(session);
    } finally {
      console.error = consoleError;
    }
    expect(deferred.status).to.equal('offline');
    expect(logged.length, 'the reason is in the console').to.equal(1);
    let refused: unknown;
    await deferred.send(message).catch((error: unknown) => (refused = error));
    expect(refused).to.be.instanceOf(ConnectionLostError);
    await deferred.connect(session);
    expect(deferred.status).to.equal('online');
    deferred.close();
  });
});
