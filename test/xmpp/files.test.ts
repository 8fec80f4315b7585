// Files over XMPP in Node: what a plain XMPP client shares (XEP-0363 upload + body URL + XEP-0066
// OOB) reaches a Chatdrop store as a file it downloads byte for byte, and the upload service's
// limit is discovered and enforced with a readable sentence. The widget's own upload (Uppy in a
// browser) is tested in Chromium: widget.test.ts.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { xml } from '@xmpp/client';
import { TransferError } from '../../src/upload/handler.ts';
import { createXmppUploader } from '../../src/upload/xmpp-upload.ts';
import { FileTooLargeError } from '../../src/transport/xmpp/upload-slot.ts';
import { createXmppScene, eventually, freshRoom, sendPlain, startTestProsody, uploadPlain } from './harness.ts';
import { skipWithoutProsody, UPLOAD_LIMIT, type TestProsody } from './prosody.ts';

const PDF = fileURLToPath(new URL('../fixtures/report.pdf', import.meta.url));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('files over XMPP', { skip: skipWithoutProsody, timeout: 60_000 }, () => {
  let prosody: TestProsody;
  before(async () => (prosody = await startTestProsody()));
  after(() => prosody?.stop());

  test('a file a plain XMPP client shares by URL and OOB arrives as a file attachment, and downloads byte for byte', async (t) => {
    const scene = createXmppScene(t, prosody);
    const room = freshRoom();
    const alice = await scene.startClient('alice', room);
    const plain = await scene.startPlainClient('bob', room);
    const bytes = new Uint8Array(await readFile(PDF));
    // What Conversations, Dino or Gajim do: a slot, a PUT, then the GET URL as body and as OOB.
    const getUrl = await uploadPlain(plain, prosody.upload, 'report.pdf', bytes, 'application/pdf');
    await sendPlain(plain, getUrl, xml('x', { xmlns: 'jabber:x:oob' }, xml('url', {}, getUrl)));

    const entry = await eventually('alice receiving the shared file', () => alice.store.$entries.get().find((item) => item.message.sender.id === 'bob'));
    assert.equal(entry.message.text, undefined, 'the body was only the URL: no text beside the file');
    assert.deepEqual(entry.message.attachments, [{ url: getUrl, name: 'report.pdf', mime: 'application/pdf' }], 'no size: unknown until downloaded');
    const blob = await alice.store.download(entry.message.id);
    assert.equal(sha256(new Uint8Array(await blob.arrayBuffer())), sha256(bytes));
    const learned = await eventually('the size learned from the bytes', () => alice.store.$entries.get().find((item) => item.message.id === entry.message.id)?.message.attachments?.[0]?.size);
    assert.equal(learned, bytes.length);
  });

  test('the upload limit comes from service discovery, and a file over it fails with a sentence naming both sizes', async (t) => {
    const scene = createXmppScene(t, prosody);
    const alice = await scene.startClient('alice', freshRoom());
    await eventually('the upload service to be discovered', () => alice.transport.maxFileSize !== undefined);
    assert.equal(alice.transport.maxFileSize, UPLOAD_LIMIT);

    await assert.rejects(alice.transport.requestUpload({ name: 'big.bin', size: UPLOAD_LIMIT + 1, type: 'application/octet-stream' }), (error: unknown) => {
      assert.ok(error instanceof FileTooLargeError);
      assert.equal(error.maxFileSize, UPLOAD_LIMIT);
      return true;
    });
    const upload = createXmppUploader(alice.transport);
    const photo = new File([new Uint8Array(1_200_000)], 'photo.jpg', { type: 'image/jpeg' });
    const options = { id: 'x', signal: new AbortController().signal, onProgress: () => undefined };
    await assert.rejects(upload(photo, options), (error: unknown) => {
      assert.ok(error instanceof TransferError);
      assert.equal(error.message, 'photo.jpg is 1.2 MB; the server accepts files up to 1.0 MB.');
      return true;
    });
    // Asked anyway (a transport that has not discovered the limit), the server's refusal reads the same.
    const unaware = createXmppUploader({ requestUpload: (file) => alice.transport.requestUpload(file) });
    await assert.rejects(unaware(photo, options), /photo\.jpg is 1\.2 MB; the server accepts files up to 1\.0 MB\./);
  });
});
