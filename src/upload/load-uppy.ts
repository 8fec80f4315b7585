import { TransferError, UPLOADER_UNAVAILABLE } from './handler.ts';

/**
 * The Uppy classes Chatdrop uses (`uppy-modules.ts`), loaded with the first upload. When they
 * cannot be loaded, the upload fails with `UPLOADER_UNAVAILABLE`, which says to reload: Chromium
 * fails every later import of a module whose fetch failed, until the page is reloaded.
 */
export async function importUppy(): Promise<typeof import('./uppy-modules.ts')> {
  try {
    return await import('./uppy-modules.ts');
  } catch (error) {
    console.error('Chatdrop could not load its uploader:', error);
    throw new TransferError(UPLOADER_UNAVAILABLE);
  }
}
