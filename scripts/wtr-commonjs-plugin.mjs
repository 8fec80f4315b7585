// Uppy 6 is ESM but imports a few CommonJS files; browsers cannot load those unbundled.
// This web-test-runner plugin bundles each such file to ESM with a default export.
import { build } from 'esbuild';

const COMMONJS_PACKAGES = /\/node_modules\/(lodash|namespace-emitter|classnames|wildcard|mime-match)\//;

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function commonjsToEsm() {
  return {
    name: 'chatdrop-commonjs-to-esm',
    async transform(context) {
      const path = decodeURIComponent(context.path);
      if (!COMMONJS_PACKAGES.test(path) || !path.endsWith('.js')) return undefined;
      const file = process.cwd() + path.replace(/^\/__wds-outside-root__\/\d+/, '');
      const result = await build({ entryPoints: [file], bundle: true, format: 'esm', write: false, logLevel: 'silent' });
      return { body: result.outputFiles[0].text };
    },
  };
}
