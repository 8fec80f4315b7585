import { safeUrl } from '../model/safe-url.ts';
import { TransferError, type DownloadHandler } from './handler.ts';
import { describeHttpFailure } from './http-errors.ts';

/** The default download handler: `fetch` of the attachment's URL, reporting progress as bytes arrive. */
export const fetchDownload: DownloadHandler = async (attachment, { signal, onProgress }) => {
  const url = safeUrl(attachment.url);
  if (!url) throw new TransferError('This file has an unsupported link and cannot be downloaded.');
  let response: Response;
  try {
    response = await fetch(url, { signal, credentials: 'same-origin', referrerPolicy: 'no-referrer' });
  } catch (error) {
    if (signal.aborted) throw new TransferError('Download cancelled.');
    throw new TransferError(describeHttpFailure(0, 'download'), undefined, true);
  }
  if (!response.ok || !response.body) {
    throw new TransferError(describeHttpFailure(response.status, 'download'), response.status, response.status === 429 || response.status >= 500);
  }
  const declared = Number(response.headers.get('Content-Length'));
  const total = Number.isFinite(declared) && declared > 0 ? declared : undefined;
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.byteLength;
      onProgress(received, total);
    }
  } catch {
    throw new TransferError(signal.aborted ? 'Download cancelled.' : describeHttpFailure(0, 'download'), undefined, !signal.aborted);
  }
  return new Blob(chunks as BlobPart[], { type: attachment.mime });
};
