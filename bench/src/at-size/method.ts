import { SEARCH_P95_GOAL_MS } from './types';

/** How the figures were made, stored with them in at-size.json. */
export const METHOD = [
  'A fresh PostgreSQL database per run (dropped after it). The reference server (examples/server,',
  'from source, test mode) is started on it first, so its own migrations make the schema.',
  'The data set is then filled with set-based SQL (generate_series, unnest, INSERT ... SELECT) on',
  'two sessions: users, one-to-one conversations about a listing, members with their read',
  'pointers, and messages of 4 to 16 French words drawn with a rank skew from a marketplace',
  'vocabulary (2 % end with a rare word), gap-free seq per conversation, read_at where every other',
  'member has read, last_seq and last_message_at on the conversation; the search vector is the',
  "table's generated column. The secondary indexes of messages are built after the load from",
  'their own definitions, then VACUUM ANALYZE. Each measured user is in 50 conversations spread',
  'over the length ranks (the longest included); requests rotate over several such users because',
  'the server allows a user 100 requests per 10 s, and a client-side token bucket stays under it.',
  'Requests go one at a time over socket.io (WebSocket) with an ack (causette), and each is also',
  'run as the same SQL statements the server runs, straight on PostgreSQL with pg (baseline);',
  'the two alternate which goes first. A warm-up, unmeasured, precedes each scenario. Query plans',
  `are EXPLAIN (ANALYZE, BUFFERS) of the server's statements. Goal: search p95 under ${SEARCH_P95_GOAL_MS} ms.`,
].join(' ');
