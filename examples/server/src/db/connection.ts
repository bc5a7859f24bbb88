// Opens PGlite (embedded, default) or PostgreSQL (DATABASE_URL) and applies the committed migrations.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { type Schema, schema } from './schema';

/** The drizzle database both drivers give, with the server's tables. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface ConnectionOptions {
  /** PostgreSQL connection string; when absent, PGlite is used. */
  databaseUrl?: string;
  /** PGlite data directory, or `memory://` to keep everything in memory. */
  pgliteDir: string;
  /** Folder holding the drizzle-kit migrations (found next to the sources or the bundle by default). */
  migrationsFolder?: string;
}

export interface Connection {
  kind: 'pglite' | 'postgres';
  db: Db;
  close(): Promise<void>;
}

/** Opens the database and applies pending migrations. */
export async function openConnection(options: ConnectionOptions): Promise<Connection> {
  const migrationsFolder = options.migrationsFolder ?? findMigrationsFolder();
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // An idle client losing its server must not crash the process; the next query reports it.
    pool.on('error', () => {});
    const db = drizzleNodePg({ client: pool, schema });
    try {
      await migrateNodePg(db, { migrationsFolder });
    } catch (error) {
      await pool.end();
      throw error;
    }
    return { kind: 'postgres', db: db as unknown as Db, close: () => pool.end() };
  }
  const dataDir = options.pgliteDir === 'memory://' ? undefined : options.pgliteDir;
  // PGlite creates its folder but not the folders above it (`./.data` on a fresh clone).
  const folder = pgliteFolder(options.pgliteDir);
  if (folder) await mkdir(folder, { recursive: true });
  const client = await PGlite.create({ dataDir, extensions: { unaccent, pg_trgm } });
  const db = drizzlePglite({ client, schema });
  try {
    await migratePglite(db, { migrationsFolder });
  } catch (error) {
    await client.close();
    throw error;
  }
  return { kind: 'pglite', db: db as unknown as Db, close: () => client.close() };
}

/**
 * The folder on disk a PGlite `dataDir` names (a plain path or `file://path`), or undefined when
 * PGlite keeps it elsewhere (`memory://`, `idb://`, ...).
 */
export function pgliteFolder(pgliteDir: string): string | undefined {
  if (pgliteDir.startsWith('file://')) return pgliteDir.slice('file://'.length) || undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(pgliteDir)) return undefined;
  return pgliteDir;
}

/** `drizzle/` sits at the package root: two levels above src/db, one above dist. */
function findMigrationsFolder(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.resolve(here, '../../drizzle'), path.resolve(here, '../drizzle')];
  const found = candidates.find((dir) => existsSync(path.join(dir, 'meta', '_journal.json')));
  if (!found) throw new Error(`Migrations folder not found (looked in ${candidates.join(', ')})`);
  return found;
}
