// Uppy 6 is ESM but imports a few CommonJS files; browsers cannot load those unbundled.
// This web-test-runner plugin bundles each such file to ESM with a default export.
import { build } from 'esbuild';
import { resolve } from 'node:path';

const COMMONJS_PACKAGES = /\/node_modules\/(namespace-emitter|classnames|wildcard|mime-match)\//;

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function commonjsToEsm() {
  return {
    name: 'chatdrop-commonjs-to-esm',
    async transform(context) {
      const path = decodeURIComponent(context.path);
      if (!COMMONJS_PACKAGES.test(path) || !path.endsWith('.js')) return undefined;
      // Files outside the served root (e.g. a symlinked node_modules) come as /__wds-outside-root__/N/…: N folders up.
      const outside = /^\/__wds-outside-root__\/(\d+)(\/.*)$/.exec(path);
      const file = outside ? resolve(process.cwd(), '../'.repeat(Number(outside[1])) + '.' + outside[2]) : process.cwd() + path;
      const result = await build({ entryPoints: [file], bundle: true, format: 'esm', write: false, logLevel: 'silent' });
      return { body: result.outputFiles[0].text };
    },
  };
}
