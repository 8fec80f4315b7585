import { expect } from '@open-wc/testing';
import { map } from 'nanostores';
import { serverUrl } from '@chatdrop/test-server';
import type { ChatMessage } from '../model/message.ts';
import { createTusUploader } from '../upload/tus-uploader.ts';
import { createResumePoints } from '../upload/resume-points.ts';
import { fetchDownload } from '../upload/downloader.ts';
import { createFileSender } from './file-sender.ts';
import { indexedDbFileKeeper, type FileKeeper } from './file-keeper.ts';
import { isWaitingForFile, type UploadState } from './types.ts';
import { makeRandomFile, sha256, until } from '../../test/helpers/files.ts';
import { memoryStorage, startPartialTusUpload } from '../../test/helpers/tus.ts';

const endpoint = `${serverUrl}/tus/`;

/** What a page's file sender would be: a keeper over one database, the tus uploader over one storage. */
function pageOf(keeper: FileKeeper, storage: Storage) {
  const $uploads = map<Record<string, UploadState>>({});
  const uploaded: ChatMessage[] = [];
  const sender = createFileSender({
    upload: createTusUploader({ endpoint, resumePoints: createResumePoints(storage) }),
    $uploads,
    keeper,
    onPrepared: () => {},
    onUploaded: (message) => uploaded.push(message),
    onFailed: () => {},
  });
  return { sender, $uploads, uploaded };
}

/**
 * What a first page left of `file` before it went away: what its keeper could keep (bytes, or
 * only the message and identity), and a tus upload of its first `uploaded` bytes, remembered under
 * the message id. Resolves with the message and the upload's URL.
 */
async function leftByAPage(keeper: FileKeeper, storage: Storage, file: File, uploaded: number) {
  const message: ChatMessage = { id: `m-${crypto.randomUUID()}`, room: 'r', sender: { id: 'alice' }, createdAt: Date.now(), attachments: [{ url: '', name: file.name, size: file.size, mime: file.type }] };
  const isKept = await keeper.keep(message, file);
  const upload = await startPartialTusUpload(endpoint, file, uploaded);
  createResumePoints(storage).save(message.id, { url: upload, endpoint, size: file.size });
  return { message, upload, isKept };
}

const idOf = (url: string) => new URL(url).pathname.split('/').pop();

describe('a file sent with tus, after a reload', () => {
  it('the browser could not keep: its message waits for the same file; another one is refused, the same one goes on where the upload stopped', async function () {
    this.timeout(20000);
    // Kept up to 1000 bytes: the 2.5 MB file is not, only its message and identity.
    const keeper = indexedDbFileKeeper(`chatdrop-test-${crypto.randomUUID()}`, 1000);
    const storage = memoryStorage();
    const file = makeRandomFile('big.bin', 2_500_000);
    const { message, upload, isKept } = await leftByAPage(keeper, storage, file, 800_000);
    expect(isKept).to.equal(false);

    const page = pageOf(keeper, storage);
    const [kept] = await keeper.load('r', 'alice');
    expect(kept!.file, 'no bytes kept').to.equal(undefined);
    page.sender.resume(kept!);
    expect(page.$uploads.get()[message.id]!.error!.code).to.equal('file-needed');
    expect(isWaitingForFile(page.$uploads.get()[message.id])).to.equal(true);

    const sameSizeOtherBytes = makeRandomFile('big.bin', file.size);
    expect(await page.sender.pickFile(message.id, sameSizeOtherBytes)).to.equal(false);
    expect(page.$uploads.get()[message.id]!.error!.code).to.equal('different-file');
    expect(isWaitingForFile(page.$uploads.get()[message.id]), 'still waiting for the right file').to.equal(true);
    expect(await page.sender.pickFile(message.id, makeRandomFile('big.bin', 10))).to.equal(false);

    const picked = new File([file], 'renamed on disk.bin', { type: file.type });
    expect(await page.sender.pickFile(message.id, picked)).to.equal(true);
    await until(() => page.uploaded.length === 1, 15000, 'the upload to finish');
    const url = page.uploaded[0]!.attachments![0]!.url;
    expect(idOf(url), 'the upload the first page started, finished').to.equal(idOf(upload));
    const blob = await fetchDownload({ url, name: file.name, size: file.size, mime: file.type }, { signal: new AbortController().signal, onProgress: () => {} });
    expect(await sha256(blob)).to.equal(await sha256(file));
    await until(() => page.$uploads.get()[message.id]?.status === 'done', 2000, 'done');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await keeper.load('r', 'alice'), 'nothing left to the keeper').to.deep.equal([]);
  });

  it('kept by the browser: uploads by itself, from the offset the server holds', async function () {
    this.timeout(20000);
    const keeper = indexedDbFileKeeper(`chatdrop-test-${crypto.randomUUID()}`);
    const storage = memoryStorage();
    const file = makeRandomFile('kept.bin', 2_000_000);
    const { message, upload, isKept } = await leftByAPage(keeper, storage, file, 1_200_000);
    expect(isKept).to.equal(true);

    const page = pageOf(keeper, storage);
    const sent: number[] = [];
    page.$uploads.listen((uploads) => uploads[message.id]?.status === 'uploading' && sent.push(uploads[message.id]!.sent));
    const [kept] = await keeper.load('r', 'alice');
    page.sender.resume(kept!);
    await until(() => page.uploaded.length === 1, 15000, 'the upload to finish');
    expect(sent.filter((bytes) => bytes > 0)[0], 'the first bytes counted are past what the server held').to.be.at.least(1_200_000);
    const url = page.uploaded[0]!.attachments![0]!.url;
    expect(idOf(url), 'the upload the first page started, finished').to.equal(idOf(upload));
    const blob = await fetchDownload({ url, name: file.name, size: file.size, mime: file.type }, { signal: new AbortController().signal, onProgress: () => {} });
    expect(await sha256(blob)).to.equal(await sha256(file));
  });
});
