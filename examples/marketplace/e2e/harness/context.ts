// What the e2e globalSetup (./setup.ts) gives the test files through vitest's `inject`.
import path from 'node:path';

/**
 * Where screenshots, per-test folders and `server.log` go; emptied at the start of each run.
 * `E2E_OUTPUT_DIR` moves it (two runs at once in one checkout would otherwise share it).
 */
export const e2eOutputDir = path.resolve(
  process.env.E2E_OUTPUT_DIR || path.join(import.meta.dirname, '../../e2e-results'),
);

declare module 'vitest' {
  export interface ProvidedContext {
    /** The reference server, e.g. `http://127.0.0.1:40123` (same URL after a restart). */
    chatServerUrl: string;
    /** The built marketplace app served by `vite preview`, e.g. `http://127.0.0.1:40124`. */
    demoUrl: string;
    /** The control endpoint of ./control-server.ts (kill, restart, stop, log). */
    controlUrl: string;
    /** The server's log file, `<e2eOutputDir>/server.log`. */
    serverLogFile: string;
  }
}
