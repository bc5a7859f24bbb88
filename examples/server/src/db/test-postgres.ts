// A PostgreSQL database of its own for a test run, on the server of DATABASE_URL. Used by the
// server's tests and by the marketplace's end-to-end harness (`@causette/example-server/test-postgres`).
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Runs one statement on the PostgreSQL server of `databaseUrl`, on a connection of its own. */
async function adminQuery(databaseUrl: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/**
 * An empty database of its own on the PostgreSQL server of DATABASE_URL: its URL, and `drop()`,
 * which deletes it even while connections to it remain.
 */
export async function createTestPostgres(
  databaseUrl: string,
  prefix = 'causette_test',
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${Date.now()}_${randomBytes(4).toString('hex')}`;
  await adminQuery(databaseUrl, `CREATE DATABASE ${name}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => adminQuery(databaseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
