import { expect } from '@open-wc/testing';
import { serverUrl } from '@chatdrop/test-server';
import type { ChatMessage } from '../model/message.ts';
import { hashFile } from '../upload/describe-file.ts';
import type { UploadHandler } from '../upload/handler.ts';
import { createTusUploader } from '../upload/tus-uploader.ts';
import { createResumePoints } from '../upload/resume-points.ts';
import { createUppyUploader } from '../upload/uppy-uploader.ts';
import { memoryStorage } from '../../test/helpers/tus.ts';
import { createUploadQueue, HASH_FIRST_BYTES, type UploadQueueOptions } from './upload-queue.ts';
import { makeRandomFile, sha256, until } from '../../test/helpers/files.ts';

const realUpload = createUppyUploader({ endpoint: `${serverUrl}/upload` });

/** A queue over the reference server whose uploads are counted (one call, one POST). */
function countingQueue(options: Partial<UploadQueueOptions> = {}) {
  const counted = { posts: 0 };
  const upload: UploadHandler = (file, given) => {
    counted.posts++;
    return realUpload(file, given);
  };
  return { queue: createUploadQueue({ upload, maxConcurrent: 5, stallTimeoutMs: 30_000, ...options }), counted };
}

/** A file message for `file`, as the file sender drafts it. */
const draftOf = (file: File): ChatMessage => ({
  id: crypto.randomUUID(),
  room: 'r',
  sender: { id: 'alice' },
  createdAt: Date.now(),
  attachments: [{ url: '', name: file.name, size: file.size, mime: file.type }],
});

/** Describes and uploads `file` as the file sender does; resolves with the message as it is handed over. */
async function send(queue: ReturnType<typeof createUploadQueue>, file: File, onState: Parameters<ReturnType<typeof createUploadQueue>['upload']>[3] = () => {}): Promise<ChatMessage> {
  const message = await queue.describe(draftOf(file), file);
  // As the file sender hands the message over: with the URL and the hash the upload resolved with.
  const { url, sha256: hex } = await queue.upload(message, file, new AbortController().signal, onState);
  return { ...message, attachments: [{ ...message.attachments![0]!, url, ...(hex && { sha256: hex }) }] };
}

describe('createUploadQueue', () => {
  it('uploads a big file while it is still being hashed, and hands the message over only with the hash', async () => {
    // A hash that ends when the test says, however long the upload takes.
    let finishHash = (_hex: string | undefined) => {};
    let isHashed = false;
    const hash = () =>
      new Promise<string | undefined>((resolve) => {
        finishHash = (hex) => {
          isHashed = true;
          resolve(hex);
        };
      });
    const { queue } = countingQueue({ hash });
    const file = makeRandomFile('big.bin', HASH_FIRST_BYTES + 1);
    let sentAllBeforeHash = false;
    let isHandedOver = false;
    const handedOver = send(queue, file, (state) => {
      if (state.status === 'uploading' && state.sent === file.size && !isHashed) sentAllBeforeHash = true;
    }).then((message) => ((isHandedOver = true), message));
    await until(() => sentAllBeforeHash, 5000, 'every byte uploaded').catch(() => {});
    expect(sentAllBeforeHash, 'every byte uploaded while the hash was still running').to.equal(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(isHandedOver, 'the message waits for the hash').to.equal(false);
    finishHash(await sha256(file));
    const message = await handedOver;
    expect(message.attachments![0]!.sha256).to.equal(await sha256(file));
  });

  it("once the server has given the sha256, later big files are not hashed in the page and their messages carry the server's", async function () {
    this.timeout(20000);
    const hashed: string[] = [];
    const { queue } = countingQueue({ hash: (file) => (hashed.push(file.name), hashFile(file)) });
    const first = makeRandomFile('first.bin', HASH_FIRST_BYTES + 1000);
    expect((await send(queue, first)).attachments![0]!.sha256).to.equal(await sha256(first));
    expect(hashed, 'the first file is hashed beside its upload: nothing says yet that the server gives hashes').to.deep.equal(['first.bin']);
    const second = makeRandomFile('second.bin', HASH_FIRST_BYTES + 2000);
    expect((await send(queue, second)).attachments![0]!.sha256, "the server's hash of the second").to.equal(await sha256(second));
    expect(hashed, 'the second is not hashed in the page').to.deep.equal(['first.bin']);
  });

  it("does not hash a page's first big file by tus in the page: the server says before the bytes go that it will give the sha256", async function () {
    this.timeout(20000);
    const hashed: string[] = [];
    const upload = createTusUploader({ endpoint: `${serverUrl}/tus/`, resumePoints: createResumePoints(memoryStorage()) });
    const queue = createUploadQueue({ upload, maxConcurrent: 5, stallTimeoutMs: 30_000, hash: (file) => (hashed.push(file.name), hashFile(file)) });
    const file = makeRandomFile('first by tus.bin', HASH_FIRST_BYTES + 1000);
    expect((await send(queue, file)).attachments![0]!.sha256, "the server's hash").to.equal(await sha256(file));
    expect(hashed, 'not hashed in the page').to.deep.equal([]);
  });

  it("starts a big file's hash in the page only once its bytes flow, not while it waits for a slot", async function () {
    this.timeout(20000);
    const hashed: string[] = [];
    let letFlow = () => {};
    const gate = new Promise<void>((resolve) => (letFlow = resolve));
    // A host's handler that gives no hash and sends nothing until the test lets it.
    const upload: UploadHandler = async (file, given) => {
      await gate;
      const { sha256: _stored, ...rest } = await realUpload(file, given);
      return rest;
    };
    const queue = createUploadQueue({ upload, maxConcurrent: 1, stallTimeoutMs: 30_000, hash: (file) => (hashed.push(file.name), hashFile(file)) });
    const file = makeRandomFile('waits.bin', HASH_FIRST_BYTES + 10);
    const handedOver = send(queue, file);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hashed, 'nothing hashed before a byte left').to.deep.equal([]);
    letFlow();
    expect((await handedOver).attachments![0]!.sha256, 'hashed in the page, beside the upload').to.equal(await sha256(file));
    expect(hashed).to.deep.equal(['waits.bin']);
  });

  it('hashes in the page again where the server stops giving the sha256', async function () {
    this.timeout(20000);
    let withHash = true;
    const upload: UploadHandler = async (file, given) => {
      const { sha256: _stored, ...rest } = await realUpload(file, given);
      return withHash ? { ...rest, sha256: _stored } : rest;
    };
    const queue = createUploadQueue({ upload, maxConcurrent: 5, stallTimeoutMs: 30_000 });
    await send(queue, makeRandomFile('a.bin', HASH_FIRST_BYTES + 10));
    withHash = false;
    const file = makeRandomFile('b.bin', HASH_FIRST_BYTES + 20);
    expect((await send(queue, file)).attachments![0]!.sha256, 'hashed in the page after the upload').to.equal(await sha256(file));
  });

  it("fails an upload as damaged when the page's hash of the file is not the server's hash of what it stored", async () => {
    const { queue } = countingQueue({ hash: async () => 'f'.repeat(64) });
    const error = await send(queue, makeRandomFile('x.bin', 1000)).catch((caught: unknown) => caught);
    expect((error as { code?: string }).code).to.equal('integrity');
    expect((error as { isRetryable?: boolean }).isRetryable).to.equal(true);
  });

  it('sends the sha256 of the bytes in the message, made in the worker beside the upload', async function () {
    this.timeout(20000);
    // Over the bound of files hashed first: the upload does not wait for the hash.
    const file = makeRandomFile('beside.bin', HASH_FIRST_BYTES + 1_000_000);
    const message = await send(createUploadQueue({ upload: realUpload, maxConcurrent: 5, stallTimeoutMs: 30_000 }), file);
    expect(message.attachments![0]!.sha256).to.equal(await sha256(file));
    expect(await hashFile(file)).to.equal(await sha256(file));
  });

  it('reuses the running upload for the same file sent again (one POST), confirmed by its hash', async function () {
    this.timeout(20000);
    const { queue, counted } = countingQueue();
    const file = makeRandomFile('again.bin', HASH_FIRST_BYTES + 1000);
    const [first, second] = await Promise.all([send(queue, file), send(queue, file)]);
    expect(counted.posts).to.equal(1);
    expect(second.attachments![0]!.url).to.equal(first.attachments![0]!.url);
    expect(second.attachments![0]!.sha256).to.equal(await sha256(file));
    const later = await send(queue, new File([file], file.name, { type: file.type, lastModified: file.lastModified }));
    expect(counted.posts, 'a later send of the finished upload').to.equal(1);
    expect(later.attachments![0]!.url).to.equal(first.attachments![0]!.url);
  });

  it('uploads a file with the same name, size and date but other bytes anew', async function () {
    this.timeout(20000);
    const { queue, counted } = countingQueue();
    const one = makeRandomFile('same.bin', HASH_FIRST_BYTES + 1000);
    const other = new File([makeRandomFile('same.bin', one.size)], one.name, { type: one.type, lastModified: one.lastModified });
    const [first, second] = await Promise.all([send(queue, one), send(queue, other)]);
    expect(counted.posts).to.equal(2);
    expect(second.attachments![0]!.url).not.to.equal(first.attachments![0]!.url);
    expect(second.attachments![0]!.sha256).to.equal(await sha256(other));
  });
});
