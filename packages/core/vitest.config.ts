import { defineConfig, mergeConfig } from 'vitest/config';
import { testDefaults } from '../../vitest.shared.ts';

export default mergeConfig(
  defineConfig(testDefaults(import.meta.dirname)),
  defineConfig({
    test: {
      // The mock server (msw) intercepts the global WebSocket, which Node 20 only defines behind
      // this flag (Node 22+ has it by default; the flag is harmless there).
      execArgv: ['--experimental-websocket'],
      // Client tests talk to the mock server through real sockets: room for a loaded CI machine.
      testTimeout: 20_000,
      coverage: {
        provider: 'v8',
        include: ['src/**/*.ts'],
        exclude: [
          'src/**/*.test.ts',
          'src/**/*.test-fixtures.ts',
          'src/**/test-*.ts',
          'src/index.ts',
        ],
        reporter: ['text-summary'],
        // The bar; `pnpm test` runs with coverage, so a drop below it fails CI.
        thresholds: { lines: 90 },
      },
    },
  }),
);
