import { expect } from '@open-wc/testing';
import { serverUrl } from '@chatdrop/test-server';
import { createFetchDownload, fetchDownload } from './downloader.ts';
import { TransferError } from './handler.ts';
import { makeRandomFile, sha256 } from '../../test/helpers/files.ts';
import { attachmentOnServer, faultyUrl, recordFetches } from './downloader.test-helpers.ts';

const options = (onProgress: (received: number, total: number | undefined) => void = () => {}, signal = new AbortController().signal) => ({ signal, onProgress });

describe('fetchDownload against the reference server', () => {
  it('downloads with steadily rising progress to the same bytes, checking the sha256 the message carries', async () => {
    const file = makeRandomFile('data.bin', 1_500_000);
    const attachment = await attachmentOnServer(serverUrl, file);
    const progress: number[] = [];
    const blob = await fetchDownload(attachment, options((received, total) => {
      expect(total).to.equal(file.size);
      progress.push(received);
    }));
    expect(await sha256(blob)).to.equal(attachment.sha256);
    expect(progress.at(-1)).to.equal(file.size);
    expect(progress.every((value, index) => index === 0 || value >= progress[index - 1]!)).to.equal(true);
  });

  it('types an image Blob as the image, and anything that could script as opaque bytes', async () => {
    const svg = await attachmentOnServer(serverUrl, new File(['<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'], 'x.svg', { type: 'image/svg+xml' }));
    expect((await fetchDownload(svg, options())).type).to.equal('application/octet-stream');
    const png = await attachmentOnServer(serverUrl, new File([new Uint8Array(10)], 'x.png', { type: 'image/png' }));
    expect((await fetchDownload(png, options())).type).to.equal('image/png');
  });

  it('X17: a 410 says the file is gone, with its status, and is not retried', async () => {
    const attachment = await attachmentOnServer(serverUrl, makeRandomFile('gone.bin', 1000));
    const { result, requests } = await recordFetches(() => fetchDownload({ ...attachment, url: faultyUrl(attachment.url, { status: 410, times: 5 }) }, options()));
    expect(result).to.be.instanceOf(TransferError);
    expect((result as TransferError).status).to.equal(410);
    expect((result as TransferError).code).to.equal('not-found');
    expect(requests.length).to.equal(1);
  });

  it('X17: a 500 fails as retryable at once, and the next attempt gets the file', async () => {
    const attachment = await attachmentOnServer(serverUrl, makeRandomFile('flaky.bin', 1000));
    const url = faultyUrl(attachment.url, { status: 500, times: 1 });
    const error = await fetchDownload({ ...attachment, url }, options()).catch((caught: TransferError) => caught);
    expect((error as TransferError).status).to.equal(500);
    expect((error as TransferError).code).to.equal('server');
    expect((error as TransferError).isRetryable).to.equal(true);
    expect(await sha256(await fetchDownload({ ...attachment, url }, options()))).to.equal(attachment.sha256);
  });

  it('X17: a body cut short every time is never returned, and says it was cut off', async () => {
    const attachment = await attachmentOnServer(serverUrl, makeRandomFile('short.bin', 200_000));
    const download = createFetchDownload({ resumeDelaysMs: [10, 10] });
    const { result, requests } = await recordFetches(() => download({ ...attachment, url: faultyUrl(attachment.url, { truncateAt: 50_000, times: 10 }) }, options()));
    expect(result).to.be.instanceOf(TransferError);
    expect((result as TransferError).code).to.equal('interrupted');
    expect((result as TransferError).isRetryable).to.equal(true);
    expect(requests.length).to.equal(3);
  });

  it('X18: a body cut at 60% is resumed with Range and If-Range on the ETag, and the stitched bytes match the sha256', async () => {
    const file = makeRandomFile('resume.bin', 1_000_000);
    const attachment = await attachmentOnServer(serverUrl, file);
    const progress: number[] = [];
    const url = faultyUrl(attachment.url, { truncateAt: 600_000, times: 1 });
    const { result, requests } = await recordFetches(() => fetchDownload({ ...attachment, url }, options((received) => progress.push(received))));
    expect(result).to.be.instanceOf(Blob);
    expect(await sha256(result as Blob)).to.equal(attachment.sha256);
    expect(requests.map(({ range, ifRange }) => [range, ifRange])).to.deep.equal([
      [null, null],
      ['bytes=600000-', `"${new URL(attachment.url).pathname.split('/').pop()}"`],
    ]);
    expect(Math.max(...progress.slice(0, progress.indexOf(600_000) + 1))).to.equal(600_000);
    expect(progress.at(-1)).to.equal(file.size);
  });

  it('M11/X17: bytes that do not match the sha256 are reported damaged, never returned', async () => {
    const attachment = await attachmentOnServer(serverUrl, makeRandomFile('damaged.bin', 5000));
    const error = await fetchDownload({ ...attachment, sha256: 'f'.repeat(64) }, options()).catch((caught: TransferError) => caught);
    expect(error).to.be.instanceOf(TransferError);
    expect((error as TransferError).code).to.equal('integrity');
    expect((error as TransferError).message).to.include(`not ${'f'.repeat(64)}`);
  });

  it('stops when cancelled, saying so', async () => {
    const attachment = await attachmentOnServer(serverUrl, makeRandomFile('cancel.bin', 3_000_000));
    const controller = new AbortController();
    const error = await fetchDownload(attachment, options(() => controller.abort(), controller.signal)).catch((caught: TransferError) => caught);
    expect((error as TransferError).code).to.equal('cancelled');
  });
});
