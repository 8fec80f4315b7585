import { expect } from '@open-wc/testing';
import { BroadcastTransport } from './broadcast.ts';
import { createChatStore } from '../state/chat-store.ts';
import { until } from '../../test/helpers/files.ts';

describe('BroadcastTransport', () => {
  it('chats between two widgets of one origin with no server, in the same order on both', async () => {
    const channel = `test-${crypto.randomUUID()}`;
    const alice = createChatStore({ transport: new BroadcastTransport(channel), room: 'r', user: { id: 'alice' } });
    const bob = createChatStore({ transport: new BroadcastTransport(channel), room: 'r', user: { id: 'bob' } });
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
    const alice = createChatStore({ transport: new BroadcastTransport(channel), room: 'r', user: { id: 'alice' } });
    await alice.start();
    alice.sendText('before you came');
    const late = createChatStore({ transport: new BroadcastTransport(channel), room: 'r', user: { id: 'late' } });
    await late.start();
    await until(() => late.$entries.get().length === 1, 3000, 'history');
    expect(late.$entries.get()[0]!.message.text).to.equal('before you came');
    alice.stop();
    late.stop();
  });
});
