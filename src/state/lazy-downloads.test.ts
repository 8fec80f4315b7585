import { expect } from '@open-wc/testing';
import { serverUrl } from '@chatdrop/test-server';
import type { Attachment, ChatMessage } from '../model/message.ts';
import { createUppyUploader } from '../upload/uppy-uploader.ts';
import { fetchDownload } from '../upload/downloader.ts';
import type { DownloadHandler } from '../upload/handler.ts';
import { createLazyDownloads } from './lazy-downloads.ts';
import { downloadKey } from './types.ts';
import { makePngFile, makeRandomFile, sha256, until } from '../../test/helpers/files.ts';

/** Lazy downloads of `attachments` (by message id) whose code import fails the first `failures` times, counting the imports. */
function downloadsWith(attachments: Record<string, Attachment>, { failures = 0, autoDownloadImagesUpTo = 0 } = {}) {
  let imports = 0;
  const downloads = createLazyDownloads({ download: fetchDownload, attachmentOf: (id) => attachments[id], autoDownloadImagesUpTo }, async () => {
    imports++;
    if (imports <= failures) throw new TypeError('Failed to fetch dynamically imported module');
    return import('./downloads.ts');
  });
  return { downloads, imports: () => imports };
}

/** Uploads `file` to the test server, as a sender would, and gives its attachment. */
async function stored(file: File): Promise<Attachment> {
  const { url } = await createUppyUploader({ endpoint: `${serverUrl}/upload` })(file, { id: crypto.randomUUID(), signal: new AbortController().signal, onProgress: () => {} });
  return { url, name: file.name, size: file.size, mime: file.type };
}

const fileMessage = (id: string, attachment: Attachment): ChatMessage => ({ id, room: 'r', sender: { id: 'bob' }, createdAt: Date.now(), attachments: [attachment] });

describe('createLazyDownloads', () => {
  it('loads no code for a chat without downloads, nor for files the auto-download policy leaves alone', async () => {
    const png = { url: 'https://example.com/a.png', name: 'a.png', size: 10, mime: 'image/png' };
    const { downloads, imports } = downloadsWith({ f: png });
    downloads.offer({ id: 't', room: 'r', sender: { id: 'bob' }, createdAt: 1, text: 'just text' });
    downloads.offer(fileMessage('f', png));
    downloads.cancel('f', 0);
    downloads.cancelAll();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(imports()).to.equal(0);
  });

  it('fails a download visibly when its code cannot load, and the next download loads it and gets the bytes whole', async () => {
    const file = makeRandomFile('report.bin', 4096);
    const { downloads, imports } = downloadsWith({ m1: await stored(file) }, { failures: 1 });
    const refused = await downloads.start('m1', 0, file.size).then(() => 'downloaded', () => 'refused');
    expect(refused).to.equal('refused');
    const state = downloads.$downloads.get()[downloadKey('m1', 0)];
    expect([state?.status, state?.error?.code, state?.total]).to.deep.equal(['failed', 'file-code-unavailable', 4096]);
    const blob = await downloads.start('m1', 0, file.size);
    expect(await sha256(blob)).to.equal(await sha256(file));
    expect(downloads.$downloads.get()[downloadKey('m1', 0)]?.status).to.equal('done');
    expect(imports()).to.equal(2);
  });

  it('auto-downloads a small image as it is offered, once the code loaded', async () => {
    const image = await makePngFile('small.png', 8, 8);
    const attachment = await stored(image);
    const { downloads, imports } = downloadsWith({ p: attachment }, { autoDownloadImagesUpTo: 100_000 });
    downloads.offer(fileMessage('p', attachment));
    await until(() => downloads.$downloads.get()[downloadKey('p', 0)]?.status === 'done', 5000, 'the automatic download');
    expect(await sha256(downloads.$downloads.get()[downloadKey('p', 0)]!.blob!)).to.equal(await sha256(image));
    expect(imports()).to.equal(1);
  });

  it("shows a download's progress a few times a second however many chunks arrive, and never a step after it is done", async () => {
    const size = 1_000_000;
    const attachment: Attachment = { url: 'https://example.com/big.bin', name: 'big.bin', size, mime: 'application/octet-stream' };
    // A handler reporting 100 chunks over about a second, as a fast download does.
    const chatty: DownloadHandler = async (_attachment, { onProgress }) => {
      for (let step = 1; step <= 100; step++) {
        onProgress(step * 10_000, size);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return new Blob([new Uint8Array(size)]);
    };
    const downloads = createLazyDownloads({ download: chatty, attachmentOf: () => attachment, autoDownloadImagesUpTo: 0 }, () => import('./downloads.ts'));
    const shown: number[] = [];
    const unlisten = downloads.$downloads.listen((all) => {
      const state = all[downloadKey('d', 0)];
      if (state?.status === 'downloading' && state.received > 0) shown.push(state.received);
    });
    const startedAt = performance.now();
    await downloads.start('d', 0, size);
    // One step per 250 ms, plus the first, however slow the machine made the 100 chunks.
    const mostSteps = Math.ceil((performance.now() - startedAt) / 250) + 2;
    await new Promise((resolve) => setTimeout(resolve, 400));
    unlisten();
    expect(shown.length, `steps shown: ${shown.join(', ')}`).to.be.within(3, Math.min(mostSteps, 50));
    expect(shown[0], 'the first chunk at once').to.equal(10_000);
    expect(downloads.$downloads.get()[downloadKey('d', 0)]?.status, 'still done a while later').to.equal('done');
  });
});
