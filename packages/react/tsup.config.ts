import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  external: ['react', 'react-dom'],
  // Components hold state and effects: mark the entry for React Server Components frameworks.
  banner: { js: "'use client';" },
});
