// Bundle size of @causette/react with its own dependencies (TanStack Virtual, Radix Popover,
// date-fns with its fr and en locales), minified and gzipped (`pnpm size`, run by `pnpm test`).
// React, react-dom and @causette/core are the app's: left out, as the budget counts them.
const external = [
  'react',
  'react-dom',
  'react/jsx-runtime',
  '@causette/core',
  '@causette/protocol',
];

export default [
  {
    name: 'everything in @causette/react (without react, react-dom, @causette/core)',
    path: 'dist/index.js',
    import: '*',
    gzip: true,
    limit: '40 kB',
    ignore: external,
  },
  {
    name: 'styles.css',
    path: 'dist/styles.css',
    gzip: true,
    limit: '8 kB',
  },
];
