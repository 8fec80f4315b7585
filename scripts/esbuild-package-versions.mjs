// An esbuild plugin: a dependency's `import packageJson from '../package.json'` brings only
// `{ name, version }`. Uppy reads its package.json for `VERSION`; bundled whole, each of those
// files (scripts, dependency lists, keywords…) cost the page about 2 KB before compression.
import { readFile } from 'node:fs/promises';

/** @type {import('esbuild').Plugin} */
export const packageVersions = {
  name: 'package-versions',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/].*[\\/]package\.json$/ }, async ({ path }) => {
      const { name, version } = JSON.parse(await readFile(path, 'utf8'));
      return { contents: JSON.stringify({ name, version }), loader: 'json' };
    });
  },
};
