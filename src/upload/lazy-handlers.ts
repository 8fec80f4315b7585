import { TransferError, UPLOADER_UNAVAILABLE, type DownloadHandler, type UploadHandler } from './handler.ts';

/**
 * An upload handler whose code is loaded on the first upload (`load` imports and makes the real
 * one), so a page that only chats never downloads it. A failed load fails the upload with
 * `UPLOADER_UNAVAILABLE` and is tried again with the next upload (Chromium, though, fails every
 * later import of a module whose fetch failed, until the page is reloaded).
 */
export function lazyUploadHandler(load: () => Promise<UploadHandler>): UploadHandler {
  let loading: Promise<UploadHandler> | undefined;
  return async (file, options) => {
    const handler = await (loading ??= load().catch((error: unknown) => {
      console.error('Chatdrop could not load its upload handler:', error);
      loading = undefined;
      throw new TransferError(UPLOADER_UNAVAILABLE);
    }));
    return handler(file, options);
  };
}

/** The default download (`fetchDownload`), loaded on the first download. */
export const lazyFetchDownload: DownloadHandler = async (attachment, options) => {
  const { fetchDownload } = await import('./downloader.ts');
  return fetchDownload(attachment, options);
};
