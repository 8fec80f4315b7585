// `npm run build`: the drop-in module `dist/chatdrop.js` and its chunks (see build-drop-in.mjs),
// then the unbundled library with types in dist/lib for bundlers, TypeScript and React users
// (`chatdrop`, `chatdrop/react`; see build-lib.mjs), then the reference server as JavaScript,
// `dist/server/cli.js`, the package's `chatdrop-server` command (see build-server.mjs).
import { buildDropIn } from './build-drop-in.mjs';

await buildDropIn();
console.log('built dist/chatdrop.js and its chunks');
await import('./build-lib.mjs');
await import('./build-server.mjs');
