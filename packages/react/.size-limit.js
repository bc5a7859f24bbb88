// Bundle size of @causette/react with its own dependencies (TanStack Virtual, date-fns with its
// fr and en locales, Radix Popover), minified and gzipped (`pnpm size`, run by `pnpm test`).
// React, react-dom and @causette/core are the app's: left out, as the budget counts them.
// Two views, as for @causette/core: what a page loads with the kit, and everything it may load
// (the conversation menu's Radix Popover is its own chunk, fetched once a list is on screen).
const external = [
  'react',
  'react-dom',
  'react/jsx-runtime',
  '@causette/core',
  '@causette/protocol',
];

/** Leaves `import()` targets out of the bundle, as a browser fetches them only when used. */
const lazyChunksApart = {
  name: 'lazy-chunks-apart',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined,
    );
  },
};

export default [
  {
    name: 'everything in @causette/react: what a page loads (without react, react-dom, @causette/core)',
    path: 'dist/index.js',
    import: '*',
    gzip: true,
    limit: '40 kB',
    ignore: external,
    modifyEsbuildConfig: (config) => ({
      ...config,
      plugins: [...(config.plugins ?? []), lazyChunksApart],
    }),
  },
  {
    name: 'the same with the conversation menu chunk (Radix Popover and its positioning)',
    path: 'dist/index.js',
    import: '*',
    gzip: true,
    limit: '63 kB',
    ignore: external,
  },
  {
    name: 'styles.css',
    path: 'dist/styles.css',
    gzip: true,
    limit: '8 kB',
  },
];
