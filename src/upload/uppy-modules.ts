// The Uppy classes Chatdrop uses, in one module imported lazily (`import('./uppy-modules.ts')`).
// A dynamic `import('@uppy/core')` keeps the whole package namespace (UIPlugin and Preact among
// it); naming the classes here lets the bundler keep only them.
export { Uppy } from '@uppy/core';
export { default as XHRUpload } from '@uppy/xhr-upload';
