/**
 * A page for browser benchmarks: bundles a script (and the thumbnail worker) with esbuild into a
 * temporary folder and serves it, with an HTML page holding a file input, on loopback.
 */
import { build } from 'esbuild';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error: a plain JavaScript module shared with the build script
import { thumbnailWorkerEntry, thumbnailWorkerUrl } from '../../scripts/esbuild-thumbnail-worker.mjs';
// @ts-expect-error: a plain JavaScript module shared with the build script
import { esbuildShims } from '../../scripts/dependency-shims.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A served benchmark page. */
export interface BenchPage {
  /** The page's URL (`http://127.0.0.1:<port>/`). */
  url: string;
  /** Stops serving and deletes the bundle. */
  close(): Promise<void>;
}

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><script>window.process = { env: { NODE_ENV: 'production' } };</script></head>
<body><input type="file" id="file"><script type="module" src="/page.js"></script></body></html>`;

/** Bundles `script` (TypeScript, resolved from the project root) as `/page.js` and serves it. */
export async function serveBenchPage(script: string): Promise<BenchPage> {
  const outdir = await mkdtemp(join(tmpdir(), 'chatdrop-bench-page-'));
  await build({
    stdin: { contents: script, resolveDir: ROOT, sourcefile: 'bench-page.ts', loader: 'ts' },
    bundle: true,
    format: 'esm',
    target: 'chrome120',
    outfile: join(outdir, 'page.js'),
    define: { 'process.env.NODE_ENV': '"production"' },
    tsconfig: join(ROOT, 'tsconfig.json'),
    logLevel: 'warning',
    plugins: [thumbnailWorkerUrl, esbuildShims], // the dependency shims the drop-in build ships
  });
  await build({ entryPoints: { ...thumbnailWorkerEntry }, absWorkingDir: ROOT, bundle: true, format: 'esm', target: 'chrome120', outdir, logLevel: 'warning' });
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === '/') {
      response.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
      return;
    }
    if (!/^\/[a-z-]+\.js$/.test(path)) {
      response.writeHead(404).end();
      return;
    }
    try {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(await readFile(join(outdir, path)));
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await rm(outdir, { recursive: true, force: true });
    },
  };
}
