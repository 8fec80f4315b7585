// Builds the reference server for the package: `server/cli.ts` (the `chatdrop-server` command) and
// what it imports from server/ and src/, bundled by esbuild into one ES module,
// `dist/server/cli.js`, that runs on Node without tsx. Packages stay imports (the package's
// `dependencies`), so node_modules is resolved where the package is installed.
import { build } from 'esbuild';
import { chmod } from 'node:fs/promises';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = resolve(ROOT, 'dist/server/cli.js');

await build({
  entryPoints: [resolve(ROOT, 'server/cli.ts')],
  outfile: OUT,
  bundle: true,
  packages: 'external',
  platform: 'node',
  target: 'node20',
  format: 'esm',
  logLevel: 'error',
  absWorkingDir: ROOT,
});
await chmod(OUT, 0o755);
console.log('built dist/server/cli.js (chatdrop-server)');
