// The drop-in build replaces what its dependencies import but the widget does not need whole, by
// small modules of ours in src/shims/ (each says what it replaces, why, and which part of the
// package's API it covers): `lodash/throttle` (and the lodash it pulls in) by a throttle over what
// browsers have; `namespace-emitter` by the same emitter as an ES module; two tables of
// @uppy/core (its English locale, all but the strings its core can reach; its file types by
// extension, which it never reads here); @uppy/core's restrictions, which the widget never sets
// (it checks files before they are staged); its Translator, by the part of it Uppy's core uses;
// and its file ids, which need only be unique (one file per Uppy). The browser tests run with the
// same replacements, so that they test what ships. Only imports made from node_modules are
// replaced: our own code never imports these packages, and a shim's test may import the real one
// to compare. The unbundled library in dist/lib keeps the real packages (a bundler's user may
// need them for other browsers).
import { posix, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

/** What a dependency imports → the module of ours that replaces it (from the project root). */
const SHIMS = new Map([
  ['lodash/throttle.js', 'src/shims/throttle.ts'], // @uppy/core
  ['namespace-emitter', 'src/shims/namespace-emitter.ts'], // @uppy/core
]);

/** A dependency's own module (how its path ends) → the module of ours that replaces it. */
const MODULE_SHIMS = new Map([
  ['/node_modules/@uppy/core/lib/locale.js', 'src/shims/uppy-locale.ts'], // imported by @uppy/core/lib/Uppy.js
  ['/node_modules/@uppy/core/lib/utils/mimeTypes.js', 'src/shims/uppy-mime-types.ts'], // imported by getFileType.js
  ['/node_modules/@uppy/core/lib/Restricter.js', 'src/shims/uppy-restricter.ts'], // imported by @uppy/core/lib/Uppy.js
  ['/node_modules/@uppy/core/lib/utils/Translator.js', 'src/shims/uppy-translator.ts'], // re-exported by @uppy/core/lib/utils/index.js
  ['/node_modules/@uppy/core/lib/utils/generateFileID.js', 'src/shims/uppy-file-id.ts'], // re-exported by @uppy/core/lib/utils/index.js
]);

/** The shim (a path from the project root) for `specifier` when a dependency (`importer`, a path or URL path) imports it. */
function shimFor(specifier, importer) {
  if (!importer || !/[\\/]node_modules[\\/]/.test(importer)) return undefined;
  if (!specifier.startsWith('.')) return SHIMS.get(specifier);
  const imported = posix.join(posix.dirname(importer.replaceAll('\\', '/')), specifier);
  return [...MODULE_SHIMS].find(([path]) => imported.endsWith(path))?.[1];
}

/** The replacements as a Rolldown plugin (build-drop-in.mjs). */
export const rolldownShims = {
  name: 'chatdrop-shims',
  resolveId(specifier, importer) {
    const shim = shimFor(specifier, importer);
    return shim ? resolve(ROOT, shim) : null;
  },
};

/** The replacements as a web-test-runner plugin, ahead of its node resolution. */
export function wtrShims() {
  return {
    name: 'chatdrop-shims',
    resolveImport({ source, context }) {
      const shim = shimFor(source, decodeURIComponent(context.path));
      return shim ? `/${shim}` : undefined;
    },
  };
}

/** The replacements as an esbuild plugin (pages bundled by tests and benchmarks: test/xmpp, bench/lib/bench-page.ts). */
export const esbuildShims = {
  name: 'chatdrop-shims',
  setup(build) {
    const names = [...SHIMS.keys()].map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
    const replace = ({ path, importer }) => {
      const shim = shimFor(path, importer);
      return shim ? { path: resolve(ROOT, shim) } : undefined;
    };
    build.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, replace);
    // A dependency's own module, imported by a relative path.
    build.onResolve({ filter: /^\.\.?\// }, replace);
  },
};
