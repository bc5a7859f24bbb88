// The marketplace demo as users get it: a production build served by `vite preview`.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build, preview } from 'vite';
import { freePort } from './ports';

/** The marketplace package folder (Vite's root). */
export const appRoot = path.resolve(import.meta.dirname, '../..');
const configFile = path.join(appRoot, 'vite.config.ts');

export interface DemoApp {
  /** e.g. `http://127.0.0.1:41235` */
  url: string;
  /** Stops the preview server and deletes the build. */
  close(): Promise<void>;
}

/**
 * Runs `work` with environment variables set, then puts the previous values back (the runner's
 * process is shared with everything else in globalSetup).
 */
async function withEnv<T>(vars: Record<string, string>, work: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((key) => [key, process.env[key]]));
  Object.assign(process.env, vars);
  try {
    return await work();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) Reflect.deleteProperty(process.env, key);
      else process.env[key] = value;
    }
  }
}

export interface DemoAppOptions {
  /** The chat server the app talks to, baked in at build time (`VITE_CAUSETTE_SERVER_URL`). */
  serverUrl: string;
  /** Port to serve on (a free one by default). */
  port?: number;
}

/** Builds the app for `serverUrl` into a temp folder and serves it with `vite preview`. */
export async function startDemoApp({ serverUrl, port }: DemoAppOptions): Promise<DemoApp> {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'causette-e2e-app-'));
  // Gone even when the runner exits without a teardown.
  const removeOutDir = () => rmSync(outDir, { recursive: true, force: true });
  process.on('exit', removeOutDir);
  try {
    // NODE_ENV: vitest sets `test`, which Vite would bake into the bundle (React's development
    // build); the app under test is the production build.
    await withEnv({ VITE_CAUSETTE_SERVER_URL: serverUrl, NODE_ENV: 'production' }, () =>
      build({
        root: appRoot,
        configFile,
        mode: 'production',
        build: { outDir, emptyOutDir: true },
        logLevel: 'warn',
      }),
    );
    const previewPort = port ?? (await freePort());
    const server = await preview({
      root: appRoot,
      configFile,
      build: { outDir },
      preview: { host: '127.0.0.1', port: previewPort, strictPort: true, open: false },
      logLevel: 'warn',
    });
    return {
      url: `http://127.0.0.1:${previewPort}`,
      async close() {
        await server.close();
        process.off('exit', removeOutDir);
        removeOutDir();
      },
    };
  } catch (error) {
    process.off('exit', removeOutDir);
    removeOutDir();
    throw error;
  }
}
