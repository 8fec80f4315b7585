// The Vue 3 page: its template is compiled in the browser, so it takes Vue's full build.
import { defineConfig } from 'vite';
import { pageConfig } from '../vite-page-config.ts';

export default defineConfig(
  pageConfig(import.meta.url, {
    resolve: { alias: [{ find: /^vue$/, replacement: 'vue/dist/vue.esm-bundler.js' }] },
    define: { __VUE_OPTIONS_API__: 'true', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
  }),
);
