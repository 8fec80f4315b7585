import { expect } from '@open-wc/testing';
import { ConnectionLostError } from '../transport/transport.ts';
import { FileTooLargeError, type SlotRequest, type UploadSlot } from '../transport/xmpp/upload-slot.ts';
import { TransferError } from './handler.ts';
import { createXmppUploader, tooLargeSentence } from './xmpp-upload.ts';

const options = () => ({ id: 'm1', signal: new AbortController().signal, onProgress: () => {} });
const photo = new File([new Uint8Array(12_000_000)], 'photo.jpg', { type: 'image/jpeg' });

/** A slot source that records what it was asked and answers with `answer`. */
function slotSource(answer: (request: SlotRequest) => Promise<UploadSlot>, maxFileSize?: number) {
  const asked: SlotRequest[] = [];
  return { asked, source: { maxFileSize, requestUpload: (request: SlotRequest) => (asked.push(request), answer(request)) } };
}

async function failure(promise: Promise<unknown>): Promise<TransferError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(TransferError);
    return error as TransferError;
  }
  throw new Error('the upload did not fail');
}

describe('createXmppUploader', () => {
  it('refuses a file over the discovered limit before asking for a slot, naming both sizes', async () => {
    const { asked, source } = slotSource(() => Promise.reject(new Error('not asked')), 10_000_000);
    const error = await failure(createXmppUploader(source)(photo, options()));
    expect([error.code, error.maxFileSize]).to.deep.equal(['too-large', 10_000_000]);
    expect(error.message).to.equal('photo.jpg is 12 MB; the server accepts files up to 10 MB.');
    expect(error.isRetryable).to.equal(false);
    expect(asked).to.deep.equal([]);
  });

  it("turns the server's too-large refusal into the same error, without retrying", async () => {
    const { asked, source } = slotSource(() => Promise.reject(new FileTooLargeError(10_000_000)));
    const error = await failure(createXmppUploader(source)(photo, options()));
    expect([error.code, error.maxFileSize]).to.deep.equal(['too-large', 10_000_000]);
    expect(error.message).to.equal('photo.jpg is 12 MB; the server accepts files up to 10 MB.');
    expect(asked).to.deep.equal([{ name: 'photo.jpg', size: 12_000_000, type: 'image/jpeg' }]);
  });

  it('asks for a slot with a name the service accepts (no slash) and retries when not connected', async () => {
    const { asked, source } = slotSource(() => Promise.reject(new ConnectionLostError('not connected')));
    const file = new File(['x'], 'a/b.txt', { type: '' });
    const error = await failure(createXmppUploader(source, { retry: { delaysMs: [1, 1] } })(file, options()));
    expect(error.code).to.equal('network');
    expect(error.message).to.match(/not connected/);
    expect(asked.map((request) => request.name)).to.deep.equal(['a_b.txt', 'a_b.txt', 'a_b.txt']);
    expect(asked[0]!.type).to.equal('application/octet-stream');
  });

  it('words an unknown limit plainly', () => {
    expect(tooLargeSentence(photo, undefined)).to.equal('photo.jpg is 12 MB; the server does not accept a file this large.');
  });
});
