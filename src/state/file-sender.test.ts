import { expect } from '@open-wc/testing';
import { map } from 'nanostores';
import { serverUrl } from '@chatdrop/test-server';
import type { ChatMessage } from '../model/message.ts';
import { MAX_MESSAGE_BYTES } from '../model/message.ts';
import { messageBytes } from '../model/schema.ts';
import { createUppyUploader } from '../upload/uppy-uploader.ts';
import { fetchDownload } from '../upload/downloader.ts';
import type { UploadHandler, UploadOptions } from '../upload/handler.ts';
import { createFileSender, type FileSenderOptions } from './file-sender.ts';
import type { UploadState } from './types.ts';
import { makePngFile, makeRandomFile, sha256, until } from '../../test/helpers/files.ts';
import { FAULTS_MISSING, faultyEndpoint, serverInjectsFaults } from '../../test/helpers/upload-faults.ts';

const realUpload = createUppyUploader({ endpoint: `${serverUrl}/upload` });

/** A file sender over a fresh store, recording what it hands over. */
function senderWith(upload: UploadHandler, options: Partial<FileSenderOptions> = {}) {
  const $uploads = map<Record<string, UploadState>>({});
  const uploaded: ChatMessage[] = [];
  const failed: ChatMessage[] = [];
  const sender = createFileSender({ upload, $uploads, onPrepared: () => {}, onUploaded: (message) => uploaded.push(message), onFailed: (message) => failed.push(message), ...options });
  let count = 0;
  const send = (file: File, caption?: string) => sender.send({ id: `m${++count}-${crypto.randomUUID()}`, room: 'r', sender: { id: 'alice' }, createdAt: Date.now() }, { file, ...(caption ? { caption } : {}) });
  const statusOf = (message: ChatMessage) => $uploads.get()[message.id]?.status;
  return { sender, $uploads, uploaded, failed, send, statusOf };
}

describe('createFileSender', () => {
  it('uploads at most 5 files at once; the 6th waits, shown as queued, until one finishes', async function () {
    this.timeout(20000);
    const gates: Array<() => void> = [];
    const log: string[] = [];
    let running = 0;
    let mostRunning = 0;
    // The real uploader, held at its start until the test opens the gate, so the queue can be seen.
    const gated: UploadHandler = async (file, options) => {
      running++;
      mostRunning = Math.max(mostRunning, running);
      log.push(`start ${file.name}`);
      await new Promise<void>((open) => gates.push(open));
      try {
        return await realUpload(file, options);
      } finally {
        running--;
        log.push(`end ${file.name}`);
      }
    };
    const { send, statusOf, uploaded } = senderWith(gated);
    const files = Array.from({ length: 8 }, (_, index) => makeRandomFile(`f${index + 1}.bin`, 1_000_000 + index));
    const messages = files.map((file) => send(file));
    await until(() => messages.filter((message) => statusOf(message) === 'queued').length === 3 && running === 5, 10000, '5 running and 3 queued');
    expect(messages.map(statusOf)).to.deep.equal(['uploading', 'uploading', 'uploading', 'uploading', 'uploading', 'queued', 'queued', 'queued']);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(running, 'still 5 running while none finished').to.equal(5);
    gates.shift()!();
    await until(() => running === 5 && log.includes('start f6.bin'), 5000, 'the 6th to start');
    expect(log.indexOf('start f6.bin')).to.be.greaterThan(log.indexOf('end f1.bin'));
    while (uploaded.length < 8) {
      gates.splice(0).forEach((open) => open());
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(mostRunning).to.equal(5);
    const urls = new Set(uploaded.map((message) => message.attachments![0]!.url));
    expect(urls.size).to.equal(8);
    const last = uploaded.find((message) => message.attachments![0]!.name === 'f8.bin')!.attachments![0]!;
    const blob = await fetchDownload(last, { signal: new AbortController().signal, onProgress: () => {} });
    expect(await sha256(blob)).to.equal(await sha256(files[7]!));
    expect(last.sha256).to.equal(await sha256(files[7]!));
  });

  it('uploads the same bytes attached twice once, and both messages carry the same URL', async () => {
    let posts = 0;
    const counting: UploadHandler = (file, options) => {
      posts++;
      return realUpload(file, options);
    };
    const { send, uploaded } = senderWith(counting);
    const file = makeRandomFile('twice.bin', 500_000);
    send(file);
    send(file);
    send(new File([file], 'copy with another name.bin', { type: file.type }));
    await until(() => uploaded.length === 3, 5000, 'three messages');
    expect(posts).to.equal(1);
    expect(new Set(uploaded.map((message) => message.attachments![0]!.url)).size).to.equal(1);
    send(file);
    await until(() => uploaded.length === 4, 5000, 'a fourth message, later');
    expect(posts).to.equal(1);
    expect(uploaded.map((message) => message.attachments![0]!.name)).to.include('copy with another name.bin');
  });

  it('marks an upload stalled after the timeout without progress, clears it on progress, and cancel aborts it', async () => {
    let options: UploadOptions | undefined;
    const silent: UploadHandler = (file, given) => {
      options = given;
      given.onProgress(10, file.size);
      return new Promise((_resolve, reject) => given.signal.addEventListener('abort', () => reject(new Error('aborted'))));
    };
    const { sender, send, $uploads, uploaded, failed } = senderWith(silent, { stallTimeoutMs: 150 });
    const message = send(makeRandomFile('slow.bin', 1000));
    await until(() => $uploads.get()[message.id]?.stalledMs !== undefined, 3000, 'the stall');
    expect($uploads.get()[message.id]).to.include({ status: 'uploading', sent: 10, stalledMs: 150 });
    options!.onProgress(20, 1000);
    expect($uploads.get()[message.id]!.stalledMs).to.equal(undefined);
    await until(() => $uploads.get()[message.id]?.stalledMs === 150, 3000, 'the second stall');
    expect(sender.cancel(message.id)).to.equal(true);
    expect(options!.signal.aborted).to.equal(true);
    expect($uploads.get()[message.id]).to.equal(undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect([uploaded, failed]).to.deep.equal([[], []]);
  });

  it('never hands over a message for a file the server refused, and keeps why', async () => {
    const { send, statusOf, $uploads, uploaded, failed } = senderWith(realUpload);
    const message = send(makeRandomFile('huge.bin', 5 * 1024 * 1024 + 1));
    await until(() => statusOf(message) === 'failed', 10000, 'the refusal');
    expect($uploads.get()[message.id]!.error).to.deep.include({ code: 'too-large', status: 413, maxFileSize: 5 * 1024 * 1024 });
    expect($uploads.get()[message.id]!.error!.message).to.match(/larger than the server's limit/);
    expect(uploaded).to.deep.equal([]);
    expect(failed.map((failure) => failure.id)).to.deep.equal([message.id]);
  });

  it('drops the thumbnail rather than let the message outgrow 4 KiB', async () => {
    const { send, uploaded } = senderWith(realUpload);
    send(await makePngFile(`${'n'.repeat(996)}.png`, 400, 300), 'x'.repeat(2000));
    send(await makePngFile('plain.png', 400, 300));
    await until(() => uploaded.length === 2, 5000, 'both uploads');
    const [long, plain] = ['n', 'plain'].map((start) => uploaded.map((message) => message.attachments![0]!).find((attachment) => attachment.name.startsWith(start)));
    expect(long!.thumbnail).to.equal(undefined);
    expect(long!.placeholder).to.be.a('string');
    expect(plain!.thumbnail).to.match(/^data:image\//);
    for (const message of uploaded) expect(messageBytes(message)).to.be.below(MAX_MESSAGE_BYTES);
  });

  it('shows a fast upload\'s progress a few times a second, its first and last steps at once', async function () {
    this.timeout(10000);
    // A handler reporting 100 steps over about a second, as a fast upload does.
    const chatty: UploadHandler = async (file, { onProgress }) => {
      for (let step = 1; step <= 100; step++) {
        onProgress((file.size * step) / 100, file.size);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return { url: 'https://example.com/chatty.bin' };
    };
    const { send, $uploads, uploaded } = senderWith(chatty);
    const message = send(makeRandomFile('chatty.bin', 1_000_000));
    const shown: Array<number | undefined> = [];
    const startedAt = performance.now();
    const unlisten = $uploads.listen((uploads) => shown.push(uploads[message.id]?.sent));
    await until(() => uploaded.length === 1, 8000, 'the upload');
    unlisten();
    const steps = shown.filter((sent) => sent !== undefined && sent > 0);
    expect(steps[0], 'the first step').to.equal(10_000);
    expect(steps.at(-1), 'the last').to.equal(1_000_000);
    // One step per 250 ms, plus the first and the last (and the done state), however slow the machine made the 100 steps.
    const mostSteps = Math.ceil((performance.now() - startedAt) / 250) + 3;
    expect(steps.length, `steps shown: ${steps.join(', ')}`).to.be.within(3, Math.min(mostSteps, 50));
    expect(steps, 'in order').to.deep.equal([...steps].sort((a, b) => a! - b!));
  });

  it('estimates the time left while uploading, once the rate is known, and drops it when done', async function () {
    this.timeout(10000);
    // A handler moving the file at a steady rate over 2 s.
    const steady: UploadHandler = async (file, { onProgress }) => {
      for (let step = 1; step <= 20; step++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        onProgress((file.size * step) / 20, file.size);
      }
      return { url: 'https://example.com/steady.bin' };
    };
    const { send, $uploads, uploaded } = senderWith(steady);
    const message = send(makeRandomFile('steady.bin', 2_000_000));
    const estimates: number[] = [];
    const unlisten = $uploads.listen((uploads) => {
      const remainingMs = uploads[message.id]?.remainingMs;
      if (remainingMs !== undefined) estimates.push(remainingMs);
    });
    await until(() => uploaded.length === 1, 8000, 'the upload');
    unlisten();
    expect(estimates.length, 'estimates during the second half').to.be.greaterThan(3);
    expect(Math.max(...estimates), 'never more than the second half takes').to.be.below(1600);
    expect(estimates.at(-1)!).to.be.below(estimates[0]!);
    expect($uploads.get()[message.id]).to.deep.equal({ status: 'done', sent: 2_000_000, total: 2_000_000 });
  });
});

/** The code the sender loads, by a load that fails the first `failures` times and waits for `gate` if given; counting the loads. */
function codeLoads({ failures = 0, gate }: { failures?: number; gate?: Promise<void> } = {}) {
  let loads = 0;
  const loadCode: FileSenderOptions['loadCode'] = async () => {
    loads++;
    await gate;
    if (loads <= failures) throw new TypeError('Failed to fetch dynamically imported module');
    return import('./upload-queue.ts');
  };
  return { loadCode, loads: () => loads };
}

describe('createFileSender while its code loads', () => {
  it('loads no code before the first file', async () => {
    const { loadCode, loads } = codeLoads();
    const { sender } = senderWith(realUpload, { loadCode });
    expect(sender.retry('nothing')).to.equal(false);
    expect(sender.cancel('nothing')).to.equal(false);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(loads()).to.equal(0);
  });

  it('shows a file at once as preparing, uploads it once the code is there, and the bytes arrive whole', async () => {
    let open!: () => void;
    const { loadCode } = codeLoads({ gate: new Promise<void>((resolve) => (open = resolve)) });
    const shown: ChatMessage[] = [];
    const { send, statusOf, uploaded } = senderWith(realUpload, { loadCode, onPrepared: (message) => shown.push(message) });
    const file = makeRandomFile('notes.bin', 4096);
    const message = send(file, 'the notes');
    expect(message.attachments![0]).to.deep.include({ name: 'notes.bin', size: 4096, caption: 'the notes', url: '' });
    expect(shown.map((shownMessage) => shownMessage.id)).to.deep.equal([message.id]);
    expect(statusOf(message)).to.equal('preparing');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(statusOf(message), 'still preparing while the code loads').to.equal('preparing');
    open();
    await until(() => uploaded.length === 1, 10_000, 'the upload');
    expect(statusOf(message)).to.equal('done');
    const blob = await fetchDownload(uploaded[0]!.attachments![0]!, { signal: new AbortController().signal, onProgress: () => {} });
    expect(await sha256(blob)).to.equal(await sha256(file));
  });

  it('a file sent offline before its code came waits for the connection, then loads the code and is sent without a click', async () => {
    const { loadCode, loads } = codeLoads({ failures: 1 });
    let isOnline = false;
    let goOnline!: () => void;
    const online = new Promise<void>((resolve) => (goOnline = resolve));
    const { send, statusOf, uploaded, failed } = senderWith(realUpload, { loadCode, isOnline: () => isOnline, whenOnline: () => online });
    const file = makeRandomFile('offline.bin', 2048);
    const message = send(file);
    await until(() => statusOf(message) === 'offline', 5000, 'waiting for the connection');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect([statusOf(message), failed.length, loads()], 'still waiting, not failed').to.deep.equal(['offline', 0, 1]);
    isOnline = true;
    goOnline();
    await until(() => uploaded.length === 1, 10_000, 'the upload once online');
    expect(uploaded[0]!.attachments![0]!.sha256).to.equal(await sha256(file));
    expect([failed.length, loads()]).to.deep.equal([0, 2]);
  });

  it('fails a file visibly when its code cannot load, and Retry loads the code and sends the file', async () => {
    const { loadCode, loads } = codeLoads({ failures: 1 });
    const { sender, send, statusOf, $uploads, uploaded, failed } = senderWith(realUpload, { loadCode });
    const file = makeRandomFile('report.bin', 2048);
    const message = send(file);
    await until(() => failed.length === 1, 5000, 'the failure');
    expect(statusOf(message)).to.equal('failed');
    expect($uploads.get()[message.id]!.error).to.deep.include({ code: 'file-code-unavailable' });
    expect(sender.retry(message.id)).to.equal(true);
    expect(statusOf(message), 'preparing again at once').to.equal('preparing');
    await until(() => uploaded.length === 1, 10_000, 'the upload after Retry');
    expect(uploaded[0]!.id).to.equal(message.id);
    expect(uploaded[0]!.attachments![0]!.sha256, 'described, once the code loaded').to.equal(await sha256(file));
    expect(loads()).to.equal(2);
  });

  it('cancels a file still waiting for its code: it is never uploaded', async () => {
    let open!: () => void;
    const { loadCode } = codeLoads({ gate: new Promise<void>((resolve) => (open = resolve)) });
    const { sender, send, $uploads, uploaded, failed } = senderWith(realUpload, { loadCode });
    const message = send(makeRandomFile('gone.bin', 1024));
    expect(sender.cancel(message.id)).to.equal(true);
    expect($uploads.get()[message.id]).to.equal(undefined);
    open();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([uploaded, failed, $uploads.get()[message.id]]).to.deep.equal([[], [], undefined]);
  });
});

describe('createFileSender against injected server faults', () => {
  before(async function () {
    if (await serverInjectsFaults(serverUrl)) return;
    console.warn(`skipped: ${FAULTS_MISSING}`);
    this.skip();
  });

  it('shows a real stalled upload as stalled, and cancel aborts the request', async () => {
    const stalling = createUppyUploader({ endpoint: faultyEndpoint(serverUrl, 'stall') });
    let signal: AbortSignal | undefined;
    let settled = false;
    const { sender, send, $uploads } = senderWith((file, options) => {
      signal = options.signal;
      return stalling(file, options).finally(() => (settled = true));
    }, { stallTimeoutMs: 300 });
    const message = send(makeRandomFile('stuck.bin', 2_000_000));
    await until(() => $uploads.get()[message.id]?.stalledMs === 300, 5000, 'the stall');
    sender.cancel(message.id);
    expect(signal!.aborted).to.equal(true);
    await until(() => settled, 2000, 'the request to end');
  });

  it('retries a 503 once, then sends one message', async () => {
    const { send, uploaded, failed, $uploads } = senderWith(createUppyUploader({ endpoint: faultyEndpoint(serverUrl, { status: 503, times: 1 }) }));
    const retries: Array<UploadState['retry']> = [];
    $uploads.subscribe((uploads) => Object.values(uploads).forEach((state) => state.retry && retries.push(state.retry)));
    send(makeRandomFile('flaky.bin', 100_000));
    await until(() => uploaded.length === 1, 5000, 'the message');
    expect(failed).to.deep.equal([]);
    expect(retries[0]).to.deep.equal({ attempt: 1, delayMs: 300 });
  });
});
