import { expect } from '@open-wc/testing';
import { serverUrl } from '@chatdrop/test-server';
import { createUppyUploader } from './uppy-uploader.ts';
import { fetchDownload } from './downloader.ts';
import { TransferError, type UploadResult } from './handler.ts';
import { makeRandomFile, sha256 } from '../../test/helpers/files.ts';
import { FAULTS_MISSING, faultyEndpoint, serverInjectsFaults } from '../../test/helpers/upload-faults.ts';

const noProgress = () => {};

describe('createUppyUploader with the reference server', () => {
  it('sends the picked File itself (never a slice of it), and the downloaded bytes are the same', async () => {
    const file = makeRandomFile('data 100%.bin', 1_500_000);
    const progress: Array<[number, number]> = [];
    const upload = createUppyUploader({ endpoint: `${serverUrl}/upload` });
    const slice = Blob.prototype.slice;
    let slicesOfFile = 0;
    Blob.prototype.slice = function (this: Blob, ...args: Parameters<Blob['slice']>) {
      if (this === file) slicesOfFile++;
      return slice.apply(this, args);
    };
    let result: UploadResult;
    try {
      result = await upload(file, { id: 'u1', signal: new AbortController().signal, onProgress: (sent, total) => progress.push([sent, total]) });
    } finally {
      Blob.prototype.slice = slice;
    }
    expect(slicesOfFile, 'slices of the picked file').to.equal(0);
    expect(result.url).to.match(new RegExp(`^${serverUrl}/files/[A-Za-z0-9_-]{32,}$`));
    expect(progress.length).to.be.greaterThan(0);
    expect(progress.at(-1)).to.deep.equal([file.size, file.size]);

    const received: number[] = [];
    const blob = await fetchDownload({ url: result.url, name: file.name, size: file.size, mime: file.type }, { signal: new AbortController().signal, onProgress: (bytes) => received.push(bytes) });
    expect(await sha256(blob)).to.equal(await sha256(file));
    expect(received.at(-1)).to.equal(file.size);
  });

  it("fails a file over the server's limit (413) as too-large with the limit, without retrying", async () => {
    const upload = createUppyUploader({ endpoint: `${serverUrl}/upload` });
    const tooBig = makeRandomFile('too-big.bin', 5 * 1024 * 1024 + 1);
    const retries: unknown[] = [];
    const error = await upload(tooBig, { id: 'u2', signal: new AbortController().signal, onProgress: noProgress, onRetry: (retry) => retries.push(retry) }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(retries).to.deep.equal([]);
    expect(error).to.be.instanceOf(TransferError);
    expect((error as TransferError).status).to.equal(413);
    expect((error as TransferError).isRetryable).to.equal(false);
    expect((error as TransferError).code).to.equal('too-large');
    expect((error as TransferError).maxFileSize).to.equal(5 * 1024 * 1024);
    expect((error as TransferError).message, "the server's own sentence, for logs").to.match(/larger than the server's limit of 5 MB/);
  });

  it('C4: answers the type the server stored (type/subtype only), for the message to carry', async () => {
    const file = new File(['hello'], 'note.txt', { type: 'text/plain; charset=utf-8' });
    const result = await createUppyUploader({ endpoint: `${serverUrl}/upload` })(file, { id: crypto.randomUUID(), signal: new AbortController().signal, onProgress: noProgress });
    expect(result.mime).to.equal('text/plain');
  });

  it('uploads an empty file', async () => {
    const empty = new File([], 'empty.txt', { type: 'text/plain' });
    const result = await createUppyUploader({ endpoint: `${serverUrl}/upload` })(empty, { id: 'u0', signal: new AbortController().signal, onProgress: noProgress });
    const blob = await fetchDownload({ url: result.url, name: empty.name, size: 0, mime: empty.type }, { signal: new AbortController().signal, onProgress: noProgress });
    expect(blob.size).to.equal(0);
  });

  it('never retries a 404 from a wrong endpoint', async () => {
    const retries: unknown[] = [];
    const upload = createUppyUploader({ endpoint: `${serverUrl}/files/no-such-endpoint` });
    const error = await upload(makeRandomFile('x.bin', 1000), { id: 'u4', signal: new AbortController().signal, onProgress: noProgress, onRetry: (retry) => retries.push(retry) }).catch((caught: TransferError) => caught);
    expect(error).to.be.instanceOf(TransferError);
    expect((error as TransferError).status).to.equal(404);
    expect(retries).to.deep.equal([]);
  });

  it("retries a network error after Uppy's 300, 600 and 1200 ms, then fails as retryable", async function () {
    this.timeout(8000);
    // Nothing answers on port 1 (and Chromium refuses that port before connecting): either way the
    // XHR ends with no answer, status 0, exactly as a network error does.
    const upload = createUppyUploader({ endpoint: 'http://127.0.0.1:1/upload' });
    const retries: Array<{ attempt: number; delayMs: number }> = [];
    const started = performance.now();
    const error = await upload(makeRandomFile('x.bin', 1000), {
      id: 'u5',
      signal: new AbortController().signal,
      onProgress: noProgress,
      onRetry: ({ attempt, delayMs }) => retries.push({ attempt, delayMs }),
    }).catch((caught: TransferError) => caught);
    const elapsed = performance.now() - started;
    expect(retries).to.deep.equal([{ attempt: 1, delayMs: 300 }, { attempt: 2, delayMs: 600 }, { attempt: 3, delayMs: 1200 }]);
    expect(elapsed).to.be.within(2100, 5000);
    expect(error).to.be.instanceOf(TransferError);
    expect((error as TransferError).isRetryable).to.equal(true);
    expect((error as TransferError).code).to.equal('network');
  });

  it('aborts the request when the user cancels', async () => {
    const upload = createUppyUploader({ endpoint: `${serverUrl}/upload` });
    const controller = new AbortController();
    const pending = upload(makeRandomFile('cancel-me.bin', 4 * 1024 * 1024), { id: 'u3', signal: controller.signal, onProgress: noProgress });
    controller.abort();
    const error = await pending.then(() => undefined, (caught: unknown) => caught);
    expect((error as TransferError).code).to.equal('cancelled');
  });
});

describe('fetchDownload', () => {
  it('says a missing file is no longer available', async () => {
    const error = await fetchDownload({ url: `${serverUrl}/files/${'x'.repeat(43)}`, name: 'gone.txt', size: 1, mime: 'text/plain' }, { signal: new AbortController().signal, onProgress: noProgress }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect((error as TransferError).status).to.equal(404);
    expect((error as TransferError).code).to.equal('not-found');
  });

  it('refuses a javascript: URL without fetching it', async () => {
    const error = await fetchDownload({ url: 'javascript:alert(1)', name: 'x', size: 1, mime: 'text/plain' }, { signal: new AbortController().signal, onProgress: noProgress }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect((error as TransferError).code).to.equal('unsupported-link');
  });
});

describe('createUppyUploader against injected server faults', () => {
  before(async function () {
    if (await serverInjectsFaults(serverUrl)) return;
    console.warn(`skipped: ${FAULTS_MISSING}`);
    this.skip();
  });

  const uploadTo = (endpoint: string, file: File, retries: Array<{ attempt: number; delayMs: number }> = []) =>
    createUppyUploader({ endpoint })(file, { id: crypto.randomUUID(), signal: new AbortController().signal, onProgress: noProgress, onRetry: ({ attempt, delayMs }) => retries.push({ attempt, delayMs }) });

  for (const status of [500, 502, 503]) {
    it(`retries a ${status} after 300 ms and stores the same bytes`, async () => {
      const file = makeRandomFile('once.bin', 300_000);
      const retries: Array<{ attempt: number; delayMs: number }> = [];
      const result = await uploadTo(faultyEndpoint(serverUrl, { status, times: 1 }), file, retries);
      expect(retries).to.deep.equal([{ attempt: 1, delayMs: 300 }]);
      const blob = await fetchDownload({ url: result.url, name: file.name, size: file.size, mime: file.type }, { signal: new AbortController().signal, onProgress: noProgress });
      expect(await sha256(blob)).to.equal(await sha256(file));
    });
  }

  it('fails as retryable after three retries of a 500 every time, and a later retry stores it', async function () {
    this.timeout(8000);
    const endpoint = faultyEndpoint(serverUrl, { status: 500, times: 4 });
    const file = makeRandomFile('always.bin', 1000);
    const error = await uploadTo(endpoint, file).catch((caught: TransferError) => caught);
    expect((error as TransferError).status).to.equal(500);
    expect((error as TransferError).isRetryable).to.equal(true);
    expect((await uploadTo(endpoint, file)).url).to.match(/\/files\//);
  });

  it('waits at least Retry-After (twice) for a 429, then completes', async function () {
    this.timeout(8000);
    const started = performance.now();
    const retries: Array<{ attempt: number; delayMs: number }> = [];
    await uploadTo(faultyEndpoint(serverUrl, { status: 429, times: 2, retryAfter: '1' }), makeRandomFile('busy.bin', 1000), retries);
    expect(retries).to.deep.equal([{ attempt: 1, delayMs: 1000 }, { attempt: 2, delayMs: 1000 }]);
    expect(performance.now() - started).to.be.at.least(2000);
  });

  for (const status of [400, 401, 403]) {
    it(`never retries a ${status}`, async () => {
      const retries: Array<{ attempt: number; delayMs: number }> = [];
      const error = await uploadTo(faultyEndpoint(serverUrl, { status, times: 1 }), makeRandomFile('no.bin', 1000), retries).catch((caught: TransferError) => caught);
      expect((error as TransferError).status).to.equal(status);
      expect(retries).to.deep.equal([]);
    });
  }
});
