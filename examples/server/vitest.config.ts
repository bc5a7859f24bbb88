import { playwright } from '@vitest/browser-playwright';
import { defineConfig, mergeConfig } from 'vitest/config';
import { chromiumArgs, chromiumPath, testDefaults } from '../../vitest.shared.ts';

const BROWSER_TESTS = 'src/**/*.browser.test.ts';

export default mergeConfig(
  testDefaults(import.meta.dirname),
  defineConfig({
    test: {
      // Read from the root config only. Chromium can take a minute to start on a loaded
      // two-core machine.
      browser: { connectTimeout: 180_000 },
      projects: [
        {
          extends: true,
          test: { name: 'node', exclude: [BROWSER_TESTS, '**/node_modules/**'] },
        },
        // The same SDK fault tests with the client of `@causette/core/websocket`: both transports
        // hold the same promises against the real server.
        {
          extends: true,
          test: {
            name: 'sdk-websocket',
            include: ['src/sdk/*.test.ts'],
            exclude: [BROWSER_TESTS, '**/node_modules/**'],
            env: { SDK_TEST_TRANSPORT: 'websocket' },
          },
        },
        // With a PostgreSQL server, the SDK fault tests run on it too (the storage tests already
        // run on both backends): a killed server, lost acks and reloads against the database a
        // production deployment uses.
        ...(process.env.DATABASE_URL
          ? [
              {
                extends: true as const,
                test: {
                  name: 'sdk-postgres',
                  include: ['src/sdk/*.test.ts'],
                  exclude: [BROWSER_TESTS, '**/node_modules/**'],
                  env: { SDK_TEST_BACKEND: 'postgres' },
                },
              },
            ]
          : []),
        {
          // @causette/core in real Chromium (IndexedDB, WebSocket, XMLHttpRequest, the page's
          // origin) against this server, started in Node by the global setup. The tests live here
          // rather than in packages/core because core cannot depend on this package: it already
          // depends on core, and the reverse would be a workspace cycle.
          extends: true,
          test: {
            name: 'browser',
            include: [BROWSER_TESTS],
            globalSetup: ['src/sdk/browser-global-setup.ts'],
            testTimeout: 30_000,
            browser: {
              enabled: true,
              headless: true,
              provider: playwright({
                launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
              }),
              instances: [{ browser: 'chromium' }],
              // The snapshot and the assertion say enough; no image files in src/.
              screenshotFailures: false,
            },
          },
        },
      ],
    },
  }),
);
