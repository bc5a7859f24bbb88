// Global setup of the `browser` test project: the assembled reference server (development mode,
// so seeded with the marketplace and offering `POST /auth/dev-login`), on a private copy of the
// migrated PGlite template, started in Node for the tests running in Chromium.
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import pino from 'pino';
import type { TestProject } from 'vitest/node';
import { chatServerParts } from '../app';
import { loadConfig } from '../config';
import { migratedPgliteDir } from '../db/test-backends';
import { startServer } from '../server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The reference server the browser tests talk to, e.g. `http://127.0.0.1:40123`. */
    chatServerUrl: string;
    /** The same host on a port where nothing listens: a server that cannot be reached. */
    unreachableServerUrl: string;
  }
}

/** A port that was free a moment ago: bound, then released. */
async function releasedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP port');
  return address.port;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await migratedPgliteDir();
  const server = await startServer(
    loadConfig({
      NODE_ENV: 'development',
      PORT: '0',
      HOST: '127.0.0.1',
      PGLITE_DIR: dir,
      UPLOAD_DIR: path.join(dir, 'uploads'),
      // Left unset, ALLOWED_ORIGINS admits local pages only (http://localhost:<port> is the
      // test page), so the page's HTTP and socket handshakes go through the real Origin check.
      RATE_LIMIT_MESSAGES: '10000',
      SHUTDOWN_TIMEOUT_MS: '2000',
      // The tests open conversations about subjects of their own, not the demo listings.
      CONVERSATION_POLICY: 'open',
    }),
    { ...chatServerParts(), logger: pino({ level: 'silent' }) },
  );
  project.provide('chatServerUrl', server.url);
  project.provide('unreachableServerUrl', `http://127.0.0.1:${await releasedPort()}`);
  return async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  };
}
