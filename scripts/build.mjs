// Bundles the drop-in module `dist/chatdrop.js` (every element defined) with esbuild.
// Uppy is split into a chunk beside it, loaded only when the first file is uploaded.
// The thumbnail worker is a second entry, `dist/chunks/thumbnail-worker.js`, beside the lazy chunk
// that starts it (see esbuild-thumbnail-worker.mjs).
// Bundlers and React users import the unbundled modules of dist/lib (`chatdrop`, `chatdrop/react`).
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { thumbnailWorkerEntry, thumbnailWorkerUrl } from './esbuild-thumbnail-worker.mjs';
import { minifyCss } from './esbuild-minify-css.mjs';
import { packageVersions } from './esbuild-package-versions.mjs';

await rm('dist', { recursive: true, force: true });
const { metafile } = await build({
  entryPoints: { chatdrop: 'src/drop-in.ts', 'chunks/thumbnail-worker': thumbnailWorkerEntry['thumbnail-worker'] },
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
  metafile: true,
  plugins: [thumbnailWorkerUrl, minifyCss, packageVersions],
});
// The worker URL is relative to the file holding it: that file must sit beside the worker.
const outputs = Object.entries(metafile.outputs);
const starter = outputs.find(([, output]) => Object.keys(output.inputs).some((input) => input.endsWith('src/upload/describe-file.ts')))?.[0];
const worker = outputs.find(([, output]) => output.entryPoint?.endsWith('src/upload/thumbnail-worker.ts'))?.[0];
if (!starter || !worker || dirname(starter) !== dirname(worker)) {
  throw new Error(`the thumbnail worker (${worker}) is not beside the code that starts it (${starter}); see scripts/esbuild-thumbnail-worker.mjs`);
}
console.log('built dist/chatdrop.js and its chunks');
await import('./build-lib.mjs');
