// Chatdrop's XMPP client against a scripted server (no Prosody): what a real server rarely does
// on cue, each answered as RFC 6120, RFC 7395 and XEP-0198 ask. Run with Node's WebSocket.
import assert from 'node:assert/strict';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { describe, test, type TestContext } from 'node:test';
import { WebSocketServer, type WebSocket } from 'ws';
import { escapeLocal, unescapeLocal, xml, XmppClient, XmppError } from '../../src/transport/xmpp/xmpp-client.ts';

const FRAMING = 'urn:ietf:params:xml:ns:xmpp-framing';
const STREAM = 'xmlns:stream="http://etherx.jabber.org/streams"';

type Connection = { socket: WebSocket; next(): Promise<string> };

/** A server that takes TCP connections and never answers the WebSocket handshake: its `ws:` URL. */
async function silentServer(t: TestContext): Promise<string> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => sockets.push(socket));
  t.after(() => {
    sockets.forEach((socket) => socket.destroy());
    server.close();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** What `promise` gives, or 'still pending' after `ms`. */
const withDeadline = (promise: Promise<unknown>, ms: number) => Promise.race([promise, new Promise((resolve) => setTimeout(() => resolve(`still pending after ${ms} ms`), ms))]);

/**
 * A server that logs anyone in (ANONYMOUS) and hands over each connection once its session is
 * up: a new one (bind, then stream management enabled as `sm1`), or, when the client asks to
 * resume `sm1`, that one (`resumed` with `h`, how many of the client's stanzas it had handled).
 */
async function scriptedServer(
  t: TestContext,
  { refuseLogin = false, handled = 0, offersStreamManagement = (_connection: number): boolean => true } = {},
): Promise<{ url: string; connections: Connection[]; requests: string[]; connected(count: number): Promise<Connection> }> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'xmpp' });
  t.after(() => server.close());
  await new Promise((resolve) => server.once('listening', resolve));
  const connections: Connection[] = [];
  /** What each connection asked for once logged in: `<resume …>` or the bind `<iq …>`. */
  const requests: string[] = [];
  let wakeTest = () => {};
  let count = 0;
  server.on('connection', (socket) => {
    const number = ++count;
    const frames: string[] = [];
    let wake = () => {};
    socket.on('message', (data) => {
      frames.push(String(data));
      wake();
    });
    const next = async () => {
      while (frames.length === 0) await new Promise<void>((done) => (wake = done));
      return frames.shift()!;
    };
    const open = `<open xmlns="${FRAMING}" from="example.test" id="s1" version="1.0"/>`;
    void (async () => {
      assert.match(await next(), /^<open /);
      socket.send(open);
      socket.send(`<stream:features ${STREAM}><mechanisms xmlns="urn:ietf:params:xml:ns:xmpp-sasl"><mechanism>ANONYMOUS</mechanism></mechanisms></stream:features>`);
      assert.match(await next(), /mechanism="ANONYMOUS"/);
      if (refuseLogin) {
        socket.send('<failure xmlns="urn:ietf:params:xml:ns:xmpp-sasl"><not-authorized/><text>no guests</text></failure>');
        return;
      }
      socket.send('<success xmlns="urn:ietf:params:xml:ns:xmpp-sasl"/>');
      assert.match(await next(), /^<open /);
      socket.send(open);
      const sm = offersStreamManagement(number) ? '<sm xmlns="urn:xmpp:sm:3"/>' : '';
      socket.send(`<stream:features ${STREAM}><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"/>${sm}</stream:features>`);
      const request = await next();
      requests.push(request);
      if (request.startsWith('<resume ')) {
        assert.match(request, /previd="sm1"/);
        socket.send(`<resumed xmlns="urn:xmpp:sm:3" previd="sm1" h="${handled}"/>`);
      } else {
        const id = /id="([^"]+)"/.exec(request)![1];
        socket.send(`<iq xmlns="jabber:client" type="result" id="${id}"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><jid>guest@example.test/r1</jid></bind></iq>`);
        if (sm) {
          assert.match(await next(), /^<enable xmlns="urn:xmpp:sm:3" resume="true"\/>$/);
          socket.send('<enabled xmlns="urn:xmpp:sm:3" id="sm1" resume="true"/>');
        }
      }
      connections.push({ socket, next });
      wakeTest();
    })();
  });
  const connected = async (count: number) => {
    while (connections.length < count) await new Promise<void>((done) => (wakeTest = done));
    return connections[count - 1]!;
  };
  return { url: `ws://127.0.0.1:${(server.address() as { port: number }).port}`, connections, requests, connected };
}

describe("Chatdrop's XMPP client", { timeout: 20_000 }, () => {
  test('logs in, binds, answers pings and ack requests, and refuses iq requests it does not serve', async (t) => {
    const { url, connected } = await scriptedServer(t);
    const client = new XmppClient({ service: url, domain: 'example.test' });
    t.after(() => client.stop());
    await client.start();
    assert.equal(client.status, 'online');
    assert.equal(client.jid, 'guest@example.test/r1');
    const { socket, next } = await connected(1);
    socket.send('<iq xmlns="jabber:client" type="get" id="ping1" from="example.test"><ping xmlns="urn:xmpp:ping"/></iq>');
    assert.match(await next(), /^<iq (?=.*type="result")(?=.*id="ping1")(?=.*to="example.test").*\/>$/);
    socket.send('<iq xmlns="jabber:client" type="set" id="q1" from="other@example.test/x"><query xmlns="urn:example:unknown"/></iq>');
    const refusal = await next();
    assert.match(refusal, /type="error"/);
    assert.match(refusal, /id="q1"/);
    assert.match(refusal, /<service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"\/>/);
    socket.send('<r xmlns="urn:xmpp:sm:3"/>');
    assert.equal(await next(), '<a xmlns="urn:xmpp:sm:3" h="2"/>', 'two stanzas (the iqs) were handled since stream management was enabled');
  });

  test('gives an iq error as an XmppError with its condition and the element holding it', async (t) => {
    const { url, connected } = await scriptedServer(t);
    const client = new XmppClient({ service: url, domain: 'example.test' });
    t.after(() => client.stop());
    await client.start();
    const { socket, next } = await connected(1);
    const answer = client.get(xml('query', { xmlns: 'urn:example:q' }), 'service.example.test');
    const id = /id="([^"]+)"/.exec(await next())![1];
    socket.send(`<iq xmlns="jabber:client" type="error" id="${id}"><error type="modify"><not-acceptable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/><file-too-large xmlns="urn:example:q"/></error></iq>`);
    const error = await answer.then(() => undefined, (caught: unknown) => caught);
    assert.ok(error instanceof XmppError);
    assert.equal(error.condition, 'not-acceptable');
    assert.ok(error.element?.getChild('file-too-large', 'urn:example:q'));
  });

  test('takes a connection that leaves an ack request unanswered as dead, and resumes the session, sending again what was not acked', async (t) => {
    const { url, connected } = await scriptedServer(t, { handled: 1 });
    const client = new XmppClient({ service: url, domain: 'example.test', ackTimeout: 300, reconnectDelay: 50 });
    t.after(() => client.stop());
    const events: string[] = [];
    client.on('online', () => events.push('online'));
    client.on('resumed', () => events.push('resumed'));
    // Sent while the connection is down: refused at once, and sent with the rest once resumed.
    let sentWhileDown: Promise<unknown> | undefined;
    client.on('status', (status) => {
      if (status === 'disconnect') sentWhileDown ??= client.send(xml('message', { to: 'room@example.test', id: 'm3' }, xml('body', {}, 'three'))).then(() => 'sent', () => 'refused');
    });
    await client.start();
    const first = await connected(1);
    await client.send(xml('message', { to: 'room@example.test', id: 'm1' }, xml('body', {}, 'one')));
    await client.send(xml('message', { to: 'room@example.test', id: 'm2' }, xml('body', {}, 'two')));
    assert.match(await first.next(), /id="m1"/);
    assert.match(await first.next(), /id="m2"/);
    assert.equal(await first.next(), '<r xmlns="urn:xmpp:sm:3"/>', 'it asks for an ack after sending');
    // No answer: after ackTimeout the client connects again and resumes; the server had handled m1 only.
    const second = await connected(2);
    const resent = await second.next();
    assert.match(resent, /^<message (?=.*id="m2").*<body>two<\/body><delay xmlns="urn:xmpp:delay" (?=.*stamp=")/, 'm2 is sent again, saying when it was first sent');
    assert.equal(await sentWhileDown, 'refused');
    assert.match(await second.next(), /^<message (?=.*id="m3").*<body>three<\/body><delay /, 'then m3, sent while the connection was down');
    assert.deepEqual(events, ['online', 'resumed']);
    assert.equal(client.status, 'online');
  });

  test('a session that was replaced is not resumed later: after a connection without stream management, the next one binds anew', async (t) => {
    const { url, connected, requests } = await scriptedServer(t, { offersStreamManagement: (connection) => connection !== 2 });
    const client = new XmppClient({ service: url, domain: 'example.test', reconnectDelay: 50 });
    t.after(() => client.stop());
    await client.start();
    (await connected(1)).socket.close();
    (await connected(2)).socket.close();
    await connected(3);
    assert.deepEqual(
      requests.map((request) => request.split(/[ >]/)[0]),
      ['<iq', '<iq', '<iq'],
      `each connection bound a new session: ${requests.join(' | ')}`,
    );
  });

  test('a refused login rejects start() as a SASLError and does not connect again', async (t) => {
    const { url } = await scriptedServer(t, { refuseLogin: true });
    const client = new XmppClient({ service: url, domain: 'example.test', reconnectDelay: 50 });
    t.after(() => client.stop());
    const error = await client.start().then(() => undefined, (caught: unknown) => caught);
    assert.ok(error instanceof XmppError);
    assert.equal(error.name, 'SASLError');
    assert.equal(error.condition, 'not-authorized');
    assert.equal(error.text, 'no guests');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(client.status, 'offline', 'it does not try again');
  });

  test('gives up on a WebSocket that does not open within `timeout`, and connects again', async (t) => {
    const service = await silentServer(t);
    const client = new XmppClient({ service, domain: 'example.test', timeout: 300, reconnectDelay: 50 });
    t.after(() => client.stop());
    const statuses: string[] = [];
    client.on('status', (status) => statuses.push(status));
    const started = client.start().then(() => 'online', (error: Error) => `rejected: ${error.message}`);
    assert.match(String(await withDeadline(started, 2000)), /^rejected: Could not connect/);
    while (statuses.length < 3) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(statuses.slice(0, 3), ['connecting', 'disconnect', 'connecting'], 'it tries again');
  });

  test('escapes a JID local part as XEP-0106 does, and back', () => {
    assert.equal(escapeLocal('space cadet'), String.raw`space\20cadet`);
    assert.equal(escapeLocal(`d'artagnan`), String.raw`d\27artagnan`);
    assert.equal(escapeLocal('at&t guy'), String.raw`at\26t\20guy`);
    assert.equal(escapeLocal('/.fanboy'), String.raw`\2f.fanboy`);
    assert.equal(escapeLocal('c:\\net'), String.raw`c\3a\5cnet`);
    assert.equal(escapeLocal('<room>@"x"'), String.raw`\3croom\3e\40\22x\22`);
    for (const local of ['space cadet', `d'artagnan`, 'c:\\net', String.raw`a\20b`, 'ünïcode ✓']) assert.equal(unescapeLocal(escapeLocal(local)), local.trim());
  });
});
