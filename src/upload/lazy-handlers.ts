import { loadOnce } from '../model/load-once.ts';
import { TransferError, type UploadHandler } from './handler.ts';

/**
 * An upload handler whose code is loaded on the first upload (`load` imports and makes the real
 * one), so a page that only chats never downloads it. A failed load fails the upload with
 * `uploader-unavailable` and is tried again with the next upload, or Retry.
 */
export function lazyUploadHandler(load: () => Promise<UploadHandler>): UploadHandler {
  const loadHandler = loadOnce(() =>
    load().catch((error: unknown) => {
      console.error('Chatdrop could not load its upload handler:', error);
      throw new TransferError('The upload handler could not be loaded.', { code: 'uploader-unavailable' });
    }),
  );
  return async (file, options) => (await loadHandler())(file, options);
}
