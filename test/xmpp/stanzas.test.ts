// Reading and writing Chatdrop's groupchat stanzas, and the `xmpp:` attribute (no server needed).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { xml } from '@xmpp/client-core';
import type { ChatMessage } from '../../src/model/message.ts';
import { parseMessage } from '../../src/model/schema.ts';
import { buildMessageStanza, NS } from '../../src/transport/xmpp/build-stanza.ts';
import { parseXmppAttribute } from '../../src/transport/xmpp/options.ts';
import { readMessageStanza } from '../../src/transport/xmpp/read-stanza.ts';

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

  it("reads another client's OOB share as a file: name from the URL, size 0 (unknown), type from the extension", () => {
    const url = 'https://upload.example.org/file_share/xyz/Holiday%20plan.pdf';
    const stanza = xml('message', { type: 'groupchat', from: `${ROOM_JID}/carol`, id: 'x1' }, xml('body', {}, url), xml('x', { xmlns: NS.oob }, xml('url', {}, url)));
    const message = parseMessage(readMessageStanza(stanza, { ...context, stanzaId: 'sid-1' }));
    assert.deepEqual(message, { id: 'sid-1', room: 'lobby', seq: 7, sender: { id: 'carol' }, createdAt: context.receivedAt, attachments: [{ url, name: 'Holiday plan.pdf', size: 0, mime: 'application/pdf' }] });
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
