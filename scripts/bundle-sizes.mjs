// Measures what the drop-in build makes a page download, brotli-compressed: what loads before
// the first file (dist/chatdrop.js and the chunks it imports statically) and everything the
// widget can ever load (every script in dist/ but the unbundled library in dist/lib and the
// server in dist/server).
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

/**
 * Budgets in bytes, brotli: what loads before the first file, and everything the widget can ever
 * load (Uppy, Lit and the XMPP client alone are about 33 KB). `npm test` holds the build to the
 * whole budget, and the first load to its ceiling below: it cannot reach its budget without losing
 * what a chat does before its first file (docs/design-notes.md, "Why the first load is 24.2 KB").
 */
export const BUDGETS = { initial: 22.5 * 1024, total: 80 * 1024 };

/** Where the first load should get to (not checked): 20 KB. */
export const INITIAL_AIM = 20 * 1024;

/**
 * What the first load may not grow past while it is over its budget: 24.23 KB measured (rounded
 * up; a change of the chunks' graph renames the first load's exports, which moves it by about
 * ±0.05 KB). It was 25.82 KB once avatars, times, links, albums, icons, media players, offline
 * sending and resumable uploads had landed, then 25.40 KB with terser after Rolldown's minifier,
 * then 24.49 KB with the file sender loaded with the composer's tray instead of the page and
 * 24.27 KB with the store's file sending in one module loaded with it. Lower it as it shrinks.
 * (Everything, over its budget until then, went from 107.2 KB to its budget: our own XMPP client,
 * tus client, SHA-256 and XML, the dependency shims, and the file code as one chunk: 79.0 KB.)
 */
export const CEILINGS = { initial: 24.3 * 1024 };

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
 * What a page loads step by step, brotli: before the first file; then, added, when a file first
 * shows or is attached (the file chunk), the thumbnail worker (a file attached) and Uppy (a file
 * staged); and apart, what only some pages load (other transports, other languages). Each step
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
    firstFile: step(/^chunks\/files-/),
    thumbnailWorker: step(/^chunks\/thumbnail-worker/),
    firstUpload: step(/^chunks\/uppy-/),
  };
  const tus = step(/^chunks\/tus-/);
  const bigFileHash = step(/^chunks\/sha256-hasher-/);
  const xmpp = step(/^chunks\/(xmpp-|options-)/);
  const rest = Object.keys(sizes).filter((file) => !loaded.has(file)).reduce((sum, file) => sum + sizes[file], 0);
  return { phases, addOns: { tus, bigFileHash, xmpp, other: rest } };
}

