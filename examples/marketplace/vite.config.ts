import react from '@vitejs/plugin-react';
import { defineConfig, defaultClientConditions } from 'vite';

/** The dev server's port: `DEMO_PORT` (what `pnpm dev` passes on), 5173 by default. */
const port = Number(process.env.DEMO_PORT || 5173);

export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['@causette/source', ...defaultClientConditions] },
  // strictPort: a busy port is an error, not a silent move to another one the URLs printed by
  // `pnpm dev` would not name.
  server: { host: '127.0.0.1', port, strictPort: true },
});
