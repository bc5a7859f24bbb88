import { defineConfig } from 'vitest/config';
import { testDefaults } from '../../vitest.shared.ts';

export default defineConfig(testDefaults(import.meta.dirname));
