import { type SQL, sql } from 'drizzle-orm';
import type { Db } from './connection';

/**
 * Runs raw SQL and returns its rows. Both drivers return `{ rows }`, but drizzle types `execute`
 * per driver, so the shared `Db` type cannot say it.
 */
export async function queryRows<T>(db: Pick<Db, 'execute'>, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** The element types {@link sqlArray} builds arrays of. */
export type SqlArrayType = 'text' | 'uuid' | 'bigint';

/**
 * `ARRAY[$1, $2, ...]::type[]`: one bound parameter per value, for `unnest` and `= ANY` over a
 * batch. (A single array parameter would need each driver's own array encoding.)
 */
export function sqlArray(values: readonly (string | number)[], type: SqlArrayType): SQL {
  return sql`ARRAY[${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )}]::${sql.raw(type)}[]`;
}
