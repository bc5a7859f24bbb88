// Migrations on PostgreSQL, one process at a time: several processes starting together (a
// deployment's replicas, a scaled-out restart) would otherwise all see the same pending
// migrations and run them at once, and all but one fail on a duplicate table or type.
import { createHash } from 'node:crypto';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type pg from 'pg';

/**
 * The advisory lock key the migrations hold: derived from a fixed name, so every version of the
 * server agrees on it, and an application sharing the database is unlikely to pick the same.
 */
export const MIGRATION_LOCK_KEY = createHash('sha256')
  .update('causette:migrations')
  .digest()
  .readBigInt64BE(0);

/**
 * Applies the pending migrations while holding a session advisory lock on a connection of its
 * own: the others wait for it, then find nothing left to apply. The lock goes with the session,
 * so a process that dies half-way does not leave it held.
 */
export async function migrateWithLock(pool: pg.Pool, migrationsFolder: string): Promise<void> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
    try {
      await migrate(drizzle({ client }), { migrationsFolder });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()]);
    }
  } catch (error) {
    // A connection whose unlock may not have run must not go back to the pool holding the lock.
    broken = true;
    throw error;
  } finally {
    client.release(broken);
  }
}
