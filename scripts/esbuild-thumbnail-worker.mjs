// esbuild does not follow `new Worker(new URL('./thumbnail-worker.ts', import.meta.url))`: builds
// that include the uploader add `src/upload/thumbnail-worker.ts` as an entry named
// `thumbnail-worker` and use this plugin, which points that URL at the built `thumbnail-worker.js`.
import { readFile } from 'node:fs/promises';

const WORKER_SOURCE = "new URL('./thumbnail-worker.ts', import.meta.url)";
const WORKER_BUILT = "new URL('./thumbnail-worker.js', import.meta.url)";

/** The worker as an esbuild entry point: `{ 'thumbnail-worker': path }`. */
export const thumbnailWorkerEntry = { 'thumbnail-worker': 'src/upload/thumbnail-worker.ts' };

/**
 * Rewrites the worker URL in `describe-file.ts` from the source file to the built one. The URL is
 * relative to the output file that holds that code: keep it in the same folder as the worker.
 * @type {import('esbuild').Plugin}
 */
export const thumbnailWorkerUrl = {
  name: 'thumbnail-worker-url',
  setup(esbuild) {
    esbuild.onLoad({ filter: /[\\/]src[\\/]upload[\\/]describe-file\.ts$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      if (!source.includes(WORKER_SOURCE)) throw new Error(`describe-file.ts no longer starts the worker with ${WORKER_SOURCE}`);
      return { contents: source.replace(WORKER_SOURCE, WORKER_BUILT), loader: 'ts' };
    });
  },
};
