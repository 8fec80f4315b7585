// Bundles the drop-in module `dist/chatdrop.js` (every element defined) with esbuild.
// Uppy is split into a chunk beside it, loaded only when the first file is uploaded.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';

await rm('dist', { recursive: true, force: true });
await build({
  entryPoints: { chatdrop: 'src/define.ts' },
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
});
console.log('built dist/chatdrop.js');
