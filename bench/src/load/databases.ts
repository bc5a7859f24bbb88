// Storage for one run of the chat server, made fresh for the run and removed after it.
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { createTestPostgres } from '@causette/example-server/test-postgres';
import type { DatabaseName } from './types';

export interface RunStorage {
  /** `PGLITE_DIR` or `DATABASE_URL` for the server. */
  env: Record<string, string>;
  dispose(): Promise<void>;
}

/** Makes the storage `name` under `tmpDir` (PGlite) or on the server of `databaseUrl` (PostgreSQL). */
export async function createStorage(
  name: DatabaseName,
  tmpDir: string,
  databaseUrl: string | undefined,
): Promise<RunStorage> {
  switch (name) {
    case 'pglite-memory':
      return { env: { PGLITE_DIR: 'memory://' }, dispose: async () => {} };
    case 'pglite-disk': {
      const dir = await mkdtemp(path.join(tmpDir, 'pglite-'));
      return {
        env: { PGLITE_DIR: dir },
        dispose: () => rm(dir, { recursive: true, force: true }),
      };
    }
    case 'postgresql': {
      if (!databaseUrl) throw new Error('postgresql needs DATABASE_URL');
      const database = await createTestPostgres(databaseUrl, 'causette_bench');
      return { env: { DATABASE_URL: database.url }, dispose: database.drop };
    }
  }
}
