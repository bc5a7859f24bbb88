import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { queryRows } from '../db/raw';
import { type TestDatabase, testBackends } from '../db/test-backends';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 600_000 });

describe.each(testBackends())('causette_store_messages on $name', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await backend.open();
  }, 600_000);
  afterAll(() => database?.destroy());

  // Its plan depends on them (migrations 0006 and 0007), and a later `CREATE OR REPLACE
  // FUNCTION` without its SET clauses would drop them silently: the statement would turn back to
  // hash joins over whole tables, or be JIT-compiled on every call.
  it('runs without JIT, hash joins or merge joins', async () => {
    const [fn] = await queryRows<{ config: string[] | null }>(
      database.db,
      sql`SELECT proconfig AS config FROM pg_proc WHERE proname = 'causette_store_messages'`,
    );
    expect([...(fn?.config ?? [])].sort()).toEqual([
      'enable_hashjoin=off',
      'enable_mergejoin=off',
      'jit=off',
    ]);
  });
});
