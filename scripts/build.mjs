// Bundles the drop-in module `dist/chatdrop.js` (every element defined) with esbuild.
// Uppy is split into a chunk beside it, loaded only when the first file is uploaded.
// The thumbnail worker is a second entry, `dist/thumbnail-worker.js` (see esbuild-thumbnail-worker.mjs).
// Bundlers and React users import the unbundled modules of dist/lib (`chatdrop`, `chatdrop/react`).
import { build } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';
import { thumbnailWorkerEntry, thumbnailWorkerUrl } from './esbuild-thumbnail-worker.mjs';
import { minifyCss } from './esbuild-minify-css.mjs';
import { packageVersions } from './esbuild-package-versions.mjs';

await rm('dist', { recursive: true, force: true });
await build({
  entryPoints: { chatdrop: 'src/drop-in.ts', ...thumbnailWorkerEntry },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  chunkNames: 'chunks/[name]-[hash]',
  define: { 'process.env.NODE_ENV': '"production"' },
  tsconfig: 'tsconfig.json',
  logLevel: 'warning',
  plugins: [thumbnailWorkerUrl, minifyCss, packageVersions],
});
// The worker URL is relative to the file holding it: it must have stayed in dist/, beside the worker.
if (!(await readFile('dist/chatdrop.js', 'utf8')).includes('"./thumbnail-worker.js"')) {
  throw new Error('the thumbnail worker URL did not end up in dist/chatdrop.js; see scripts/esbuild-thumbnail-worker.mjs');
}
console.log('built dist/chatdrop.js and dist/thumbnail-worker.js');
await import('./build-lib.mjs');
