// Bundle sizes of @causette/core with its dependencies, minified and gzipped (`pnpm size`, run by
// `pnpm test`). Two views of each client: what a page downloads to connect (code loaded with
// `import()` on first use stays out: image uploads, Web Push), and everything it may ever load.

/** Leaves `import()` targets out of the bundle, as a browser fetches them only when used. */
const lazyChunksApart = {
  name: 'lazy-chunks-apart',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined,
    );
  },
};

const initialLoad = (config) => ({
  ...config,
  plugins: [...(config.plugins ?? []), lazyChunksApart],
});

export default [
  {
    name: 'createChatClient, socket.io-client included: what a page loads to connect',
    path: 'dist/index.js',
    import: '{ createChatClient }',
    gzip: true,
    limit: '32 kB',
    modifyEsbuildConfig: initialLoad,
  },
  {
    name: 'createChatClient with the chunks it loads on first use (image uploads, Web Push)',
    path: 'dist/index.js',
    import: '{ createChatClient }',
    gzip: true,
    limit: '34 kB',
  },
  {
    name: 'createChatClient from @causette/core/websocket (no socket.io-client): what a page loads to connect',
    path: 'dist/websocket/index.js',
    import: '{ createChatClient }',
    gzip: true,
    limit: '21 kB',
    modifyEsbuildConfig: initialLoad,
  },
  {
    name: '@causette/core/websocket with the chunks it loads on first use',
    path: 'dist/websocket/index.js',
    import: '{ createChatClient }',
    gzip: true,
    limit: '23 kB',
  },
  {
    name: 'everything in @causette/core',
    path: 'dist/index.js',
    import: '*',
    gzip: true,
    limit: '34.5 kB',
  },
  {
    name: '@causette/core/uploads (loaded on the first image)',
    path: 'dist/uploads/index.js',
    import: '*',
    gzip: true,
    limit: '3.5 kB',
  },
  {
    name: '@causette/core/notifications',
    path: 'dist/notifications/index.js',
    import: '*',
    gzip: true,
    limit: '2.5 kB',
  },
];
