import { expect } from '@open-wc/testing';
import { createChatStore } from './chat-store.ts';
import { indexedDbOutboxStorage } from './outbox-storage.ts';
import { MemoryHub, MemoryTransport } from '../transport/memory.ts';
import { until } from '../../test/helpers/files.ts';
import type { ChatMessage } from '../model/message.ts';

const message = (id: string, text: string): ChatMessage => ({ id, room: 'r', sender: { id: 'alice' }, createdAt: 1, text });

describe('the outbox in IndexedDB', () => {
  it('keeps waiting messages per room and user, oldest first, until removed', async () => {
    const storage = indexedDbOutboxStorage(`outbox-${crypto.randomUUID()}`);
    await storage.save(message('a', 'first'));
    await storage.save(message('b', 'second'));
    await storage.save({ ...message('c', 'other room'), room: 'elsewhere' });
    expect((await storage.load('r', 'alice')).map((m) => m.id)).to.deep.equal(['a', 'b']);
    await storage.remove('a');
    expect((await storage.load('r', 'alice')).map((m) => m.id)).to.deep.equal(['b']);
    expect(await storage.load('r', 'bob')).to.deep.equal([]);
  });

  it('delivers a message sent offline exactly once after the page is reloaded', async () => {
    const hub = new MemoryHub();
    const databaseName = `outbox-${crypto.randomUUID()}`;
    const bob = createChatStore({ transport: new MemoryTransport(hub), room: 'r', user: { id: 'bob' }, outboxStorage: indexedDbOutboxStorage(databaseName) });
    await bob.start();

    const offline = new MemoryTransport(hub);
    offline.setReachable(false);
    const beforeReload = createChatStore({ transport: offline, room: 'r', user: { id: 'alice' }, outboxStorage: indexedDbOutboxStorage(databaseName) });
    await beforeReload.start();
    beforeReload.sendText('typed on the train');
    await new Promise((resolve) => setTimeout(resolve, 100));
    beforeReload.stop(); // the tab is reloaded: everything in memory is gone

    const afterReload = createChatStore({ transport: new MemoryTransport(hub), room: 'r', user: { id: 'alice' }, outboxStorage: indexedDbOutboxStorage(databaseName) });
    await afterReload.start();
    await until(() => bob.$entries.get().length === 1, 3000, 'bob to get the message');
    await until(() => afterReload.$entries.get()[0]?.delivery === 'sent', 3000, 'the ack');
    expect(bob.$entries.get().map((entry) => entry.message.text)).to.deep.equal(['typed on the train']);

    afterReload.stop();
    const thirdLoad = createChatStore({ transport: new MemoryTransport(hub), room: 'r', user: { id: 'alice' }, outboxStorage: indexedDbOutboxStorage(databaseName) });
    await thirdLoad.start();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(hub.room('r').messages.length, 'sent once, never again').to.equal(1);
    thirdLoad.stop();
    bob.stop();
  });
});
