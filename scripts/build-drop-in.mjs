// Bundles the drop-in module `dist/chatdrop.js` with Rolldown, into few chunks a page loads when
// it needs them:
// - `chatdrop.js` and one core chunk: everything it imports statically (what a chatting page loads);
// - a `files` chunk: the file bubble, the album, the lightbox and downloads, the composer's tray,
//   the file sender, describing and uploading, loaded when the first file shows or is attached
//   (and fetched by every page once idle);
// - chunks of their own for Uppy, the XMPP client, the German strings and the BroadcastChannel
//   transport, loaded only when used;
// - `chunks/thumbnail-worker.js`, the worker that hashes files and makes thumbnails, beside the
//   chunk that starts it (the worker's URL is relative to that chunk), sharing no code with the
//   elements (a worker has no DOM).
// TypeScript goes through esbuild (experimental decorators as tsconfig.json sets them), the CSS in
// Lit templates is minified first (see minify-css.mjs), bundled package.json files keep only their
// name and version, what the dependencies import but the widget does not need whole is replaced
// by small modules of ours (see dependency-shims.mjs), and Rolldown's minified chunks go through
// terser once more (`minifyAgain`).
import { build as esbuild, transform } from 'esbuild';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { rolldown } from 'rolldown';
import { minify as terser } from 'terser';
import { rolldownShims } from './dependency-shims.mjs';
import { minifyCssTemplates } from './minify-css.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const WORKER = resolve(ROOT, 'src/upload/thumbnail-worker.ts');
const WORKER_SOURCE = "new URL('./thumbnail-worker.ts', import.meta.url)";
const WORKER_BUILT = "new URL('./thumbnail-worker.js', import.meta.url)";
const tsconfig = JSON.parse(await readFile(resolve(ROOT, 'tsconfig.json'), 'utf8'));

/** The modules the thumbnail worker runs (its static imports): they must stay out of chunks with DOM code. */
async function workerModules() {
  const { metafile } = await esbuild({ entryPoints: [WORKER], bundle: true, write: false, metafile: true, format: 'esm', logLevel: 'error', absWorkingDir: ROOT });
  return new Set(Object.keys(metafile.inputs).map((input) => resolve(ROOT, input)));
}

/** TypeScript to JavaScript with esbuild, Lit CSS minified, the worker URL pointed at the built worker. */
const typescript = {
  name: 'chatdrop-typescript',
  async transform(code, id) {
    if (!/\.ts$/.test(id) || id.endsWith('.d.ts')) return null;
    let source = id.endsWith('.styles.ts') ? minifyCssTemplates(code) : code;
    if (id.endsWith('/src/upload/describe-file.ts')) {
      if (!source.includes(WORKER_SOURCE)) throw new Error(`describe-file.ts no longer starts the worker with ${WORKER_SOURCE}`);
      source = source.replace(WORKER_SOURCE, WORKER_BUILT);
    }
    const result = await transform(source, {
      loader: 'ts',
      format: 'esm',
      target: 'es2022',
      sourcemap: true,
      sourcefile: id,
      tsconfigRaw: { compilerOptions: tsconfig.compilerOptions },
    });
    return { code: result.code, map: result.map, moduleType: 'js' };
  },
};

/**
 * Rolldown's minified chunks (`files`, written in `outDir` with their maps) minified once more by
 * terser, whose compressor finds more: about 1 KB brotli in all, 0.3 KB of the first load. Safe
 * options only; each source map goes through it, so it still points into the sources.
 */
async function minifyAgain(outDir, files) {
  for (const file of files) {
    const path = join(outDir, file);
    // A chunk with no code of its own (re-exports alone) has no map.
    const [code, map] = await Promise.all([readFile(path, 'utf8'), readFile(`${path}.map`, 'utf8').catch(() => undefined)]);
    /** Each license notice once per script (Lit's modules repeat the same one): the others say nothing new. */
    const notices = new Set();
    const isFirstNotice = (_node, { value }) => /@license|@preserve|^!/.test(value) && !notices.has(value) && Boolean(notices.add(value));
    const result = await terser(code, {
      module: true,
      ecma: 2022,
      compress: { passes: 2 },
      mangle: true,
      format: { comments: isFirstNotice },
      sourceMap: map === undefined ? false : { content: map, url: `${basename(file)}.map` },
    });
    await Promise.all([writeFile(path, result.code), map === undefined ? undefined : writeFile(`${path}.map`, String(result.map))]);
  }
}

/** A dependency's package.json brings only `{ name, version }` (Uppy reads its `VERSION` from it). */
const packageVersions = {
  name: 'chatdrop-package-versions',
  async load(id) {
    if (!/[\\/]node_modules[\\/].*[\\/]package\.json$/.test(id)) return null;
    const { name, version } = JSON.parse(await readFile(id, 'utf8'));
    return { code: JSON.stringify({ name, version }), moduleType: 'json' };
  },
};

/** Our modules a received file needs: the bubble, the album and the lightbox, the thread's code for them, their icons, downloads, transfer errors and their words. */
const FILE_VIEW_CODE = /[\\/]src[\\/](elements[\\/](file-bubble[\\/]|file-album[\\/]|(play-button|progress)\.styles\.ts|lightbox[\\/]|chat-thread[\\/](thread-files|album(\.styles)?)\.ts|file-(display|icons)\.ts|transfer-failure\.ts|css-property\.ts|locales[\\/]en-(file-view|failures)\.ts)|model[\\/]safe-(url|thumbnail)\.ts|state[\\/]downloads\.ts|upload[\\/](handler|downloader|download-sink|display-checks|http-errors|retry-policy|save-file|progress-pace)\.ts)/;
/** The XMPP transport's modules but the deferred one (that one loads first): one chunk. */
const XMPP_CODE = /[\\/]src[\\/]transport[\\/]xmpp[\\/](?!deferred\.ts)/;
/** Our modules that sending a file adds: the tray, the sender's upload queue, describing and uploading (XMPP's upload slots apart), the upload announcements. */
const FILE_SEND_CODE = /[\\/]src[\\/](elements[\\/](file-composer[\\/]|chat-widget[\\/]upload-announcer\.ts|locales[\\/]en-file-send\.ts)|state[\\/]|upload[\\/](?!xmpp-upload|tus-client))/;

/** The parts of Lit only file code uses (`classMap`, `live`, and `lit`'s modules naming them), with it rather than in chunks of their own (requests less). */
const FILE_CODE_LIT = /[\\/]node_modules[\\/]lit(-html)?[\\/]directives[\\/](class-map|live)\.js$/;

export async function buildDropIn(outDir = resolve(ROOT, 'dist')) {
  const inWorker = await workerModules();
  await rm(outDir, { recursive: true, force: true });
  const bundle = await rolldown({
    cwd: ROOT,
    input: { chatdrop: resolve(ROOT, 'src/drop-in.ts'), 'chunks/thumbnail-worker': WORKER },
    plugins: [rolldownShims, typescript, packageVersions],
    transform: { define: { 'process.env.NODE_ENV': '"production"' } },
    // Neither entry exports anything; chunks may gather modules freely.
    preserveEntrySignatures: false,
    logLevel: 'warn',
  });
  const { output } = await bundle.write({
    dir: outDir,
    format: 'es',
    minify: true,
    // Legal comments stay; `@__PURE__` annotations have done their work once the bundle is built.
    comments: { legal: true, annotation: false, jsdoc: false },
    sourcemap: true,
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    codeSplitting: {
      groups: [
        // What the drop-in imports statically: one chunk.
        { name: 'core', tags: ['$initial'], test: (id) => !inWorker.has(id), priority: 2, includeDependenciesRecursively: false },
        // The file code, one chunk: what showing a file needs and what sending one adds. It loads
        // when the first file shows or is attached, and every page fetches it once idle anyway
        // (drop-in.ts), so two chunks would only cost more: as one it is 1.7 KB smaller (brotli).
        { name: 'files', test: (id) => (FILE_VIEW_CODE.test(id) || FILE_SEND_CODE.test(id) || FILE_CODE_LIT.test(id)) && !inWorker.has(id), priority: 1, includeDependenciesRecursively: false },
        // The XMPP transport with what reads its attribute and its upload slots' errors: an XMPP page needs them together.
        { name: 'xmpp-transport', test: (id) => XMPP_CODE.test(id) && !inWorker.has(id), priority: 0, includeDependenciesRecursively: false },
      ],
    },
  });
  await bundle.close();
  await minifyAgain(outDir, output.filter((chunk) => chunk.type === 'chunk').map((chunk) => chunk.fileName));
  // The worker URL is relative to the chunk holding it: that chunk must sit beside the worker.
  const starter = output.find((chunk) => chunk.type === 'chunk' && Object.keys(chunk.modules).some((id) => id.endsWith('/src/upload/describe-file.ts')));
  const worker = output.find((chunk) => chunk.type === 'chunk' && chunk.facadeModuleId === WORKER);
  if (!starter || !worker || dirname(starter.fileName) !== dirname(worker.fileName)) {
    throw new Error(`the thumbnail worker (${worker?.fileName}) is not beside the code that starts it (${starter?.fileName})`);
  }
  return output;
}

