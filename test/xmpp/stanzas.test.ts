// Reading and writing Chatdrop's groupchat stanzas, and the `xmpp:` attribute (no server needed).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { xml } from '../../src/transport/xmpp/xmpp-client.ts';
import type { ChatMessage } from '../../src/model/message.ts';
import { parseMessage } from '../../src/model/schema.ts';
import { buildMessageStanza, NS } from '../../src/transport/xmpp/build-stanza.ts';
import { parseXmppAttribute } from '../../src/transport/xmpp/options.ts';
import { nameFromUrl, readMessageStanza } from '../../src/transport/xmpp/read-stanza.ts';

const ROOM_JID = 'lobby@conference.example.org';
const context = { room: 'lobby', seq: 7, receivedAt: 1_700_000_000_000 };
const photo = {
  url: 'https://upload.example.org/file_share/abc/photo.jpg',
  name: 'photo.jpg',
  size: 21891,
  mime: 'image/jpeg',
  width: 1200,
  height: 800,
  sha256: '8800d9d64974f796165faf17ad9adc4b2a76e9f480754673a49942a02bbadda6',
  thumbnail: 'data:image/webp;base64,UklGRg==',
  caption: 'the view',
};

/** The room's copy of our stanza, as every occupant receives it. */
function reflected(message: ChatMessage, nick: string) {
  const stanza = buildMessageStanza(message, ROOM_JID);
  stanza.attrs.from = `${ROOM_JID}/${nick}`;
  return stanza;
}

describe('XMPP stanzas', () => {
  it('sends a file as body = GET URL, OOB and XEP-0447 with XEP-0446 metadata, and reads it back whole', () => {
    const message: ChatMessage = { id: 'm1', room: 'lobby', sender: { id: 'alice', name: 'Alice' }, createdAt: 1_699_999_999_000, attachments: [photo] };
    const stanza = reflected(message, 'alice');
    assert.equal(stanza.getChildText('body'), photo.url);
    assert.equal(stanza.getChild('origin-id', NS.sid)?.attrs.id, 'm1');
    assert.equal(stanza.getChild('x', NS.oob)?.getChildText('url'), photo.url);
    const file = stanza.getChild('file-sharing', NS.sfs)!.getChild('file', NS.fileMetadata)!;
    assert.equal(file.getChild('hash', NS.hashes)?.text(), 'iADZ1kl095YWX68XrZrcSyp26fSAdUZzpJlCoCu63aY=');
    assert.equal(file.getChildText('size'), '21891');
    assert.deepEqual(parseMessage(readMessageStanza(stanza, context)), { ...message, seq: 7 });
  });

  it('takes the sender from the MUC nick, never from the JSON', () => {
    const stanza = reflected({ id: 'm2', room: 'lobby', sender: { id: 'mallory', name: 'Bob' }, createdAt: 1, text: 'hi' }, 'bob');
    assert.deepEqual(readMessageStanza(stanza, context)?.sender, { id: 'bob', name: 'Bob' });
  });

  it("reads another client's OOB share as a file: name from the URL, no size (unknown, never 0), type from the extension", () => {
    const url = 'https://upload.example.org/file_share/xyz/Holiday%20plan.pdf';
    const stanza = xml('message', { type: 'groupchat', from: `${ROOM_JID}/carol`, id: 'x1' }, xml('body', {}, url), xml('x', { xmlns: NS.oob }, xml('url', {}, url)));
    const message = parseMessage(readMessageStanza(stanza, { ...context, stanzaId: 'sid-1' }));
    assert.deepEqual(message, { id: 'sid-1', room: 'lobby', seq: 7, sender: { id: 'carol' }, createdAt: context.receivedAt, attachments: [{ url, name: 'Holiday plan.pdf', mime: 'application/pdf' }] });
    assert.equal('size' in message.attachments![0]!, false);
  });

  it('names a file shared by URL alone from its last path segment, decoded, without controls or separators, and never too long for the wire', () => {
    assert.equal(nameFromUrl('https://h.example/share/a1/Caf%C3%A9%20menu.PNG?x=1#y'), 'Café menu.PNG');
    assert.equal(nameFromUrl('https://h.example/share/..%2F..%2Fetc%2Fpasswd'), '.._.._etc_passwd');
    assert.equal(nameFromUrl('https://h.example/a/evil%0D%0A%00name%E2%80%AEgnp.exe'), 'evilname\u202Egnp.exe', 'bidi controls stay for displayName to drop when shown');
    assert.equal(nameFromUrl('https://h.example/a/%E0%A4%A'), 'file', 'a malformed escape');
    assert.equal(nameFromUrl('https://h.example/'), 'file');
    assert.equal(nameFromUrl('not a url'), 'file');
    const long = nameFromUrl(`https://h.example/a/${'%F0%9F%98%80'.repeat(600)}.jpg`);
    assert.equal(Array.from(long).length, 255);
    assert.ok(long.endsWith('😀….jpg'), 'cut between whole characters, the extension kept');
    const message = readMessageStanza(
      xml('message', { type: 'groupchat', from: `${ROOM_JID}/carol`, id: 'x2' }, xml('x', { xmlns: NS.oob }, xml('url', {}, `https://h.example/a/${'n'.repeat(1800)}.png`))),
      context,
    );
    assert.equal(parseMessage(message).attachments![0]!.name.length, 255, 'a long URL still makes a valid message');
  });

  it('sends no size for a file whose size is unknown, and reads XEP-0447 without one as unknown', () => {
    const file = { url: 'https://h.example/a/b.png', name: 'b.png', mime: 'image/png' };
    const sharing = reflected({ id: 'm3', room: 'lobby', sender: { id: 'alice' }, createdAt: 1, attachments: [file] }, 'alice').getChild('file-sharing', NS.sfs)!;
    assert.equal(sharing.getChild('file', NS.fileMetadata)!.getChild('size'), undefined);
    const another = xml('message', { type: 'groupchat', from: `${ROOM_JID}/dave`, id: 'x3' }, xml('body', {}, file.url), sharing);
    assert.deepEqual(parseMessage(readMessageStanza(another, context)).attachments, [file]);
  });

  it("keeps another client's words beside a shared file, and reads its XEP-0447 metadata", () => {
    const url = 'https://upload.example.org/f/clip.mp4';
    const stanza = xml(
      'message',
      { type: 'groupchat', from: `${ROOM_JID}/dave` },
      xml('body', {}, `look at this\n${url}`),
      xml('origin-id', { xmlns: NS.sid, id: 'o1' }),
      xml('file-sharing', { xmlns: NS.sfs }, xml('file', { xmlns: NS.fileMetadata }, xml('name', {}, 'clip.mp4'), xml('media-type', {}, 'video/mp4'), xml('size', {}, '1000'), xml('length', {}, '4200')), xml('sources', {}, xml('url-data', { xmlns: NS.urlData, target: url }))),
    );
    const message = parseMessage(readMessageStanza(stanza, context));
    assert.equal(message.text, 'look at this');
    assert.deepEqual(message.attachments, [{ url, name: 'clip.mp4', size: 1000, mime: 'video/mp4', durationMs: 4200 }]);
  });

  it('ignores a stanza with nothing to show (a subject change)', () => {
    assert.equal(readMessageStanza(xml('message', { type: 'groupchat', from: `${ROOM_JID}/carol`, id: 's' }, xml('subject', {}, 'Topic')), context), undefined);
  });
});

describe('parseXmppAttribute', () => {
  it('reads the WebSocket URL and the options in its query', () => {
    assert.deepEqual(parseXmppAttribute('xmpp:wss://chat.example.org/xmpp-websocket?domain=example.org&muc=rooms.example.org&username=alice', { password: 'p' }), {
      service: 'wss://chat.example.org/xmpp-websocket',
      domain: 'example.org',
      muc: 'rooms.example.org',
      username: 'alice',
      password: 'p',
    });
  });

  it('refuses a password in the attribute and a URL that is not a WebSocket', () => {
    assert.throws(() => parseXmppAttribute('xmpp:wss://chat.example.org/ws?password=secret'), /property/);
    assert.throws(() => parseXmppAttribute('xmpp:https://chat.example.org/ws'), /ws:\/\//);
  });
});
