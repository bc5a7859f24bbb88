// Periodic checkpoints for PGlite. PGlite runs PostgreSQL as one process, without the checkpointer
// that makes `checkpoint_timeout` (5 min) happen: a checkpoint came only after `max_wal_size`
// (1 GB) of WAL. Until then `pg_wal` grew towards 1 GB in the data folder, and a crash (SIGKILL,
// out of memory, power) replayed all of it on the next start, before the server listened
// (measured: 0.8 s more per 100 MB of WAL, so up to 8 s).
import type { PGlite } from '@electric-sql/pglite';

/** PostgreSQL's own `checkpoint_timeout` default. */
export const PGLITE_CHECKPOINT_INTERVAL_MS = 5 * 60_000;

export interface CheckpointOptions {
  /** Time between checkpoints ({@link PGLITE_CHECKPOINT_INTERVAL_MS} by default). */
  intervalMs?: number;
  /** Told of a checkpoint that failed; the next one is tried at the next interval. */
  onError?: (error: unknown) => void;
}

export interface CheckpointSchedule {
  /** No checkpoint starts after this; resolves once one under way has finished. */
  stop(): Promise<void>;
}

/**
 * Runs `CHECKPOINT` on `client` every interval in which something was written. A checkpoint writes
 * the dirty pages on this thread, between two statements: measured 150 ms with 128 MB dirty
 * (PGlite's `shared_buffers` full, which the 1 GB checkpoint would write as well), a few ms at a
 * chat's usual pace. The first runs one interval after the start; after it, an idle database is
 * left alone (a forced checkpoint writes WAL of its own, so one would follow another).
 */
export function scheduleCheckpoints(
  client: PGlite,
  options: CheckpointOptions = {},
): CheckpointSchedule {
  let lastLsn: string | undefined;
  let running: Promise<void> | undefined;

  const currentLsn = async () =>
    (await client.query<{ lsn: string }>('SELECT pg_current_wal_insert_lsn()::text AS lsn')).rows[0]
      ?.lsn;

  const checkpoint = async () => {
    const lsn = await currentLsn();
    if (lsn === lastLsn) return;
    await client.query('CHECKPOINT');
    lastLsn = await currentLsn();
  };

  const timer = setInterval(() => {
    if (running) return;
    if (client.closed) {
      clearInterval(timer);
      return;
    }
    running = checkpoint()
      .catch((error: unknown) => {
        if (!client.closed) options.onError?.(error);
      })
      .finally(() => (running = undefined));
  }, options.intervalMs ?? PGLITE_CHECKPOINT_INTERVAL_MS);
  // A checkpoint is housekeeping: it never keeps the process alive on its own.
  timer.unref();

  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
