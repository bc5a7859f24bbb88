import type { StorybookConfig } from '@storybook/react-vite';
import { defaultClientConditions } from 'vite';

const config: StorybookConfig = {
  stories: ['../packages/react/src/**/*.mdx', '../packages/react/src/**/*.stories.@(ts|tsx)'],
  // msw's worker script at the site's root: the mock server's HTTP routes (image uploads) go
  // through it, and a worker only controls pages under its own folder.
  staticDirs: [{ from: '../node_modules/msw/lib', to: '/' }],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true },
  viteFinal: (viteConfig) => ({
    ...viteConfig,
    // Stories run on the packages' sources, so no build is needed to browse them.
    resolve: {
      ...viteConfig.resolve,
      conditions: ['@causette/source', ...defaultClientConditions],
    },
  }),
};
export default config;
