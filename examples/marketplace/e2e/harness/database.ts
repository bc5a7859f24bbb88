// Where the reference server keeps its data during a run: a PGlite folder of its own, or, when
// DATABASE_URL is set (CI), a fresh PostgreSQL database on that server, dropped at the end.
import path from 'node:path';
import { createTestPostgres } from '@causette/example-server/test-postgres';

/** The server's storage settings for the run, and how to delete that storage afterwards. */
export interface RunDatabase {
  /** Environment for the server: `DATABASE_URL` or `PGLITE_DIR`. */
  env: { DATABASE_URL: string } | { PGLITE_DIR: string };
  /** What the log's start markers name: the PGlite folder or the database name. */
  description: string;
  /** Drops the PostgreSQL database (even with connections left open); PGlite's folder goes with the run's temp dir. */
  drop(): Promise<void>;
}

/** A PostgreSQL database of its own when `adminUrl` is given, else a PGlite folder under `tmpDir`. */
export async function createRunDatabase(
  tmpDir: string,
  adminUrl: string | undefined,
): Promise<RunDatabase> {
  if (!adminUrl) {
    const dir = path.join(tmpDir, 'pglite');
    return { env: { PGLITE_DIR: dir }, description: `PGlite ${dir}`, drop: async () => {} };
  }
  const database = await createTestPostgres(adminUrl, 'causette_e2e');
  return {
    env: { DATABASE_URL: database.url },
    description: `PostgreSQL database ${new URL(database.url).pathname.slice(1)}`,
    drop: database.drop,
  };
}
