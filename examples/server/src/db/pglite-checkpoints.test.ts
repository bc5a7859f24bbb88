import { PGlite } from '@electric-sql/pglite';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type CheckpointSchedule, scheduleCheckpoints } from './pglite-checkpoints';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const INTERVAL_MS = 20;

/** The LSN of the latest checkpoint, from the control file. */
async function checkpointLsn(client: PGlite): Promise<string | undefined> {
  const { rows } = await client.query<{ lsn: string }>(
    'SELECT checkpoint_lsn::text AS lsn FROM pg_control_checkpoint()',
  );
  return rows[0]?.lsn;
}

/** Resolves once `client` has checkpointed past `after`; fails the test after 20 s. */
async function nextCheckpoint(client: PGlite, after: string | undefined): Promise<string> {
  let lsn: string | undefined;
  await vi.waitFor(
    async () => {
      lsn = await checkpointLsn(client);
      expect(lsn).not.toBe(after);
    },
    { timeout: 20_000, interval: INTERVAL_MS },
  );
  return lsn as string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// One database for all (opening PGlite is most of each test's time); the last test closes it.
describe('scheduleCheckpoints', () => {
  let client: PGlite;
  let schedule: CheckpointSchedule | undefined;

  beforeAll(async () => {
    client = await PGlite.create();
    await client.exec('CREATE TABLE notes (body text)');
  });
  afterEach(async () => {
    await schedule?.stop();
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    if (!client.closed) await client.close();
  });

  it('checkpoints after writes, and leaves an idle database alone', async () => {
    const atStart = await checkpointLsn(client);
    schedule = scheduleCheckpoints(client, { intervalMs: INTERVAL_MS });
    const first = await nextCheckpoint(client, atStart);

    // Ten intervals with nothing written: no checkpoint (each would write WAL of its own).
    await sleep(INTERVAL_MS * 10);
    expect(await checkpointLsn(client)).toBe(first);

    await client.query("INSERT INTO notes VALUES ('bonjour')");
    await nextCheckpoint(client, first);
  });

  it('starts none once stopped', async () => {
    schedule = scheduleCheckpoints(client, { intervalMs: INTERVAL_MS });
    await client.query("INSERT INTO notes VALUES ('encore')");
    const last = await nextCheckpoint(client, await checkpointLsn(client));
    await schedule.stop();
    await client.query("INSERT INTO notes VALUES ('après')");
    await sleep(INTERVAL_MS * 10);
    expect(await checkpointLsn(client)).toBe(last);
  });

  it('reports a failed checkpoint and tries again at the next interval', async () => {
    const onError = vi.fn();
    const realQuery = client.query.bind(client);
    let failures = 1;
    vi.spyOn(client, 'query').mockImplementation((async (sql: string, ...rest: never[]) => {
      if (sql === 'CHECKPOINT' && failures-- > 0) throw new Error('disk full');
      return realQuery(sql, ...rest);
    }) as PGlite['query']);
    await client.query("INSERT INTO notes VALUES ('de nouveau')");
    const before = await checkpointLsn(client);
    schedule = scheduleCheckpoints(client, { intervalMs: INTERVAL_MS, onError });
    await nextCheckpoint(client, before);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ message: 'disk full' });
  });

  it('stops by itself when the database is closed, without reporting it', async () => {
    const onError = vi.fn();
    await client.query("INSERT INTO notes VALUES ('fin')");
    schedule = scheduleCheckpoints(client, { intervalMs: INTERVAL_MS, onError });
    await client.close();
    await sleep(INTERVAL_MS * 10);
    expect(onError).not.toHaveBeenCalled();
  });
});
