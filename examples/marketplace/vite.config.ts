import react from '@vitejs/plugin-react';
import { defineConfig, defaultClientConditions, type Plugin } from 'vite';

/** The dev server's port: `DEMO_PORT` (what `pnpm dev` passes on), 5173 by default. */
const port = Number(process.env.DEMO_PORT || 5173);

/**
 * Writes `precache-manifest.json`: every file of the build, which the service worker
 * (`public/sw.js`) keeps so that the app opens offline, lazy chunks included.
 */
function precacheManifest(): Plugin {
  return {
    name: 'causette-precache-manifest',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((file) => !file.endsWith('.map'));
      this.emitFile({
        type: 'asset',
        fileName: 'precache-manifest.json',
        source: JSON.stringify(files),
      });
    },
  };
}

export default defineConfig({
  plugins: [react(), precacheManifest()],
  resolve: { conditions: ['@causette/source', ...defaultClientConditions] },
  // strictPort: a busy port is an error, not a silent move to another one the URLs printed by
  // `pnpm dev` would not name.
  server: { host: '127.0.0.1', port, strictPort: true },
});
