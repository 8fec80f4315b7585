// `npm run build`: the drop-in module `dist/chatdrop.js` and its chunks (see build-drop-in.mjs),
// then the unbundled library with types in dist/lib for bundlers, TypeScript and React users
// (`chatdrop`, `chatdrop/react`; see build-lib.mjs).
import { buildDropIn } from './build-drop-in.mjs';

await buildDropIn();
console.log('built dist/chatdrop.js and its chunks');
await import('./build-lib.mjs');
