import { playwright } from '@vitest/browser-playwright';
import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import { chromiumArgs, chromiumPath, testDefaults } from '../../vitest.shared.ts';

const browserTests = 'src/**/*.browser.test.ts';

export default mergeConfig(
  defineConfig(testDefaults(import.meta.dirname)),
  defineConfig({
    test: {
      // Read from the root config only. Chromium can take a minute to start on a loaded
      // two-core machine.
      browser: { connectTimeout: 180_000 },
      projects: [
        {
          extends: true,
          test: {
            name: 'node',
            include: ['src/**/*.test.ts'],
            exclude: [...configDefaults.exclude, browserTests],
            // msw intercepts the global WebSocket, which Node 20 only defines behind this flag
            // (Node 22+ has it by default; the flag is harmless there).
            execArgv: ['--experimental-websocket'],
          },
        },
        {
          // The same mock in real Chromium, as Storybook and the React kit's component tests use it.
          extends: true,
          test: {
            name: 'browser',
            include: [browserTests],
            browser: {
              enabled: true,
              headless: true,
              provider: playwright({
                launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
              }),
              instances: [{ browser: 'chromium' }],
            },
          },
        },
      ],
    },
  }),
);
