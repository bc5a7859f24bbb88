import { defineConfig } from 'tsup';

export default defineConfig({
  // The stylesheet is bundled from its per-component files into one `dist/styles.css`.
  entry: ['src/index.ts', 'src/styles.css'],
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  external: ['react', 'react-dom'],
  // Components hold state and effects: mark the entry for React Server Components frameworks.
  banner: { js: "'use client';" },
});
