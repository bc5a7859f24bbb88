import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createTokenVerifier } from '../auth';
import { loadConfig, type ServerConfig } from '../config';
import { findSeedUser, seedUsers } from '../seed';
import { createHttpHandler, type HttpDeps } from './handler';

/** A real HTTP server on a free port with the handler, for tests. */
export interface TestServer {
  url: string;
  config: ServerConfig;
  uploadDir: string;
  close(): Promise<void>;
}

/**
 * Starts the handler on 127.0.0.1:0 with `env` as the environment (uploads in a fresh temporary
 * folder, PUBLIC_URL following the real port). `overrides` replaces any dependency.
 */
export async function startTestServer(
  env: Record<string, string> = {},
  overrides: Partial<HttpDeps> = {},
): Promise<TestServer> {
  const uploadDir = await mkdtemp(path.join(tmpdir(), 'causette-uploads-'));
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    UPLOAD_DIR: uploadDir,
    PUBLIC_URL: url,
    LOG_LEVEL: 'silent',
    ...env,
  });
  server.on(
    'request',
    createHttpHandler({
      config,
      logger: pino({ level: 'silent' }),
      verifyToken: createTokenVerifier(config),
      ready: () => true,
      findSeedUser,
      listSeedUsers: () => seedUsers,
      ...overrides,
    }),
  );
  return {
    url,
    config,
    uploadDir,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(uploadDir, { recursive: true, force: true });
    },
  };
}
