import type { StorybookConfig } from '@storybook/web-components-vite';

/** The gallery: every element in every state, from `stories/`. Works offline, no telemetry. */
const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  async viteFinal(viteConfig) {
    // nanostores reads process.env.NODE_ENV unguarded.
    viteConfig.define = { ...viteConfig.define, 'process.env.NODE_ENV': JSON.stringify('production') };
    return viteConfig;
  },
};

export default config;
