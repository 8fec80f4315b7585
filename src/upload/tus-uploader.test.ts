import { expect } from '@open-wc/testing';
import { serverUrl } from '@chatdrop/test-server';
import { fileHostUrl } from '@chatdrop/test-file-host';
import { createTusUploader } from './tus-uploader.ts';
import { createResumePoints } from './resume-points.ts';
import { fetchDownload } from './downloader.ts';
import { TransferError, type UploadResult } from './handler.ts';
import { makeRandomFile, sha256 } from '../../test/helpers/files.ts';
import { memoryStorage, startPartialTusUpload, tusOffset } from '../../test/helpers/tus.ts';

const endpoint = `${serverUrl}/tus/`;
const noProgress = () => {};
const idOf = (url: string) => new URL(url).pathname.split('/').pop()!;

describe('createTusUploader with the reference server', () => {
  it('uploads a file by tus, says where the server stored it, and the downloaded bytes are the same', async () => {
    const file = makeRandomFile('data 100%.bin', 1_500_000);
    const progress: Array<[number, number]> = [];
    const result = await createTusUploader({ endpoint, resumePoints: createResumePoints(memoryStorage()) })(file, {
      id: crypto.randomUUID(),
      signal: new AbortController().signal,
      onProgress: (sent, total) => progress.push([sent, total]),
    });
    expect(result.url).to.match(new RegExp(`^${serverUrl}/files/[A-Za-z0-9_-]{32}$`));
    expect(result.mime).to.equal('application/octet-stream');
    expect(progress.at(-1)).to.deep.equal([file.size, file.size]);
    const blob = await fetchDownload({ url: result.url, name: file.name, size: file.size, mime: file.type }, { signal: new AbortController().signal, onProgress: noProgress });
    expect(await sha256(blob)).to.equal(await sha256(file));
  });

  it("carries the file's name, in any script and with commas, and its type to the server (tus metadata)", async () => {
    const name = 'naïve, 日本語 — notes 1.txt';
    const file = new File(['hello tus'], name, { type: 'text/plain' });
    const result = await createTusUploader({ endpoint, resumePoints: createResumePoints(memoryStorage()) })(file, { id: crypto.randomUUID(), signal: new AbortController().signal, onProgress: noProgress });
    expect(result.mime).to.match(/^text\/plain\b/);
    const answer = await fetch(result.url);
    expect(answer.headers.get('content-disposition')).to.include(`filename*=UTF-8''${encodeURIComponent(name).replace(/'/g, '%27')}`);
    expect(await answer.text()).to.equal('hello tus');
  });

  it('goes on with an upload a closed page left half done, from the offset the server holds, found by the message id', async () => {
    const file = makeRandomFile('half.bin', 3_000_000);
    const storage = memoryStorage();
    const upload = await startPartialTusUpload(endpoint, file, 1_000_000);
    createResumePoints(storage).save('message-1', { url: upload, endpoint, size: file.size });
    const progress: number[] = [];
    // A new page: a new uploader over the same storage.
    const result: UploadResult = await createTusUploader({ endpoint, resumePoints: createResumePoints(storage) })(file, {
      id: 'message-1',
      signal: new AbortController().signal,
      onProgress: (sent) => progress.push(sent),
    });
    expect(idOf(result.url), 'the same upload, finished (a new one would have a new id)').to.equal(idOf(upload));
    expect(progress[0], 'progress starts at the offset the server held').to.be.at.least(1_000_000);
    const blob = await fetchDownload({ url: result.url, name: file.name, size: file.size, mime: file.type }, { signal: new AbortController().signal, onProgress: noProgress });
    expect(await sha256(blob)).to.equal(await sha256(file));
    expect(createResumePoints(storage).get('message-1', endpoint, file.size), 'a finished upload is forgotten').to.equal(undefined);
  });

  it('starts a new upload when the one it knew is gone from the server', async () => {
    const file = makeRandomFile('gone.bin', 200_000);
    const storage = memoryStorage();
    createResumePoints(storage).save('message-2', { url: `${serverUrl}/tus/${'x'.repeat(32)}`, endpoint, size: file.size });
    const result = await createTusUploader({ endpoint, resumePoints: createResumePoints(storage) })(file, { id: 'message-2', signal: new AbortController().signal, onProgress: noProgress });
    const blob = await fetchDownload({ url: result.url, name: file.name, size: file.size, mime: file.type }, { signal: new AbortController().signal, onProgress: noProgress });
    expect(await sha256(blob)).to.equal(await sha256(file));
  });

  it('cancelling terminates the upload on the server and forgets it', async () => {
    const file = makeRandomFile('cancelled.bin', 4_000_000);
    const storage = memoryStorage();
    const controller = new AbortController();
    let url: string | undefined;
    // Small requests, and the cancel comes with the first bytes: the upload cannot have finished.
    const error = await createTusUploader({ endpoint, chunkSize: 256 * 1024, resumePoints: createResumePoints(storage) })(file, {
      id: 'message-3',
      signal: controller.signal,
      onProgress: (sent) => {
        if (sent === 0 || controller.signal.aborted) return;
        url = createResumePoints(storage).get('message-3', endpoint, file.size);
        controller.abort();
      },
    }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).to.be.instanceOf(TransferError);
    expect((error as TransferError).code).to.equal('cancelled');
    expect(url, 'the upload had been created').to.be.a('string');
    expect(createResumePoints(storage).get('message-3', endpoint, file.size), 'and is forgotten').to.equal(undefined);
    let offset: Awaited<ReturnType<typeof tusOffset>> = 0;
    for (let tries = 0; tries < 50 && typeof offset === 'number'; tries++) {
      offset = await tusOffset(url!);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(offset, 'the server no longer has it').to.deep.equal({ status: 404 });
  });

  it("fails a file over the server's limit (413) as too-large with the limit, without retrying", async () => {
    const tooBig = makeRandomFile('too-big.bin', 5 * 1024 * 1024 + 1);
    const retries: unknown[] = [];
    const error = await createTusUploader({ endpoint, resumePoints: createResumePoints(memoryStorage()) })(tooBig, {
      id: crypto.randomUUID(),
      signal: new AbortController().signal,
      onProgress: noProgress,
      onRetry: (retry) => retries.push(retry),
    }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(retries).to.deep.equal([]);
    expect(error).to.be.instanceOf(TransferError);
    expect((error as TransferError).code).to.equal('too-large');
    expect((error as TransferError).maxFileSize).to.equal(5 * 1024 * 1024);
  });
});

describe('createTusUploader with a server that misbehaves', () => {
  it('fails a PATCH the server answers without taking any byte, rather than send it again and again', async () => {
    const endpoint = `${fileHostUrl}/stuck-tus/${crypto.randomUUID()}/`;
    const error = await createTusUploader({ endpoint, retry: { delaysMs: [] }, resumePoints: createResumePoints(memoryStorage()) })(
      makeRandomFile('stuck.bin', 1000),
      { id: crypto.randomUUID(), signal: new AbortController().signal, onProgress: noProgress },
    ).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).to.be.instanceOf(TransferError);
    expect(await (await fetch(`${endpoint}methods`)).json(), 'what the server was asked').to.deep.equal(['POST', 'PATCH']);
  });
});
