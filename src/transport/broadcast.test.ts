import { expect } from '@open-wc/testing';
import { BroadcastTransport } from './broadcast.ts';
import { createChatStore } from '../state/chat-store.ts';
import { memoryOutboxStorage } from '../state/outbox-storage.ts';
import { until } from '../../test/helpers/files.ts';

// Each store keeps its outbox in memory: with the page's IndexedDB outbox, a store started right
// after another of the same user could load that one's acked messages before their removal was
// committed, and send them again into its own room.
const storeOn = (channel: string, userId: string) =>
  createChatStore({ transport: new BroadcastTransport(channel), room: 'r', user: { id: userId }, outboxStorage: memoryOutboxStorage() });

describe('BroadcastTransport', () => {
  it('chats between two widgets of one origin with no server, in the same order on both', async () => {
    const channel = `test-${crypto.randomUUID()}`;
    const alice = storeOn(channel, 'alice');
    const bob = storeOn(channel, 'bob');
    await alice.start();
    await bob.start();
    alice.sendText('one');
    bob.sendText('two');
    alice.sendText('three');
    const texts = (store: typeof alice) => store.$entries.get().map((entry) => entry.message.text);
    await until(() => texts(alice).length === 3 && texts(bob).length === 3, 3000, 'both to see three messages');
    await until(() => alice.$entries.get().every((entry) => entry.delivery === 'sent'), 3000, 'acks');
    expect(texts(alice)).to.deep.equal(texts(bob));
    alice.stop();
    bob.stop();
  });

  it('gives a tab that joins later the history of the others', async () => {
    const channel = `test-${crypto.randomUUID()}`;
    const alice = storeOn(channel, 'alice');
    await alice.start();
    alice.sendText('before you came');
    const late = storeOn(channel, 'late');
    await late.start();
    const texts = () => late.$entries.get().map((entry) => entry.message.text);
    await until(() => texts().length > 0, 3000, 'history');
    expect(texts()).to.deep.equal(['before you came']);
    alice.stop();
    late.stop();
  });
});
