// The statements that fill a migrated database with the generated data set, set-based: every row
// comes out of generate_series/unnest inside PostgreSQL, so nothing crosses the wire per row.
// They write what a `message:send` and `message:read` would have written: gap-free `seq` per
// conversation, `last_seq`/`last_message_at` on the conversation, each member's read pointer,
// `read_at` on the messages every other member has read; `search_vector` is the table's own
// generated column, computed by PostgreSQL as for any insert.

/** A UUID v7 for the timestamp `ts` (SQL expression): sortable like the server's `newId()`. */
function uuidV7(ts: string): string {
  return `encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing
    substring(int8send(floor(extract(epoch from ${ts}) * 1000)::bigint) from 3) from 1 for 6),
    52, 1), 53, 1), 'hex')::uuid`;
}

/** `bench-u000042` for the user index `n` (SQL), as `userId()` of dataset.ts. */
function userIdSql(n: string): string {
  return `'bench-u' || lpad((${n})::text, 6, '0')`;
}

/**
 * Seconds between message `seq` and the last one of a conversation of `len` messages (SQL): three
 * minutes apart with under a minute of jitter, so times still grow with `seq`.
 */
function secondsBeforeLast(len: string, seq: string): string {
  return `((${len} - ${seq}) * 180 + ((${len} - ${seq}) * 7) % 60)`;
}

/**
 * $1..$5: lengths, member A, member B, unread tail, minutes since the last message (int[], one
 * per conversation); $6: the fill's time.
 */
export const PLAN_TABLE = `CREATE UNLOGGED TABLE fill_plan AS
  SELECT (p.ord - 1)::int AS n, p.len, p.tail,
    ${userIdSql('p.a')} AS ua, ${userIdSql('p.b')} AS ub,
    date_trunc('milliseconds', $6::timestamptz - p.ago * interval '1 minute') AS last_at,
    date_trunc('milliseconds', $6::timestamptz - p.ago * interval '1 minute'
      - (${secondsBeforeLast('p.len', '1')} + 60) * interval '1 second') AS created_at
  FROM unnest($1::int[], $2::int[], $3::int[], $4::int[], $5::int[])
    WITH ORDINALITY AS p(len, a, b, tail, ago, ord)`;

/** Conversation ids, v7 at their creation time, kept beside the plan. */
export const PLAN_IDS = `ALTER TABLE fill_plan ADD COLUMN id uuid;
  UPDATE fill_plan SET id = ${uuidV7('created_at')};
  ALTER TABLE fill_plan ADD PRIMARY KEY (n);
  ANALYZE fill_plan`;

/** $1: how many users; $2: the fill's time. */
export const USERS = `INSERT INTO users (id, display_name, created_at, updated_at)
  SELECT ${userIdSql('n')}, 'Utilisateur ' || n, $2::timestamptz - interval '90 days',
    $2::timestamptz - interval '90 days'
  FROM generate_series(0, $1::int - 1) AS n`;

/**
 * One listing per conversation, as `conversation:open { subject }` would store it; `member_key`
 * is `memberKey()` of the server (sha256 of the JSON of the sorted ids and the subject).
 */
export const CONVERSATIONS = `INSERT INTO conversations
    (id, subject_type, subject_id, subject_title, member_key, last_seq, last_message_at, created_at)
  SELECT id, 'listing', 'L-' || n,
    'T' || (1 + n % 5) || ' ' || (ARRAY['Lyon', 'Paris', 'Marseille', 'Bordeaux', 'Nantes',
      'Lille', 'Toulouse', 'Rennes'])[1 + n % 8],
    encode(sha256(convert_to('[["' || least(ua COLLATE "C", ub COLLATE "C") || '","'
      || greatest(ua COLLATE "C", ub COLLATE "C") || '"],"listing","L-' || n || '"]', 'UTF8')), 'hex'),
    len, last_at, created_at
  FROM fill_plan`;

/**
 * A sends the trailing unread messages and has read everything; B is `tail` messages behind,
 * which is where a send leaves the pointers (the sender's moves to its own message).
 */
export const MEMBERS = `INSERT INTO conversation_members
    (conversation_id, user_id, last_read_seq, marked_unread, joined_at)
  SELECT id, ua, len, false, created_at FROM fill_plan
  UNION ALL
  SELECT id, ub, len - tail, false, created_at FROM fill_plan`;

/** How many pieces of text the messages are made of (two each). */
export const PIECES = 65_536;

/**
 * $1: the vocabulary, most frequent first. Pieces of 2 to 8 words, each word drawn with rank skew
 * u^2.5 (rank 0 most often). A message joins two pieces: 4 to 16 words, and as good as unique.
 */
export const PIECES_TABLE = `CREATE UNLOGGED TABLE fill_pieces AS
  SELECT k, string_agg(($1::text[])[1 + floor(cardinality($1::text[]) * power(random(), 2.5))::int],
    ' ' ORDER BY j) AS body
  FROM generate_series(0, ${PIECES - 1}) AS k
  CROSS JOIN LATERAL generate_series(1, 2 + k % 7) AS j
  GROUP BY k`;

export const PIECES_KEY = `ALTER TABLE fill_pieces ADD PRIMARY KEY (k); ANALYZE fill_pieces`;

/**
 * $1: the rare words; $2: the share of messages with a rare word; $3: the fill's time; $4, $5:
 * the plan's first and last conversation (n) to fill, so the work can be split in chunks.
 */
export const MESSAGES = `INSERT INTO messages
    (id, client_id, conversation_id, seq, sender_id, type, content, created_at, read_at)
  SELECT ${uuidV7('m.ts')}, gen_random_uuid()::text, m.conversation_id, m.seq, m.sender_id, 'TEXT',
    upper(left(a.body, 1)) || substr(a.body, 2) || ' ' || b.body
      || CASE WHEN m.rare < $2::float8
        THEN ' ' || ($1::text[])[1 + floor(m.rare / $2::float8 * cardinality($1::text[]))::int]
        ELSE '' END
      || (ARRAY['.', ' ?', ' !', '.', '…'])[1 + (m.seq + m.n) % 5],
    m.ts, m.read_at
  FROM (
    SELECT p.n, p.id AS conversation_id, s.seq,
      CASE WHEN s.seq > p.len - p.tail OR (s.seq * 31 + p.n) % 3 <> 0 THEN p.ua ELSE p.ub END
        AS sender_id,
      t.ts,
      CASE WHEN s.seq <= p.len - p.tail THEN least(t.ts + interval '90 seconds', $3::timestamptz) END
        AS read_at,
      floor(random() * ${PIECES})::int AS first_piece,
      floor(random() * ${PIECES})::int AS second_piece,
      random() AS rare
    FROM fill_plan AS p
    CROSS JOIN LATERAL generate_series(1, p.len) AS s(seq)
    CROSS JOIN LATERAL (
      SELECT p.last_at - ${secondsBeforeLast('p.len', 's.seq')} * interval '1 second' AS ts
    ) AS t
    WHERE p.n BETWEEN $4 AND $5
  ) AS m
  JOIN fill_pieces AS a ON a.k = m.first_piece
  JOIN fill_pieces AS b ON b.k = m.second_piece`;

/** The secondary indexes of `messages` (not the primary key), to build once after the load. */
export const MESSAGE_INDEXES = `SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS definition
  FROM pg_index AS x
  JOIN pg_class AS i ON i.oid = x.indexrelid
  LEFT JOIN pg_constraint AS c ON c.conindid = x.indexrelid
  WHERE x.indrelid = 'messages'::regclass AND c.oid IS NULL
  ORDER BY i.relname`;
