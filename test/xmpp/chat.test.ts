// Chatdrop stores talking through a real Prosody (MUC + MAM + stream management) on loopback.
// Run with `node --experimental-websocket --import tsx --test test/xmpp/*.test.ts`.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createChatStore } from '../../src/state/chat-store.ts';
import { transportFromAttribute } from '../../src/transport/from-attribute.ts';
import { createXmppScene, eventually, freshRoom, PASSWORD, sendPlain, startTestProsody } from './harness.ts';
import { skipWithoutProsody, UPLOAD_LIMIT, type TestProsody } from './prosody.ts';

describe('chatting over XMPP', { skip: skipWithoutProsody, timeout: 60_000 }, () => {
  let prosody: TestProsody;
  before(async () => (prosody = await startTestProsody()));
  after(() => prosody?.stop());

  test('a text goes from one store to another through a MUC room, with the same seq on both', async (t) => {
    const scene = createXmppScene(t, prosody);
    const room = freshRoom();
    const alice = await scene.startClient('alice', room);
    const bob = await scene.startClient('bob', room);
    const sent = alice.store.sendText('Hello Bob, over XMPP')!;
    const atBob = await eventually('bob receiving the text', () => bob.store.$entries.get().find((entry) => entry.message.id === sent.id));
    assert.equal(atBob.message.text, 'Hello Bob, over XMPP');
    assert.equal(atBob.message.sender.id, 'alice');
    assert.equal(atBob.isMine, false);
    const atAlice = await eventually('alice getting the ack', () => alice.store.$entries.get().find((entry) => entry.message.id === sent.id && entry.delivery === 'sent'));
    assert.equal(atAlice.message.seq, atBob.message.seq);
  });

  test('a client that joins later gets the history from the archive, in order, with the same seqs', async (t) => {
    const scene = createXmppScene(t, prosody);
    const room = freshRoom();
    const alice = await scene.startClient('alice', room);
    const texts = ['one', 'two', 'three'];
    texts.forEach((text) => alice.store.sendText(text));
    await eventually('alice getting three acks', () => alice.store.$entries.get().filter((entry) => entry.delivery === 'sent').length === 3);
    const carol = await scene.startClient('carol', room);
    const atCarol = carol.store.$entries.get().map((entry) => `${entry.message.text}@${entry.message.seq}`);
    assert.deepEqual(atCarol, alice.store.$entries.get().map((entry) => `${entry.message.text}@${entry.message.seq}`));
    assert.deepEqual(atCarol, ['one@1', 'two@2', 'three@3']);
  });

  test('scrolling back fetches older messages from the archive', async (t) => {
    const scene = createXmppScene(t, prosody);
    const room = freshRoom();
    const alice = await scene.startClient('alice', room);
    const sent = Array.from({ length: 60 }, (_, index) => alice.store.sendText(`old ${index + 1}`)!);
    await eventually('alice getting 60 acks', () => alice.store.$entries.get().filter((entry) => entry.delivery === 'sent').length === 60, 20_000);
    const dave = await scene.startClient('dave', room);
    assert.equal(dave.store.$entries.get().length, 50, 'the first join shows the newest 50');
    assert.equal(await dave.store.loadOlder(50), 10);
    assert.deepEqual(dave.store.$entries.get().map((entry) => entry.message.id), sent.map((message) => message.id));
    assert.deepEqual(dave.store.$entries.get().map((entry) => entry.message.seq), sent.map((_, index) => index + 1));
    assert.equal(dave.store.$hasOlder.get(), false);
  });

  test('a text from a plain XMPP client arrives with its nick as sender; ours reaches it as a body', async (t) => {
    const scene = createXmppScene(t, prosody);
    const room = freshRoom();
    const alice = await scene.startClient('alice', room);
    const plain = await scene.startPlainClient('bob', room);
    await sendPlain(plain, 'hi from a plain client');
    const entry = await eventually('alice receiving the plain text', () => alice.store.$entries.get().find((item) => item.message.text === 'hi from a plain client'));
    assert.equal(entry.message.sender.id, 'bob');
    alice.store.sendText('hi back');
    const stanza = await eventually('the plain client receiving the text', () => plain.received.find((item) => item.getChildText('body') === 'hi back'));
    assert.equal(stanza.attrs.from, `${plain.roomJid}/alice`);
  });

  test('a transport made from an xmpp: attribute (the password from a property) loads, logs in and chats', async (t) => {
    const scene = createXmppScene(t, prosody);
    const room = freshRoom();
    const bob = await scene.startClient('bob', room);
    const transport = transportFromAttribute(`xmpp:${prosody.websocketUrl()}?domain=${prosody.domain}&username=alice`, { password: PASSWORD });
    const alice = createChatStore({ transport, room, user: { id: 'alice' } });
    t.after(() => alice.stop());
    await alice.start();
    assert.equal(transport.status, 'online');
    const sent = alice.sendText('sent through the attribute')!;
    await eventually('bob receiving it', () => bob.store.$entries.get().some((entry) => entry.message.id === sent.id));
    await eventually('the upload limit', () => transport.maxFileSize === UPLOAD_LIMIT);
  });
});
