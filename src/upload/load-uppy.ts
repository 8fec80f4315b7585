import { loadOnce } from '../model/load-once.ts';
import { TransferError } from './handler.ts';

/**
 * Code an upload needs, loaded with the first upload that needs it (`import()` in `load`). When it
 * cannot be loaded, the upload fails as `uploader-unavailable`, and the next upload (or Retry)
 * loads it again.
 */
function uploaderCode<T>(load: () => Promise<T>): () => Promise<T> {
  return loadOnce(async () => {
    try {
      return await load();
    } catch (error) {
      console.error('Chatdrop could not load its uploader:', error);
      throw new TransferError('Uppy could not be loaded.', { code: 'uploader-unavailable' });
    }
  });
}

/** Imports `uppy-modules.ts`, without `importUppy`'s failure words: for loading ahead, whose caller ignores a failure. */
export const uppyModules = (): Promise<typeof import('./uppy-modules.ts')> => import('./uppy-modules.ts');

/** Imports `tus-modules.ts`, without `importTus`'s failure words: for loading ahead, whose caller ignores a failure. */
export const tusModules = (): Promise<typeof import('./tus-modules.ts')> => import('./tus-modules.ts');

/** The Uppy classes of multipart and XMPP uploads (`uppy-modules.ts`), loaded with the first such upload. */
export const importUppy = uploaderCode(uppyModules);

/** The Uppy classes of resumable uploads (`tus-modules.ts`: Uppy and its tus plugin), loaded with the first such upload. */
export const importTus = uploaderCode(tusModules);
