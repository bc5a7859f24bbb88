import path from 'node:path';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig, mergeConfig } from 'vitest/config';
import { chromiumArgs, chromiumPath, testDefaults } from '../../vitest.shared.ts';

const dirname = import.meta.dirname;

// Component tests and stories both run in real Chromium: what users get, and no jsdom worker to
// start beside the browser on a two-core machine.
// A fresh object per project: vitest names each instance after the project it belongs to.
const browser = () => ({
  enabled: true,
  headless: true,
  provider: playwright({ launchOptions: { executablePath: chromiumPath, args: chromiumArgs } }),
  instances: [{ browser: 'chromium' as const }],
});

export default mergeConfig(
  testDefaults(dirname),
  defineConfig({
    test: {
      // Read from the root config only. Chromium can take a minute to start on a loaded
      // two-core machine.
      browser: { connectTimeout: 180_000 },
      projects: [
        {
          extends: true,
          test: {
            name: 'unit',
            include: ['src/**/*.test.{ts,tsx}'],
            setupFiles: ['src/test-setup.ts'],
            browser: browser(),
          },
        },
        {
          // Every story is a test: it renders, runs its play function and the a11y checks.
          extends: true,
          plugins: [storybookTest({ configDir: path.join(dirname, '../../.storybook') })],
          test: {
            name: 'storybook',
            // The first story pays for loading Storybook and axe in the page.
            testTimeout: 60_000,
            browser: browser(),
          },
        },
      ],
    },
  }),
);
