import { defineConfig } from 'vitest/config';
import { testDefaults } from '../../vitest.shared.ts';

// Type-level tests (types.test.ts) are checked by `tsc` in the typecheck task.
export default defineConfig(testDefaults(import.meta.dirname));
