import { expect } from '@open-wc/testing';
import { serverUrl } from '@chatdrop/test-server';
import { WebSocketTransport, toWebSocketUrl } from './websocket.ts';
import { MessageRefusedError } from './transport.ts';
import { createChatStore } from '../state/chat-store.ts';
import { until } from '../../test/helpers/files.ts';
import type { ChatMessage } from '../model/message.ts';

const room = () => `room-${crypto.randomUUID()}`;
const textMessage = (roomName: string, sender: string, text: string): ChatMessage => ({ id: crypto.randomUUID(), room: roomName, sender: { id: sender }, createdAt: Date.now(), text });

describe('WebSocketTransport with the reference relay', () => {
  const open: WebSocketTransport[] = [];
  const transport = () => {
    const made = new WebSocketTransport(`${serverUrl}/ws`);
    open.push(made);
    return made;
  };
  afterEach(() => open.splice(0).forEach((made) => made.close()));

  it('turns page-relative and http URLs into ws URLs', () => {
    expect(toWebSocketUrl('/ws', 'https://chat.example/page')).to.equal('wss://chat.example/ws');
    expect(toWebSocketUrl('http://127.0.0.1:9/ws')).to.equal('ws://127.0.0.1:9/ws');
  });

  it('goes online, sends with the client id and resolves on the ack with a seq', async () => {
    const name = room();
    const alice = transport();
    await alice.connect({ room: name, user: { id: 'alice' } });
    expect(alice.status).to.equal('online');
    const message = textMessage(name, 'alice', 'hi');
    const ack = await alice.send(message);
    expect(ack).to.deep.equal({ id: message.id, seq: 1 });
    expect(await alice.send(message), 'the same id gets the same ack').to.deep.equal(ack);
  });

  it('relays in order to the other client, and history reaches a late joiner', async () => {
    const name = room();
    const alice = transport();
    const bob = transport();
    await alice.connect({ room: name, user: { id: 'alice' } });
    await bob.connect({ room: name, user: { id: 'bob' } });
    const seen: number[] = [];
    bob.addEventListener('message', (event) => seen.push((event.detail as ChatMessage).seq!));
    for (let index = 0; index < 20; index++) await alice.send(textMessage(name, 'alice', `#${index}`));
    await until(() => seen.length === 20, 3000, 'bob to get 20 messages');
    expect(seen).to.deep.equal(Array.from({ length: 20 }, (_, index) => index + 1));

    const carol = transport();
    const history: number[] = [];
    carol.addEventListener('message', (event) => history.push((event.detail as ChatMessage).seq!));
    await carol.connect({ room: name, user: { id: 'carol' } });
    expect(history).to.deep.equal(seen);
    expect((await carol.history({ after: 15 })).length).to.equal(5);
  });

  it('rejects a message posted as someone else', async () => {
    const name = room();
    const alice = transport();
    await alice.connect({ room: name, user: { id: 'alice' } });
    const error = await alice.send(textMessage(name, 'mallory', 'spoof')).then(() => undefined, (caught: unknown) => caught);
    expect(error).to.be.instanceOf(MessageRefusedError);
  });

  it('carries a store-to-store chat through the relay', async () => {
    const name = room();
    const alice = createChatStore({ transport: transport(), room: name, user: { id: 'alice' } });
    const bob = createChatStore({ transport: transport(), room: name, user: { id: 'bob' } });
    await alice.start();
    await bob.start();
    alice.sendText('over the wire');
    await until(() => bob.$entries.get().length === 1, 3000, 'bob to get the text');
    expect(bob.$entries.get()[0]!.message).to.include({ text: 'over the wire', seq: 1 });
    await until(() => alice.$entries.get()[0]!.delivery === 'sent', 3000, 'the ack');
  });
});
