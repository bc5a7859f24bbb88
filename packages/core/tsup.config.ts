import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'uploads/index': 'src/uploads/index.ts',
    'notifications/index': 'src/notifications/index.ts',
    'websocket/index': 'src/websocket/index.ts',
  },
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  treeshake: true,
});
