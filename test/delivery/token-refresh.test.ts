// A client whose token expired asks its host for a fresh one, joins again and sends what waited in
// its outbox, once: the store and WebSocket transport the widget runs, against the real relay.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { signToken } from '../../server/tokens.ts';
import { connect, startTestServer } from '../../server/test-helpers.ts';
import type { ChatMessage } from '../../src/model/message.ts';
import { createChatStore } from '../../src/state/chat-store.ts';
import { WebSocketTransport } from '../../src/transport/websocket.ts';
import { FAST_RECONNECT, requireGlobalWebSocket, sleep } from './harness.ts';

const SECRET = 'test secret: long and random in real use';

test('an expired token is refreshed through the host, and the outbox is delivered once', { timeout: 30_000 }, async (t) => {
  requireGlobalWebSocket();
  const server = await startTestServer(t, { auth: { secret: SECRET } });
  const observer = await connect(t, server);
  observer.send({ type: 'join', room: 'room', user: { id: 'bob' }, token: await signToken({ user: 'bob', rooms: ['room'] }, SECRET) });
  await observer.take('joined');

  let asked = 0;
  let release!: () => void;
  const hostAnswered = new Promise<void>((resolve) => (release = resolve));
  const transport = new WebSocketTransport(`${server.url}/ws`, FAST_RECONNECT);
  t.after(() => transport.close());
  const store = createChatStore({
    transport,
    room: 'room',
    user: { id: 'alice', name: 'Alice' },
    token: await signToken({ user: 'alice', name: 'Alice', rooms: ['room'], expiresInSeconds: -10 }, SECRET),
    async refreshToken() {
      asked += 1;
      await hostAnswered;
      return signToken({ user: 'alice', name: 'Alice', rooms: ['room'] }, SECRET);
    },
  });
  t.after(() => store.stop());
  await store.start();
  assert.notEqual(store.$status.get(), 'online', 'the expired token does not join');
  const sent = [store.sendText('written while the token was expired'), store.sendText('and a second one')].map((message) => message!.id);
  await sleep(300);
  assert.deepEqual(
    store.$entries.get().map((entry) => entry.delivery),
    ['sending', 'sending'],
    'the messages wait in the outbox',
  );

  release();
  const received: ChatMessage[] = [];
  for (const id of sent) received.push((await observer.take('message', (frame) => frame.message.id === id, 10_000)).message);
  assert.deepEqual(
    received.map((message) => [message.text, message.sender.name]),
    [
      ['written while the token was expired', 'Alice'],
      ['and a second one', 'Alice'],
    ],
  );
  const deadline = Date.now() + 5000;
  while (store.$entries.get().some((entry) => entry.delivery !== 'sent') && Date.now() < deadline) await sleep(50);
  assert.deepEqual(
    store.$entries.get().map((entry) => entry.delivery),
    ['sent', 'sent'],
  );
  await sleep(500);
  assert.equal(observer.pending.filter((frame) => frame.type === 'message').length, 0, 'each message arrived once');
  assert.equal(asked, 1, 'the host was asked once');
  assert.equal(store.$status.get(), 'online');
});
