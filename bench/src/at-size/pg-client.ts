// The `pg` driver the reference server uses, for the baseline: the same statements sent straight
// to PostgreSQL.
import pg from 'pg';

export type PgClient = pg.Client;

/** A connected client of `connectionString`; end it with `end()`. */
export async function connectPg(connectionString: string): Promise<PgClient> {
  const client = new pg.Client({ connectionString });
  // A dropped idle connection must not crash the benchmark; the next query reports it.
  client.on('error', () => {});
  await client.connect();
  return client;
}
