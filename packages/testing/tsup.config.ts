import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', 'scenarios/index': 'src/scenarios/index.ts' },
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  treeshake: true,
  // Peers: the user's own copies (listen() imports msw/node or msw/browser lazily, per runtime).
  external: ['vitest', 'socket.io-client', 'msw', 'msw/node', 'msw/browser'],
});
