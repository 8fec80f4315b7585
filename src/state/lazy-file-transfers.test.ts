import { expect } from '@open-wc/testing';
import { map } from 'nanostores';
import { serverUrl } from '@chatdrop/test-server';
import type { ChatMessage } from '../model/message.ts';
import { createUppyUploader } from '../upload/uppy-uploader.ts';
import { fetchDownload } from '../upload/downloader.ts';
import { TransferError } from '../upload/handler.ts';
import { createLazyFileTransfers, FILE_CODE_UNAVAILABLE } from './lazy-file-transfers.ts';
import { downloadKey, type UploadState } from './types.ts';
import { makeRandomFile, sha256, until } from '../../test/helpers/files.ts';

/** Lazy transfers whose code import fails the first `failures` times, counting the imports. */
function transfersWith({ failures = 0, autoDownloadImagesUpTo = 0 } = {}) {
  const $uploads = map<Record<string, UploadState>>({});
  const shown: ChatMessage[] = [];
  const uploaded: ChatMessage[] = [];
  const failed: ChatMessage[] = [];
  const held = new Map<string, ChatMessage>();
  let imports = 0;
  const transfers = createLazyFileTransfers(
    {
      sender: {
        upload: createUppyUploader({ endpoint: `${serverUrl}/upload` }),
        $uploads,
        onPrepared: (message) => shown.push(message),
        onUploaded: (message) => (uploaded.push(message), held.set(message.id, message)),
        onFailed: (message) => failed.push(message),
      },
      downloads: { download: fetchDownload, attachmentOf: (id, index) => held.get(id)?.attachments?.[index], autoDownloadImagesUpTo },
    },
    async () => {
      imports++;
      if (imports <= failures) throw new TypeError('Failed to fetch dynamically imported module');
      return import('./file-transfers.ts');
    },
  );
  return { transfers, $uploads, shown, uploaded, failed, held, imports: () => imports };
}

const draft = (id: string): Omit<ChatMessage, 'attachments' | 'text'> => ({ id, room: 'r', sender: { id: 'alice' }, createdAt: Date.now() });

describe('createLazyFileTransfers', () => {
  it('loads no file code for a chat without files, nor for files the auto-download policy leaves alone', async () => {
    const { transfers, imports } = transfersWith();
    transfers.offer({ ...draft('t'), text: 'just text' });
    transfers.offer({ ...draft('f'), attachments: [{ url: 'https://example.com/a.png', name: 'a.png', size: 10, mime: 'image/png' }] });
    transfers.cancelDownload('f', 0);
    expect(transfers.cancel('nothing')).to.equal(false);
    expect(transfers.retry('nothing')).to.equal(false);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(imports()).to.equal(0);
  });

  it('shows a file at once, uploads it once the code is there, and the bytes arrive whole', async () => {
    const { transfers, $uploads, shown, uploaded, imports } = transfersWith();
    const file = makeRandomFile('notes.bin', 4096);
    const message = transfers.send(draft('m1'), { file, caption: 'the notes' });
    expect(message.attachments![0]).to.deep.include({ name: 'notes.bin', size: 4096, caption: 'the notes', url: '' });
    expect(shown.map((shownMessage) => shownMessage.id)).to.include('m1');
    expect($uploads.get().m1?.status).to.equal('preparing');
    await until(() => uploaded.length === 1, 10_000, 'the upload');
    expect(imports()).to.equal(1);
    const blob = await transfers.download('m1', 0, file.size);
    expect(await sha256(blob)).to.equal(await sha256(file));
  });

  it('fails a file visibly when the code cannot load, and Retry loads it and sends the file', async () => {
    const { transfers, $uploads, failed, uploaded, imports } = transfersWith({ failures: 1 });
    transfers.send(draft('m2'), { file: makeRandomFile('report.bin', 2048) });
    await until(() => failed.length === 1, 5000, 'the failure');
    expect($uploads.get().m2).to.deep.include({ status: 'failed', error: FILE_CODE_UNAVAILABLE });
    expect(transfers.retry('m2')).to.equal(true);
    await until(() => uploaded.length === 1, 10_000, 'the upload after Retry');
    expect(uploaded[0]!.id).to.equal('m2');
    expect(imports()).to.equal(2);
  });

  it('cancels a file still waiting for the code: it is never uploaded', async () => {
    const { transfers, $uploads, uploaded } = transfersWith();
    transfers.send(draft('m3'), { file: makeRandomFile('gone.bin', 1024) });
    expect(transfers.cancel('m3')).to.equal(true);
    expect($uploads.get().m3).to.equal(undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(uploaded).to.deep.equal([]);
  });

  it('fails a download visibly when the code cannot load', async () => {
    const { transfers } = transfersWith({ failures: 1 });
    let refused: unknown;
    await transfers.download('m4', 0, 99).catch((error: unknown) => (refused = error));
    expect(refused).to.be.instanceOf(TransferError);
    expect(transfers.$downloads.get()[downloadKey('m4', 0)]).to.deep.include({ status: 'failed', error: FILE_CODE_UNAVAILABLE });
  });
});
