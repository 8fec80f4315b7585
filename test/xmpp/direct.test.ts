// One-to-one chat over XMPP: a store whose room is a person's bare JID talks to that person with
// `chat` stanzas; acks, order and history come from each user's own MAM archive.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ChatStore } from '../../src/state/chat-store.ts';
import type { UploadHandler } from '../../src/upload/handler.ts';
import type { XmppTransport } from '../../src/transport/xmpp/xmpp-transport.ts';
import { client as xmppClient, xml, type Element } from '@xmpp/client';
import { assertDeliveredExactlyOnce, burst, storedCount, when, type TestClient } from '../delivery/harness.ts';
import { directPeerOf } from '../../src/transport/xmpp/direct-chat.ts';
import { createXmppScene, eventually, PASSWORD, startTestProsody, type XmppTestClient } from './harness.ts';
import { skipWithoutProsody, type TestProsody } from './prosody.ts';

const PDF = fileURLToPath(new URL('../fixtures/report.pdf', import.meta.url));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
/** What a store shows, in its order: "sender:text" (or the file name). */
const shown = (store: ChatStore) => store.$entries.get().map(({ message }) => `${message.sender.id}:${message.text ?? message.attachments?.[0]?.name}`);
/** The delivery harness only reads `name` and `store`, which an XMPP client has too. */
const asDelivery = (client: XmppTestClient) => client as unknown as TestClient;
const sentCount = (store: ChatStore) => store.$entries.get().filter((entry) => entry.delivery === 'sent').length;

/** An upload handler as a host would write one: a XEP-0363 slot from the transport, then a plain PUT. */
function slotUploader(transport: () => XmppTransport): UploadHandler {
  return async (file) => {
    const slot = await transport().requestUpload({ name: file.name, size: file.size, type: file.type });
    const answer = await fetch(slot.putUrl, { method: 'PUT', body: file, headers: { ...slot.headers, 'Content-Type': file.type } });
    if (!answer.ok) throw new Error(`PUT ${answer.status}`);
    return { url: slot.getUrl };
  };
}

test('a room that is a bare JID outside the MUC service is a person; anything else is a MUC room', () => {
  assert.equal(directPeerOf('Bob@Example.com', 'conference.example.com'), 'bob@example.com');
  assert.equal(directPeerOf('lobby', 'conference.example.com'), undefined);
  assert.equal(directPeerOf('lobby@conference.example.com', 'conference.example.com'), undefined);
  assert.equal(directPeerOf('bob@example.com/phone', 'conference.example.com'), undefined);
  assert.equal(directPeerOf('@example.com', 'conference.example.com'), undefined);
});

describe('one-to-one chat over XMPP', { skip: skipWithoutProsody, timeout: 60_000 }, () => {
  let prosody: TestProsody;
  before(async () => (prosody = await startTestProsody()));
  after(() => prosody?.stop());

  test('texts both ways appear once on both sides, in the same order, and a reconnect gets them from the archive', async (t) => {
    const scene = createXmppScene(t, prosody);
    const alice = await scene.startClient('alice', `bob@${prosody.domain}`);
    const bob = await scene.startClient('bob', `alice@${prosody.domain}`);
    alice.store.sendText('hi bob');
    await eventually('bob getting the first text', () => bob.store.$entries.get().length === 1);
    bob.store.sendText('hi alice');
    bob.store.sendText('how are you?');
    alice.store.sendText('fine, and you?');
    await eventually('four acked at alice', () => sentCount(alice.store) === 4 && alice.store.$entries.get().length === 4);
    await eventually('four at bob', () => sentCount(bob.store) === 4 && bob.store.$entries.get().length === 4);
    // Bob's two and Alice's reply were sent at once from both sides: the server's order decides,
    // the same on both; each sender's own messages keep their send order.
    await eventually('the same order on both sides', () => JSON.stringify(shown(alice.store)) === JSON.stringify(shown(bob.store)));
    const order = shown(alice.store);
    assert.equal(order[0], 'alice:hi bob');
    assert.ok(order.indexOf('bob:hi alice') < order.indexOf('bob:how are you?'), `bob's messages in his send order: ${order.join(' | ')}`);
    assert.deepEqual(new Set(order), new Set(['alice:hi bob', 'bob:hi alice', 'bob:how are you?', 'alice:fine, and you?']));
    assert.ok(alice.store.$entries.get().every((entry) => entry.isMine === (entry.message.sender.id === 'alice')));
    assert.ok(bob.store.$entries.get().every((entry) => entry.message.room === `alice@${prosody.domain}`));

    bob.store.stop();
    const later = await scene.startClient('bob', `alice@${prosody.domain}`);
    assert.deepEqual(shown(later.store), order, 'the history comes from the archive, in order');
    assert.deepEqual(
      later.store.$entries.get().map((entry) => entry.message.id),
      alice.store.$entries.get().map((entry) => entry.message.id),
    );
    later.store.sendText('back again');
    await eventually('alice getting the text after the reconnect', () => shown(alice.store).at(-1) === 'bob:back again');
  });

  test('a file goes from one store to the other (XEP-0363 upload, OOB + XEP-0447) and downloads byte for byte', async (t) => {
    const scene = createXmppScene(t, prosody);
    let transport: XmppTransport | undefined;
    const alice = await scene.startClient('alice', `bob@${prosody.domain}`, { upload: slotUploader(() => transport!) });
    transport = alice.transport;
    const bob = await scene.startClient('bob', `alice@${prosody.domain}`);
    const bytes = new Uint8Array(await readFile(PDF));
    const [message] = await alice.store.sendFiles([{ file: new File([bytes], 'report.pdf', { type: 'application/pdf' }), caption: 'the report' }]);
    const entry = await eventually('bob receiving the file', () => bob.store.$entries.get().find((item) => item.message.id === message!.id));
    assert.equal(entry.message.sender.id, 'alice');
    assert.deepEqual({ ...entry.message.attachments![0], url: undefined }, { url: undefined, name: 'report.pdf', size: bytes.length, mime: 'application/pdf', caption: 'the report', ...(entry.message.attachments![0]!.sha256 ? { sha256: sha256(bytes) } : {}) });
    const blob = await bob.store.download(message!.id);
    assert.equal(sha256(new Uint8Array(await blob.arrayBuffer())), sha256(bytes));
    await eventually('alice getting the ack', () => alice.store.$entries.get().find((item) => item.message.id === message!.id)?.delivery === 'sent');
  });

  test('a plain XMPP client gets `chat` stanzas and its answer arrives; a second device of ours sees both (carbons)', async (t) => {
    const scene = createXmppScene(t, prosody);
    const plain = xmppClient({ service: prosody.websocketUrl(), domain: prosody.domain, username: 'carol', password: PASSWORD });
    plain.on('error', () => undefined);
    const received: Element[] = [];
    plain.on('stanza', (stanza) => void (stanza.is('message') && stanza.getChildText('body') && received.push(stanza)));
    t.after(() => plain.stop().catch(() => undefined));
    await plain.start();
    await eventually('stream management', () => plain.streamManagement.enabled, 3000);
    await plain.send(xml('presence'));
    const phone = await scene.startClient('alice', `carol@${prosody.domain}`);
    const laptop = await scene.startClient('alice', `carol@${prosody.domain}`);
    const sent = phone.store.sendText('hello carol')!;
    const stanza = await eventually('carol receiving the text', () => received.find((item) => item.getChildText('body') === 'hello carol'));
    assert.equal(stanza.attrs.type, 'chat');
    assert.equal(stanza.getChild('origin-id', 'urn:xmpp:sid:0')?.attrs.id, sent.id);
    await plain.send(xml('message', { type: 'chat', to: `alice@${prosody.domain}`, id: 'c1' }, xml('body', {}, 'hello alice')));
    for (const device of [phone, laptop]) {
      await eventually('both messages on each device of alice', () => JSON.stringify(shown(device.store)) === JSON.stringify(['alice:hello carol', 'carol:hello alice']));
    }
    assert.equal(laptop.store.$entries.get()[0]!.isMine, true);
  });

  // Each pair of accounts is used once, so both archives hold the same conversation from empty and even the seqs agree.
  const pairs = [['carol', 'dave'], ['bob', 'carol'], ['bob', 'dave'], ['alice', 'dave']] as const;
  for (const [index, [side, outage]] of ([['sender', 'short'], ['receiver', 'short'], ['sender', 'long'], ['receiver', 'long']] as const).entries()) {
    test(`a 300-message burst, the ${side}'s connection cut at ~100 (${outage === 'short' ? 'a short cut' : 'longer than the server keeps the session'}): every message once, in order, on both`, async (t) => {
      const scene = createXmppScene(t, prosody);
      const [from, to] = pairs[index]!;
      const sender = await scene.startClient(from, `${to}@${prosody.domain}`);
      const receiver = await scene.startClient(to, `${from}@${prosody.domain}`);
      const victim = side === 'sender' ? sender : receiver;
      when(asDelivery(victim), (entries) => (side === 'sender' ? storedCount(entries) : entries.length) >= 100, () => {
        if (outage === 'long') {
          victim.proxy.refuse(true);
          setTimeout(() => victim.proxy.refuse(false), 4500); // longer than smacks_hibernation_time (3 s)
        }
        victim.proxy.cutAll();
      });
      const sent = burst(asDelivery(sender));
      await assertDeliveredExactlyOnce([asDelivery(sender), asDelivery(receiver)], asDelivery(sender), sent, 30_000);
      assert.ok(victim.proxy.attempts.length >= 2, `the ${side} reconnected`);
    });
  }
});
