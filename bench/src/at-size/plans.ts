// EXPLAIN (ANALYZE, BUFFERS) of the server's statements for a measured user, saved with the
// report: where the time of a slow search or page goes at this size.
import type { PgClient } from './pg-client';
import type { Statement } from './server-queries';

export interface QueryPlan {
  name: string;
  sql: string;
  values: unknown[];
  /** The plan as PostgreSQL prints it, one line per node. */
  plan: string;
}

export async function explain(
  client: PgClient,
  name: string,
  statement: Statement,
): Promise<QueryPlan> {
  const result = await client.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`,
    statement.values,
  );
  return {
    name,
    sql: statement.text,
    values: statement.values,
    plan: result.rows.map((row) => row['QUERY PLAN']).join('\n'),
  };
}

/** The plans as one text file: each plan under its name, with its SQL and parameters. */
export function plansText(plans: readonly QueryPlan[], header: string): string {
  const blocks = plans.map((p) =>
    [
      `=== ${p.name} ===`,
      '',
      p.sql,
      '',
      `-- parameters: ${JSON.stringify(p.values)}`,
      '',
      p.plan,
      '',
    ].join('\n'),
  );
  return `${header}\n\n${blocks.join('\n')}`;
}
