import { expect } from '@open-wc/testing';
import { serverUrl } from '@chatdrop/test-server';
import { createUppyUploader } from './uppy-uploader.ts';
import { fetchDownload } from './downloader.ts';
import { TransferError } from './handler.ts';
import { makeRandomFile, sha256 } from '../../test/helpers/files.ts';

const noProgress = () => {};

describe('createUppyUploader with the reference server', () => {
  it('uploads a real file and the downloaded bytes are the same', async () => {
    const file = makeRandomFile('data 100%.bin', 1_500_000);
    const progress: Array<[number, number]> = [];
    const upload = createUppyUploader({ endpoint: `${serverUrl}/upload` });
    const result = await upload(file, { id: 'u1', signal: new AbortController().signal, onProgress: (sent, total) => progress.push([sent, total]) });
    expect(result.url).to.match(new RegExp(`^${serverUrl}/files/[A-Za-z0-9_-]{32,}$`));
    expect(progress.length).to.be.greaterThan(0);
    expect(progress.at(-1)).to.deep.equal([file.size, file.size]);

    const received: number[] = [];
    const blob = await fetchDownload({ url: result.url, name: file.name, size: file.size, mime: file.type }, { signal: new AbortController().signal, onProgress: (bytes) => received.push(bytes) });
    expect(await sha256(blob)).to.equal(await sha256(file));
    expect(received.at(-1)).to.equal(file.size);
  });

  it("shows the server's own sentence when the file is over its limit (413), without retrying", async () => {
    const upload = createUppyUploader({ endpoint: `${serverUrl}/upload` });
    const tooBig = makeRandomFile('too-big.bin', 5 * 1024 * 1024 + 1);
    const error = await upload(tooBig, { id: 'u2', signal: new AbortController().signal, onProgress: noProgress }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).to.be.instanceOf(TransferError);
    expect((error as TransferError).status).to.equal(413);
    expect((error as TransferError).isRetryable).to.equal(false);
    expect((error as TransferError).message).to.match(/larger than the server's limit of 5 MB/);
  });

  it('aborts the request when the user cancels', async () => {
    const upload = createUppyUploader({ endpoint: `${serverUrl}/upload` });
    const controller = new AbortController();
    const pending = upload(makeRandomFile('cancel-me.bin', 4 * 1024 * 1024), { id: 'u3', signal: controller.signal, onProgress: noProgress });
    controller.abort();
    const error = await pending.then(() => undefined, (caught: unknown) => caught);
    expect((error as Error).message).to.equal('Upload cancelled.');
  });
});

describe('fetchDownload', () => {
  it('says a missing file is no longer available', async () => {
    const error = await fetchDownload({ url: `${serverUrl}/files/${'x'.repeat(43)}`, name: 'gone.txt', size: 1, mime: 'text/plain' }, { signal: new AbortController().signal, onProgress: noProgress }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect((error as TransferError).status).to.equal(404);
    expect((error as TransferError).message).to.equal('This file is no longer available.');
  });

  it('refuses a javascript: URL without fetching it', async () => {
    const error = await fetchDownload({ url: 'javascript:alert(1)', name: 'x', size: 1, mime: 'text/plain' }, { signal: new AbortController().signal, onProgress: noProgress }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect((error as Error).message).to.match(/unsupported link/);
  });
});
