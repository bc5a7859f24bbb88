import { defineConfig, mergeConfig } from 'vitest/config';
import { testDefaults } from '../../vitest.shared.ts';

// Two projects: `unit` (components in jsdom) and `e2e` (the built app and the real reference
// server driven in headless Chromium; `pnpm test:e2e` runs it alone).
export default mergeConfig(
  testDefaults(import.meta.dirname),
  defineConfig({
    test: {
      // The e2e teardown stops the server gracefully and deletes its data.
      teardownTimeout: 30_000,
      projects: [
        {
          extends: true,
          test: {
            name: 'unit',
            include: ['src/**/*.test.{ts,tsx}'],
            environment: 'jsdom',
          },
        },
        {
          extends: true,
          test: {
            name: 'e2e',
            include: ['e2e/**/*.e2e.test.ts'],
            environment: 'node',
            // One server and one app for the whole run (./e2e/harness/setup.ts); test files take
            // turns, since they share (and kill, and restart) that server.
            globalSetup: ['e2e/harness/setup.ts'],
            fileParallelism: false,
            testTimeout: 120_000,
            hookTimeout: 300_000,
            retry: 0,
          },
        },
      ],
    },
  }),
);
