import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'schemas/index': 'src/schemas/index.ts',
    // What `#zod` means under Node (package.json "imports").
    'schemas/zod-node': 'src/schemas/zod-node.ts',
  },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts', 'schemas/index': 'src/schemas/index.ts' } },
  clean: true,
  sourcemap: true,
  target: 'es2022',
  treeshake: true,
  // Left to the plugin below rather than to tsup's externals.
  noExternal: ['zod'],
  esbuildPlugins: [
    {
      // zod is an optional peer: the built schemas import it as `#zod`, which under Node itself
      // says to install zod when it is missing (src/schemas/zod-node.ts); for bundlers (the
      // "module" condition) and other runtimes it is zod itself.
      name: 'zod-through-imports',
      setup(build) {
        build.onResolve({ filter: /^zod$/ }, () => ({ path: '#zod', external: true }));
      },
    },
  ],
});
