// Measures what the drop-in build makes a page download, brotli-compressed: what loads before
// the first file (dist/chatdrop.js and the chunks it imports statically) and everything the
// widget can ever load (every script in dist/ but the unbundled library in dist/lib and the
// server in dist/server).
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

/**
 * Budgets in bytes, brotli: what loads before the first file, and everything the widget can ever
 * load (Uppy, Lit and the XMPP client alone are about 33 KB). `npm test` holds the build to them.
 */
export const BUDGETS = { initial: 22.5 * 1024, total: 80 * 1024 };

/** Where the first load should get to (not checked): 20 KB. */
export const INITIAL_AIM = 20 * 1024;

/**
 * What the build may not grow past while it is over the budgets: the sizes measured once the
 * thread's avatars, times, links and albums, the composer's icons, the bubble's media players,
 * sending while offline, pictures shared by URL alone, resumable uploads (tus, 12.5 KB then, loaded
 * only by pages that choose it), hash-wasm (5.5 KB, loaded only to hash a file over 64 MiB),
 * uploads that renew an expired token, and the dependency shims (scripts/dependency-shims.mjs,
 * 5.3 KB less) landed; then lowered once the sender's steps after its code loaded, and the styles
 * of albums, moved to the file chunks: 25.82 KB and 107.2 KB, rounded up; then tus-js-client
 * taken from its own untranspiled source (dependency-shims.mjs): 102.4 KB; then raised a little
 * for a staged file to load the upload code before Send (the composer's event and the widget's
 * listener, 25.59 and 102.54 KB); then lowered for hash-wasm replaced by our own WebAssembly
 * SHA-256 (1.6 KB; 98.69 KB in all), and @uppy/tus with tus-js-client by our own tus client (1.2 KB;
 * 92.28 KB, rounded up); then @uppy/core's locale cut to the strings its core asks for (91.43 KB),
 * the xmpp.js packages replaced by our own XMPP client (86.48 KB), and Uppy's table of types by
 * extension, never read (86.03 KB), thumbhash's PNG encoder (a canvas encodes it; 85.67 KB), and
 * ltx by our own XMPP XML (84.34 KB); then terser after Rolldown's minifier (25.40 and 83.77 KB,
 * rounded up); then raised a little for base64 in one module (model/base64.ts, a chunk of its own
 * shared by the file, tus, XMPP and worker code: 83.92 KB); then lowered for the file sender loaded
 * with the tray instead of the page (24.49 KB; 84.35 KB in all, the moved code compressing less on
 * its own) and @uppy/core's restrictions left out (83.35 KB); then the store's file sending made one
 * module loaded with the sender (24.27 and 83.28 KB), and each license notice kept once per script (24.21
 * and 83.22 KB), and @uppy/core's Translator by the part of it Uppy uses (24.17 and 82.90 KB, rounded up), and
 * namespace-emitter as an ES module (the bundler's CommonJS helpers went with it) and Uppy's file
 * ids by a count (24.23 and 82.37 KB; a change of the chunks' graph renames the first load's
 * exports, which moves it by about ±0.05 KB); then the album in the file-view chunk and the XMPP
 * transport's modules in one chunk (80.79 KB: fewer chunks, and code that compresses together). `npm test` holds the build to these;
 * lower them as it shrinks.
 */
export const CEILINGS = { initial: 24.3 * 1024, total: 80.8 * 1024 };

const brotli = (bytes) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/**
 * A script with the content hashes in the chunk names it imports (`launcher-D1u8h9Im.js`) made one
 * fixed string: they change whenever a lazy chunk does and, incompressible, swing the brotli size
 * of an unchanged script by about ±70 bytes. Measured so, a figure moves only with code (it is
 * some 6 bytes per import under the real download).
 */
const withFixedChunkHashes = (code) => code.toString('utf8').replace(/-[A-Za-z0-9_-]{8}\.js\b/g, '-00000000.js');
const STATIC_IMPORT = /(?:^|[;}\s])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["'](\.[^"']+)["']/g;

/** The files `entry` loads before running: itself and its static imports, transitively. */
function staticClosure(entry, seen = new Set()) {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  for (const [, specifier] of readFileSync(entry, 'utf8').matchAll(STATIC_IMPORT)) staticClosure(join(dirname(entry), specifier), seen);
  return seen;
}

/** Sizes of the drop-in build in `dist`, brotli, by file and in total. */
export function measureBundle(dist = 'dist') {
  const scripts = readdirSync(dist, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.js') && !file.startsWith('lib') && !file.startsWith('server'))
    .map((file) => join(dist, file));
  const sizes = Object.fromEntries(scripts.map((file) => [relative(dist, file), brotli(withFixedChunkHashes(readFileSync(file)))]));
  const initialFiles = [...staticClosure(join(dist, 'chatdrop.js'))].map((file) => relative(dist, file));
  const initial = initialFiles.reduce((sum, file) => sum + sizes[file], 0);
  const total = Object.values(sizes).reduce((sum, size) => sum + size, 0);
  return { initial, total, initialFiles, sizes };
}

/**
 * What a page loads step by step, brotli: before the first file; then, added, when the first file
 * shows (the file chunk), when a file is first attached (the thumbnail worker) and first uploaded
 * (Uppy); and apart, what only some pages load (other transports, other languages). Each step
 * counts the files it adds with their static imports, once.
 */
export function measurePhases(dist = 'dist') {
  const { sizes, initialFiles } = measureBundle(dist);
  const loaded = new Set(initialFiles);
  const step = (pattern) => {
    const entries = Object.keys(sizes).filter((file) => pattern.test(file));
    const added = entries.flatMap((file) => [...staticClosure(join(dist, file))].map((path) => relative(dist, path))).filter((file) => !loaded.has(file));
    const unique = [...new Set(added)];
    unique.forEach((file) => loaded.add(file));
    return unique.reduce((sum, file) => sum + sizes[file], 0);
  };
  const phases = {
    beforeFirstFile: initialFiles.reduce((sum, file) => sum + sizes[file], 0),
    firstFileShown: step(/^chunks\/(file-view|file-album)-/),
    firstFileAttached: step(/^chunks\/(file-send-|tray-|thumbnail-worker)/),
    firstUpload: step(/^chunks\/uppy-/),
  };
  const tus = step(/^chunks\/tus-/);
  const bigFileHash = step(/^chunks\/sha256-hasher-/);
  const xmpp = step(/^chunks\/(xmpp-|options-)/);
  const rest = Object.keys(sizes).filter((file) => !loaded.has(file)).reduce((sum, file) => sum + sizes[file], 0);
  return { phases, addOns: { tus, bigFileHash, xmpp, other: rest } };
}

