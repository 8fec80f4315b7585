import { loadOnce } from '../model/load-once.ts';
import { TransferError } from './handler.ts';

/**
 * The Uppy classes Chatdrop uses (`uppy-modules.ts`), loaded with the first upload. When they
 * cannot be loaded, the upload fails as `uploader-unavailable`, and the next upload (or Retry)
 * loads them again.
 */
export const importUppy = loadOnce(async (): Promise<typeof import('./uppy-modules.ts')> => {
  try {
    return await import('./uppy-modules.ts');
  } catch (error) {
    console.error('Chatdrop could not load its uploader:', error);
    throw new TransferError('Uppy could not be loaded.', { code: 'uploader-unavailable' });
  }
});
