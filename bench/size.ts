// `npm run bench -- size`: builds, then prints what the drop-in build costs a page (brotli).
import { execFileSync } from 'node:child_process';
// @ts-expect-error: a plain JavaScript module shared with the test scripts
import { BUDGETS, CEILINGS, INITIAL_AIM, measureBundle, measurePhases } from '../scripts/bundle-sizes.mjs';

interface Measured {
  initial: number;
  total: number;
  initialFiles: string[];
  sizes: Record<string, number>;
}
interface Phases {
  phases: Record<'beforeFirstFile' | 'firstFile' | 'thumbnailWorker' | 'firstUpload', number>;
  addOns: { tus: number; bigFileHash: number; xmpp: number; other: number };
}

execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'ignore' });
const { initial, total, initialFiles, sizes } = measureBundle() as Measured;
const { phases, addOns } = measurePhases() as Phases;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
for (const [file, size] of Object.entries(sizes).sort((a, b) => b[1] - a[1])) console.log(`${initialFiles.includes(file) ? '*' : ' '} ${kb(size).padStart(9)}  ${file}`);
console.log('');
const line = (label: string, bytes: number) => console.log(`${label.padEnd(50)}${kb(bytes).padStart(9)}`);
line('before the first file (*)', phases.beforeFirstFile);
line('+ when a file first shows or is attached', phases.firstFile);
line('+ the thumbnail worker, once attached', phases.thumbnailWorker);
line('+ Uppy, once a file is staged', phases.firstUpload);
line('  only for resumable uploads (tus)', addOns.tus);
line('  only to hash a file over 64 MiB', addOns.bigFileHash);
line('  only for an XMPP transport', addOns.xmpp);
line('  only for the launcher, other transports, German', addOns.other);
console.log(`before the first file: ${kb(initial)} (budget ${kb(BUDGETS.initial)}, aim ${kb(INITIAL_AIM)}); everything: ${kb(total)} (budget ${kb(BUDGETS.total)})`);
console.log(JSON.stringify({ bench: 'size', initialBrotli: initial, totalBrotli: total, phases, addOns, budgets: BUDGETS, ceilings: CEILINGS, met: { initial: initial <= BUDGETS.initial, total: total <= BUDGETS.total } }));
