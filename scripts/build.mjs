// Bundles the drop-in module `dist/chatdrop.js` (every element defined) with esbuild.
// Uppy is split into a chunk beside it, loaded only when the first file is uploaded.
// The thumbnail worker is a second entry, `dist/thumbnail-worker.js` (see esbuild-thumbnail-worker.mjs).
// The React wrappers are built apart as `dist/react.js` (`chatdrop/react`): they import the elements
// from `./chatdrop.js` and React from the host, so pages without React never load them.
import { build } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';
import { thumbnailWorkerEntry, thumbnailWorkerUrl } from './esbuild-thumbnail-worker.mjs';
import { minifyCss } from './esbuild-minify-css.mjs';

await rm('dist', { recursive: true, force: true });
await build({
  entryPoints: { chatdrop: 'src/define.ts', ...thumbnailWorkerEntry },
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
  plugins: [thumbnailWorkerUrl, minifyCss],
});
// The worker URL is relative to the file holding it: it must have stayed in dist/, beside the worker.
if (!(await readFile('dist/chatdrop.js', 'utf8')).includes('"./thumbnail-worker.js"')) {
  throw new Error('the thumbnail worker URL did not end up in dist/chatdrop.js; see scripts/esbuild-thumbnail-worker.mjs');
}
await build({
  entryPoints: { react: 'src/react.ts' },
  outdir: 'dist',
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  external: ['react'],
  tsconfig: 'tsconfig.json',
  logLevel: 'warning',
  plugins: [{
    name: 'elements-from-chatdrop',
    setup(esbuild) {
      esbuild.onResolve({ filter: /^\.\/define\.ts$/, namespace: 'file' }, () => ({ path: './chatdrop.js', external: true }));
    },
  }],
});
console.log('built dist/chatdrop.js, dist/thumbnail-worker.js and dist/react.js');
await import('./build-lib.mjs');
