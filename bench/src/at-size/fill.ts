// Fills a database the server has migrated with the generated data set, and says how long each
// step took. The secondary indexes of `messages` are dropped for the load and built again after
// it from their own definitions (a bulk load's usual order: one sort per index instead of a
// million insertions), then VACUUM ANALYZE leaves the tables as a long-lived database's would be.
import { type DatasetSize, planConversations } from './dataset';
import {
  CONVERSATIONS,
  MEMBERS,
  MESSAGES,
  MESSAGE_INDEXES,
  PIECES_KEY,
  PIECES_TABLE,
  PLAN_IDS,
  PLAN_TABLE,
  USERS,
} from './fill-sql';
import { type PgClient, connectPg } from './pg-client';
import { RARE_WORDS, VOCABULARY } from './vocabulary';

/** Share of messages that end with one rare word. */
export const RARE_WORD_SHARE = 0.02;
/** Messages per INSERT statement, so progress shows and the sessions share the work evenly. */
const MESSAGES_PER_CHUNK = 125_000;
/** Sessions that insert messages and build indexes side by side: the machine's two cores. */
export const FILL_SESSIONS = 2;

export interface FillTimings {
  /** Users, conversations and members. */
  conversationsMs: number;
  /** The message rows (with their generated search vector). */
  messagesMs: number;
  /** Building the secondary indexes of `messages` again. */
  indexesMs: number;
  vacuumAnalyzeMs: number;
  totalMs: number;
}

export interface FillResult {
  timings: FillTimings;
  /** Conversation ids by plan index. */
  conversationIds: string[];
  /** Sizes on disk after the fill, in MiB. */
  sizesMiB: { messages: number; searchIndex: number; database: number };
}

/** Plan indexes cut into ranges of about `perChunk` messages each (inclusive bounds). */
export function chunkRanges(lengths: readonly number[], perChunk: number): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let start = 0;
  let sum = 0;
  lengths.forEach((length, i) => {
    sum += length;
    if (sum >= perChunk || i === lengths.length - 1) {
      ranges.push([start, i]);
      start = i + 1;
      sum = 0;
    }
  });
  return ranges;
}

async function timed(step: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await step();
  return performance.now() - start;
}

function mib(bytes: unknown): number {
  return Math.round((Number(bytes) / 2 ** 20) * 10) / 10;
}

/** A session for bulk work: commits need not wait for the disk, index builds get memory. */
async function bulkSession(url: string): Promise<PgClient> {
  const client = await connectPg(url);
  try {
    await client.query(`SET synchronous_commit = off`);
    await client.query(`SET maintenance_work_mem = '256MB'`);
    return client;
  } catch (error) {
    await client.end();
    throw error;
  }
}

/** Runs `task` over `items` on every client, each client taking the next item when free. */
async function onEachClient<T>(
  clients: readonly PgClient[],
  items: readonly T[],
  task: (client: PgClient, item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    clients.map(async (client) => {
      while (next < items.length) {
        const index = next++;
        await task(client, items[index] as T, index);
      }
    }),
  );
}

/**
 * Fills the migrated database at `url` with the data set of `size`, on `sessions` connections
 * (the messages and the index builds are shared between them).
 */
export async function fillDatabase(
  url: string,
  size: DatasetSize,
  log: (line: string) => void,
  sessions = FILL_SESSIONS,
): Promise<FillResult> {
  const plan = planConversations(size);
  const now = new Date().toISOString();
  const clients: PgClient[] = [];
  try {
    for (let i = 0; i < sessions; i++) clients.push(await bulkSession(url));
    const [main] = clients as [PgClient];
    const started = performance.now();
    // The generated words repeat from run to run (each chunk below seeds its own draws).
    await main.query(`SELECT setseed(0.19)`);
    const conversationsMs = await timed(async () => {
      await main.query(PLAN_TABLE, [
        plan.lengths,
        plan.memberA,
        plan.memberB,
        plan.unreadTail,
        plan.lastMinutesAgo,
        now,
      ]);
      await main.query(PLAN_IDS);
      await main.query(USERS, [size.users, now]);
      await main.query(CONVERSATIONS);
      await main.query(MEMBERS);
      await main.query(PIECES_TABLE, [VOCABULARY]);
      await main.query(PIECES_KEY);
    });
    log(`  ${size.users} users, ${size.conversations} conversations: ${ms(conversationsMs)}`);

    const indexes = (await main.query<{ name: string; definition: string }>(MESSAGE_INDEXES)).rows;
    for (const index of indexes) await main.query(`DROP INDEX ${quoteIdent(index.name)}`);
    let done = 0;
    const chunks = chunkRanges(plan.lengths, MESSAGES_PER_CHUNK);
    const messagesMs = await timed(() =>
      onEachClient(clients, chunks, async (client, [first, last], index) => {
        await client.query(`SELECT setseed($1)`, [(index + 1) / (chunks.length + 1)]);
        const result = await client.query(MESSAGES, [
          RARE_WORDS,
          RARE_WORD_SHARE,
          now,
          first,
          last,
        ]);
        done += result.rowCount ?? 0;
        log(
          `  messages: ${done.toLocaleString('en-US')} / ${size.messages.toLocaleString('en-US')}`,
        );
      }),
    );
    if (done !== size.messages) throw new Error(`filled ${done} messages, not ${size.messages}`);
    const indexesMs = await timed(() =>
      onEachClient(clients, indexes, async (client, index) => {
        await client.query(index.definition);
      }),
    );
    log(`  messages ${ms(messagesMs)}, ${indexes.length} indexes built again ${ms(indexesMs)}`);
    const vacuumAnalyzeMs = await timed(() => main.query(`VACUUM ANALYZE`));
    const totalMs = performance.now() - started;
    log(`  VACUUM ANALYZE ${ms(vacuumAnalyzeMs)}; fill total ${ms(totalMs)}`);

    const ids = await main.query<{ id: string }>(`SELECT id FROM fill_plan ORDER BY n`);
    await main.query(`DROP TABLE fill_plan, fill_pieces`);
    const sizes = await main.query<{ messages: string; search: string; db: string }>(
      `SELECT pg_total_relation_size('messages') AS messages,
        pg_relation_size('messages_search_idx') AS search,
        pg_database_size(current_database()) AS db`,
    );
    const row = sizes.rows[0];
    return {
      timings: { conversationsMs, messagesMs, indexesMs, vacuumAnalyzeMs, totalMs },
      conversationIds: ids.rows.map((r) => r.id),
      sizesMiB: {
        messages: mib(row?.messages),
        searchIndex: mib(row?.search),
        database: mib(row?.db),
      },
    };
  } finally {
    await Promise.all(clients.map((client) => client.end().catch(() => {})));
  }
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function ms(value: number): string {
  return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
}
