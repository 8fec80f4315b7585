import { expect } from '@open-wc/testing';
import { TransferError, type UploadHandler } from './handler.ts';
import { lazyUploadHandler } from './lazy-handlers.ts';

const options = () => ({ id: 'm1', signal: new AbortController().signal, onProgress: () => undefined });
const file = new File(['hello'], 'hello.txt', { type: 'text/plain' });

describe('lazyUploadHandler', () => {
  it('loads the real handler on the first upload, once', async () => {
    let loads = 0;
    const real: UploadHandler = async (picked) => ({ url: `https://files.example/${picked.name}` });
    const upload = lazyUploadHandler(async () => (loads++, real));
    expect(loads).to.equal(0);
    expect(await upload(file, options())).to.deep.equal({ url: 'https://files.example/hello.txt' });
    await upload(file, options());
    expect(loads).to.equal(1);
  });

  it('fails an upload whose code cannot load as uploader-unavailable, and loads again for the next', async () => {
    let loads = 0;
    const upload = lazyUploadHandler(async () => {
      if (++loads === 1) throw new TypeError('Failed to fetch dynamically imported module');
      return async () => ({ url: 'https://files.example/again' });
    });
    const failure = await upload(file, options()).catch((error: unknown) => error);
    expect(failure).to.be.instanceOf(TransferError);
    expect((failure as TransferError).code).to.equal('uploader-unavailable');
    expect((failure as TransferError).isRetryable).to.equal(false);
    expect(await upload(file, options())).to.deep.equal({ url: 'https://files.example/again' });
    expect(loads).to.equal(2);
  });
});
