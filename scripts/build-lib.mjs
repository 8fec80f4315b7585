// Emits the library as ES modules with type declarations into dist/lib/ (for bundlers and
// TypeScript users), from tsconfig.build.json. TypeScript rewrites `.ts` import specifiers in
// the JavaScript it emits, but not in declarations nor in `new URL('./x.ts', import.meta.url)`:
// both are rewritten here to the emitted `.js` files.
import { execFileSync } from 'node:child_process';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const OUT = 'dist/lib';
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });

const RELATIVE_TS = /((?:from\s+|import\s*\(\s*|new URL\(\s*)['"]\.{1,2}\/[^'"]*?)\.ts(['"])/g;
for (const file of await readdir(OUT, { recursive: true })) {
  if (!/\.(d\.ts|js)$/.test(file)) continue;
  const path = join(OUT, file);
  const text = await readFile(path, 'utf8');
  const rewritten = text.replace(RELATIVE_TS, '$1.js$2');
  if (rewritten !== text) await writeFile(path, rewritten);
}
console.log(`built ${OUT}/ (ES modules and .d.ts)`);
