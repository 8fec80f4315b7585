// The Uppy classes resumable uploads use (`tus-uploader.ts`), in one module imported lazily
// (`import('./tus-modules.ts')`): a page whose uploads are multipart never loads the tus client.
export { Uppy } from '@uppy/core';
export { TusClient } from './tus-client.ts';
