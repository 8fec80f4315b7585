// The React 19 page: JSX through Vite's own oxc transform (automatic runtime), no React plugin.
import { defineConfig } from 'vite';
import { pageConfig } from '../vite-page-config.ts';

export default defineConfig(pageConfig(import.meta.url, { oxc: { jsx: { runtime: 'automatic', importSource: 'react' } } }));
