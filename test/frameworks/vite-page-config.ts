// The Vite settings both framework pages share. Each page's vite.config.ts adds its framework's.
import { fileURLToPath } from 'node:url';
import { mergeConfig, type UserConfig } from 'vite';

/** A page in the folder of `configUrl` (its `import.meta.url`), built with relative asset URLs. */
export function pageConfig(configUrl: string, framework: UserConfig): UserConfig {
  return mergeConfig(
    {
      root: fileURLToPath(new URL('.', configUrl)),
      base: './',
      // nanostores reads process.env.NODE_ENV unguarded.
      define: { 'process.env.NODE_ENV': JSON.stringify('production') },
      // The thumbnail worker is a module worker (`new Worker(url, { type: 'module' })`).
      worker: { format: 'es' },
      build: { reportCompressedSize: false, chunkSizeWarningLimit: 1024 },
    } satisfies UserConfig,
    framework,
  );
}
