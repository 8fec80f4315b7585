import type { DownloadHandler, UploadHandler } from './handler.ts';

/**
 * An upload handler whose code is loaded on the first upload (`load` imports and makes the real
 * one), so a page that only chats never downloads it. A failed load is tried again next time.
 */
export function lazyUploadHandler(load: () => Promise<UploadHandler>): UploadHandler {
  let loading: Promise<UploadHandler> | undefined;
  return async (file, options) => {
    const handler = await (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
    return handler(file, options);
  };
}

/** The default download (`fetchDownload`), loaded on the first download. */
export const lazyFetchDownload: DownloadHandler = async (attachment, options) => {
  const { fetchDownload } = await import('./downloader.ts');
  return fetchDownload(attachment, options);
};
