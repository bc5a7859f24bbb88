// Where the reference server keeps its data during a run: a PGlite folder of its own, or, when
// DATABASE_URL is set (CI), a fresh PostgreSQL database on that server, dropped at the end.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';

/** The server's storage settings for the run, and how to delete that storage afterwards. */
export interface RunDatabase {
  /** Environment for the server: `DATABASE_URL` or `PGLITE_DIR`. */
  env: { DATABASE_URL: string } | { PGLITE_DIR: string };
  /** What the log's start markers name: the PGlite folder or the database name. */
  description: string;
  /** Drops the PostgreSQL database (even with connections left open); PGlite's folder goes with the run's temp dir. */
  drop(): Promise<void>;
}

/** Runs one statement on its own connection to the server of `adminUrl`. */
async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
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
  // Only [a-z0-9_]: the name goes into the statements unquoted.
  const name = `causette_e2e_${Date.now()}_${randomBytes(4).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    description: `PostgreSQL database ${name}`,
    drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
