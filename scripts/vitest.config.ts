// The tests of the root scripts (`pnpm dev`, the packaging check): `pnpm test:scripts`.
import { defineConfig, mergeConfig } from 'vitest/config';
import { testDefaults } from '../vitest.shared.ts';

export default mergeConfig(
  testDefaults(import.meta.dirname),
  defineConfig({ test: { root: import.meta.dirname, include: ['*.test.ts'] } }),
);
