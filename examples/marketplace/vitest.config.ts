import { defineConfig, mergeConfig } from 'vitest/config';
import { testDefaults } from '../../vitest.shared.ts';

export default mergeConfig(
  testDefaults(import.meta.dirname),
  defineConfig({ test: { environment: 'jsdom' } }),
);
