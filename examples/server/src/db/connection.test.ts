import { sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { openConnection } from './connection';
import { queryRows } from './raw';
import { openTestPglite } from './test-backends';
import { createTestPostgres } from './test-postgres';

vi.setConfig({ testTimeout: 60_000 });

const { DATABASE_URL } = process.env;

describe('PGlite connection', () => {
  it('is ready while open, and not once closed', async () => {
    const connection = await openConnection({ pgliteDir: 'memory://' });
    await expect(connection.isReady()).resolves.toBe(true);
    await connection.close();
    await expect(connection.isReady()).resolves.toBe(false);
  });

  // Zero-filling a new WAL segment is 16 MB written in JavaScript on the event loop.
  it('does not zero-fill new WAL segments', async () => {
    const database = await openTestPglite();
    try {
      const [row] = await queryRows<{ wal_init_zero: string }>(
        database.db,
        sql`SHOW wal_init_zero`,
      );
      expect(row?.wal_init_zero).toBe('off');
    } finally {
      await database.destroy();
    }
  });
});

describe('PGlite checkpoints', () => {
  // PGlite has no checkpointer process: without these, pg_wal grows to max_wal_size (1 GB) and a
  // crash replays all of it before the server listens again.
  it('checkpoints on its own once written to, and closes cleanly', async () => {
    const connection = await openConnection({ pgliteDir: 'memory://', checkpointIntervalMs: 20 });
    const lsn = async () =>
      (
        await queryRows<{ lsn: string }>(
          connection.db,
          sql`SELECT checkpoint_lsn::text AS lsn FROM pg_control_checkpoint()`,
        )
      )[0]?.lsn;
    try {
      const before = await lsn();
      await connection.db.execute(sql`CREATE TABLE notes (body text)`);
      await vi.waitFor(async () => expect(await lsn()).not.toBe(before), { timeout: 20_000 });
    } finally {
      await connection.close();
    }
    await expect(connection.isReady()).resolves.toBe(false);
  });
});

describe.runIf(DATABASE_URL)('PostgreSQL pool and readiness', () => {
  it('opens at most poolSize connections, and is not ready once the database is gone', async () => {
    const created = await createTestPostgres(DATABASE_URL as string, 'causette_conn');
    const connection = await openConnection({
      databaseUrl: created.url,
      pgliteDir: 'memory://',
      poolSize: 2,
    });
    try {
      await expect(connection.isReady()).resolves.toBe(true);
      // Four slow statements at once: two run, two wait for a free connection; each says which
      // backend (connection) ran it.
      const runs = await Promise.all(
        Array.from({ length: 4 }, () =>
          queryRows<{ pid: number }>(
            connection.db,
            sql`SELECT pg_backend_pid() AS pid, pg_sleep(0.2)::text AS slept`,
          ),
        ),
      );
      expect(new Set(runs.map(([row]) => row?.pid)).size).toBe(2);

      await created.drop();
      await expect(connection.isReady()).resolves.toBe(false);
    } finally {
      await connection.close();
      await created.drop();
    }
  });

  it('keeps an idle connection open instead of closing it after 10 s as pg-pool would', async () => {
    const created = await createTestPostgres(DATABASE_URL as string, 'causette_idle');
    // Only pg-pool's idle timer is faked: the sockets and the database stay real.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const connection = await openConnection({
      databaseUrl: created.url,
      pgliteDir: 'memory://',
      poolSize: 1,
    });
    try {
      const backend = async () =>
        (await queryRows<{ pid: number }>(connection.db, sql`SELECT pg_backend_pid() AS pid`))[0]
          ?.pid;
      const first = await backend();
      vi.advanceTimersByTime(60_000);
      expect(await backend()).toBe(first);
    } finally {
      vi.useRealTimers();
      await connection.close();
      await created.drop();
    }
  });
});
