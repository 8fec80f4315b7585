// The React 19 page: JSX through Vite's own oxc transform (automatic runtime), no React plugin. It
// imports the package as a user would (`chatdrop`, `chatdrop/react`), resolved to the published
// modules in dist/lib (npm test builds them first); TypeScript reads the same names from src/.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { pageConfig } from '../vite-page-config.ts';

const published = (path: string) => fileURLToPath(new URL(`../../../dist/lib/${path}`, import.meta.url));

export default defineConfig(
  pageConfig(import.meta.url, {
    oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
    resolve: { alias: [{ find: /^chatdrop$/, replacement: published('define.js') }, { find: /^chatdrop\/react$/, replacement: published('react.js') }] },
  }),
);
