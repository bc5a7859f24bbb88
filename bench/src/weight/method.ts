import { BUNDLE_OPTIONS } from './bundle-entry';

/** How the sizes were made, stored with them in weight.json. */
export const METHOD = [
  'Each row bundles a small app entry (in the report as `source`) that imports what a minimal chat',
  'app uses: create a client, connect, listen for messages, send one; for UI kits, render one',
  'conversation into a root. All entries are bundled in the same run with the same esbuild options',
  `(${JSON.stringify(BUNDLE_OPTIONS)}), react, react-dom and their subpaths external.`,
  "Causette's packages are bundled from their built dist/ (their package exports), the peers from",
  "the versions installed in bench/ (pinned to the npm registry's latest when added).",
  'initial: `import()` targets are left out, as a browser fetches them only when used; all: they',
  'are bundled in (the "with lazy chunks" column). Sizes are the minified JavaScript, gzip level 9',
  'and brotli quality 11 (node:zlib). UI kits: their documented stylesheet bundled and minified on',
  'its own (fonts and pictures left out) in a column of its own. The ratio is min+gzip over',
  "@causette/core's (initial load, default socket.io-client transport). Quick runs bundle the",
  'Causette entries, stream-chat and Ably, initial loads only. Render: an esbuild-bundled page',
  '(production React, @causette/react from dist/) served from 127.0.0.1 in headless Chromium',
  '(playwright-core); a fake client holds 10,000 messages; mount is root.render() to the last',
  'message in the DOM, new message is the store update to it in the DOM (MutationObserver), each',
  'run a fresh page load, lists taking turns; baselines: a plain React list of every message and',
  "@chatscope/chat-ui-kit-react's MessageList (full runs); median (nearest rank, odd run count).",
].join(' ');
