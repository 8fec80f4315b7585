// `npm run bench -- size`: builds, then prints what the drop-in build costs a page (brotli).
import { execFileSync } from 'node:child_process';
// @ts-expect-error: a plain JavaScript module shared with the test scripts
import { BUDGETS, measureBundle } from '../scripts/bundle-sizes.mjs';

execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'ignore' });
const { initial, total, initialFiles, sizes } = measureBundle() as { initial: number; total: number; initialFiles: string[]; sizes: Record<string, number> };
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
for (const [file, size] of Object.entries(sizes).sort((a, b) => b[1] - a[1])) console.log(`${initialFiles.includes(file) ? '*' : ' '} ${kb(size).padStart(9)}  ${file}`);
console.log(`before the first file (*): ${kb(initial)} (budget ${kb(BUDGETS.initial)}); everything: ${kb(total)} (budget ${kb(BUDGETS.total)})`);
console.log(JSON.stringify({ bench: 'size', initialBrotli: initial, totalBrotli: total, budgets: BUDGETS, met: { initial: initial <= BUDGETS.initial, total: total <= BUDGETS.total } }));
