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
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { timePgPool, timePglite } from '../metrics/timers';
import { migrateWithLock } from './migration-lock';
import { scheduleCheckpoints } from './pglite-checkpoints';
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
  /** Most PostgreSQL connections open at once (10 by default). */
  poolSize?: number;
  /**
   * Called as each statement is answered, with `performance.now()` read when it was sent (the
   * metrics' database latency); statements of the migrations are not reported.
   */
  onQuery?: (startedAt: number) => void;
  /** PGlite: told of a periodic checkpoint that failed (see `pglite-checkpoints.ts`). */
  onCheckpointError?: (error: unknown) => void;
  /** PGlite: time between checkpoints, when anything was written (5 minutes by default). */
  checkpointIntervalMs?: number;
}

export interface Connection {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Whether the database answers now (`GET /readyz`): never throws, answers within seconds. */
  isReady(): Promise<boolean>;
  close(): Promise<void>;
}

/** How long `/readyz` waits for PostgreSQL to answer `SELECT 1` before calling it not ready. */
export const READY_CHECK_TIMEOUT_MS = 2_000;

/** Opens the database and applies pending migrations. */
export async function openConnection(options: ConnectionOptions): Promise<Connection> {
  const migrationsFolder = options.migrationsFolder ?? findMigrationsFolder();
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      // Kept open while idle (pg-pool closes them after 10 s by default): a chat is quiet for
      // seconds at a time, and a message on a new connection paid for it and for the backend's
      // first call of the store function (measured: 19-20 ms a message after 12 s of quiet
      // against 9-10 ms, server and PostgreSQL on one machine; more over TLS to a remote one).
      idleTimeoutMillis: 0,
    });
    // An idle client losing its server must not crash the process; the next query reports it.
    pool.on('error', () => {});
    const db = drizzleNodePg({ client: pool, schema });
    try {
      await migrateWithLock(pool, migrationsFolder);
    } catch (error) {
      await pool.end();
      throw error;
    }
    if (options.onQuery) timePgPool(pool, options.onQuery);
    return {
      kind: 'postgres',
      db: db as unknown as Db,
      isReady: () => answers(pool),
      close: () => pool.end(),
    };
  }
  const dataDir = options.pgliteDir === 'memory://' ? undefined : options.pgliteDir;
  // PGlite creates its folder but not the folders above it (`./.data` on a fresh clone).
  const folder = pgliteFolder(options.pgliteDir);
  if (folder) await mkdir(folder, { recursive: true });
  const client = await PGlite.create({ dataDir, extensions: { unaccent, pg_trgm } });
  const db = drizzlePglite({ client, schema });
  try {
    await client.exec(PGLITE_SESSION_SETTINGS);
    await migratePglite(db, { migrationsFolder });
  } catch (error) {
    await client.close();
    throw error;
  }
  if (options.onQuery) timePglite(client, options.onQuery);
  const checkpoints = scheduleCheckpoints(client, {
    intervalMs: options.checkpointIntervalMs,
    onError: options.onCheckpointError,
  });
  return {
    kind: 'pglite',
    db: db as unknown as Db,
    // In this process: it answers whenever this code runs, until it is closed.
    isReady: () => Promise.resolve(!client.closed),
    async close() {
      await checkpoints.stop();
      await client.close();
    },
  };
}

/**
 * PGlite's one session lasts as long as the process, so these hold for every statement.
 * `wal_init_zero = off`: a new 16 MB WAL segment is not first written full of zeros. PGlite's
 * file systems do that write in JavaScript on this thread (in memory, growing the file 12.5 % at a
 * time, each growth a copy): one statement in every few thousand messages stalled the event loop
 * for 30 to 90 ms, in memory and on disk alike (measured at 1,000 sockets x 250 msg/s in memory:
 * p99 57 -> 16 ms). Zero-filling reserves a segment's space up front; without it the file grows
 * as WAL is written, which PostgreSQL supports (its documentation suggests it for copy-on-write
 * file systems).
 */
const PGLITE_SESSION_SETTINGS = 'SET wal_init_zero = off';

/**
 * Whether PostgreSQL answers `SELECT 1` within {@link READY_CHECK_TIMEOUT_MS}: a load balancer
 * stops sending users to a process whose database is gone instead of letting them fail there.
 */
async function answers(pool: pg.Pool): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), READY_CHECK_TIMEOUT_MS);
  });
  try {
    const probe = pool.query('SELECT 1').then(
      () => true,
      () => false,
    );
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
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
