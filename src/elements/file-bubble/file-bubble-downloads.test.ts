// X17 as the user sees it: a bubble wired to the store's downloads and the default downloader,
// fetching from the real reference server, which injects the faults (server/download-faults.ts).
import { expect, fixture, html } from '@open-wc/testing';
import { serverUrl } from '@chatdrop/test-server';
import type { Attachment } from '../../model/message.ts';
import { createDownloads } from '../../state/downloads.ts';
import { createFetchDownload } from '../../upload/downloader.ts';
import { attachmentOnServer, faultyUrl, type DownloadFault } from '../../upload/downloader.test-helpers.ts';
import { makeRandomFile, until } from '../../../test/helpers/files.ts';
import { defineElements } from '../define-elements.ts';
import type { FileBubble } from './file-bubble.ts';

defineElements();

const part = (element: FileBubble, name: string) => element.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

/** A bubble for `attachment` whose Download button runs a real download through the store's downloads, then notes it saved (as the store's `save`). */
async function wiredBubble(attachment: Attachment) {
  const downloads = createDownloads({ download: createFetchDownload({ resumeDelaysMs: [10, 10, 10] }), attachmentOf: () => attachment });
  const element = await fixture<FileBubble>(html`<file-bubble message-id="m1" .attachment=${attachment}></file-bubble>`);
  downloads.$downloads.subscribe((all) => (element.download = all['m1/0']));
  element.addEventListener('chat-download', () => {
    void downloads.start('m1', 0).then(() => downloads.$downloads.setKey('m1/0', { ...downloads.$downloads.get()['m1/0']!, isSaved: true }), () => undefined);
  });
  return { element, downloads };
}

/** Clicks Download and waits until the download has ended, one way or the other. */
async function clickDownload({ element, downloads }: Awaited<ReturnType<typeof wiredBubble>>) {
  part(element, 'download')!.click();
  await until(() => ['done', 'failed', 'unavailable'].includes(downloads.$downloads.get()['m1/0']?.status ?? ''), 8000, 'the download to end');
  await element.updateComplete;
  return downloads.$downloads.get()['m1/0']!;
}

async function faulty(fault: DownloadFault, size = 50_000): Promise<Attachment> {
  const attachment = await attachmentOnServer(serverUrl, makeRandomFile('report.bin', size));
  return { ...attachment, url: faultyUrl(attachment.url, fault) };
}

describe('<file-bubble> download states against the reference server (X17)', () => {
  for (const status of [404, 410]) {
    it(`X17: a ${status} shows Unavailable, with no Download button and nothing to retry`, async () => {
      const wired = await wiredBubble(await faulty({ status, times: 9 }));
      const state = await clickDownload(wired);
      expect(state.status).to.equal('unavailable');
      expect(part(wired.element, 'unavailable')!.textContent).to.equal('Unavailable');
      expect(wired.element.shadowRoot!.textContent).to.include('This file is no longer available.');
      expect(part(wired.element, 'download')).to.equal(null);
      expect(part(wired.element, 'retry')).to.equal(null);
    });
  }

  it('X17: a 500 shows a retryable failure, and Download again fetches the file', async () => {
    const wired = await wiredBubble(await faulty({ status: 500, times: 1 }));
    const failed = await clickDownload(wired);
    expect(failed.status).to.equal('failed');
    expect(part(wired.element, 'error')!.textContent).to.match(/server error \(500\)/);
    expect(part(wired.element, 'download')!.textContent).to.equal('Download again');
    const done = await clickDownload(wired);
    expect(done.status).to.equal('done');
    expect(done.blob!.size).to.equal(50_000);
    expect(part(wired.element, 'download')!.textContent).to.equal('Save again');
  });

  it('X17: a body cut short on every try is a failure with no bytes kept, never Downloaded', async () => {
    const wired = await wiredBubble(await faulty({ truncateAt: 20_000, times: 9 }));
    const state = await clickDownload(wired);
    expect(state.status).to.equal('failed');
    expect(state.blob).to.equal(undefined);
    expect(wired.element.shadowRoot!.textContent).to.not.include('Downloaded');
    expect(part(wired.element, 'download')!.textContent).to.equal('Download again');
  });

  it('X17: a body cut short once is resumed and shows Downloaded', async () => {
    const wired = await wiredBubble(await faulty({ truncateAt: 30_000, times: 1 }));
    const state = await clickDownload(wired);
    expect(state.status).to.equal('done');
    expect(state.blob!.size).to.equal(50_000);
    expect(wired.element.shadowRoot!.textContent).to.include('Downloaded');
  });

  it('X17/M11: a wrong hash shows the file as damaged, keeps no bytes, and offers Download again', async () => {
    const attachment = await attachmentOnServer(serverUrl, makeRandomFile('photo.png', 20_000, 'image/png'));
    const wired = await wiredBubble({ ...attachment, sha256: '0'.repeat(64) });
    const state = await clickDownload(wired);
    expect(state.status).to.equal('failed');
    expect(state.error!.code).to.equal('integrity');
    expect(state.blob).to.equal(undefined);
    expect(part(wired.element, 'error')!.textContent).to.equal('The file is damaged: its checksum does not match.');
    expect(part(wired.element, 'thumbnail')).to.equal(null);
    expect(part(wired.element, 'download')!.textContent).to.equal('Download again');
  });
});
