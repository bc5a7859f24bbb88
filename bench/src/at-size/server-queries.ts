// The SQL the reference server runs for `message:search`, `message:history` and `sync`, written
// out as drizzle-orm renders it from examples/server/src/services (search.service.ts,
// messages.service.ts, conversations.service.ts `views`), with the same parameters, so the
// baseline and the saved query plans are the server's own statements without the socket and the
// server around them. The search's pure helpers are the server's own module.
import {
  HEADLINE_OPTIONS,
  MARK_END,
  MARK_START,
  prefixQuery,
} from '../../../examples/server/src/services/search-query';

/** One statement with its parameters, as `pg` takes them. */
export interface Statement {
  text: string;
  values: unknown[];
}

const MESSAGE_COLUMNS = `"id", "client_id", "conversation_id", "seq", "sender_id", "type", "content", "attachment", "created_at", "read_at"`;

/** The search's tsqueries and filter: $1 query, $2 user, the prefix at $`prefixParam` if any. */
function searchParts(query: string, prefixParam: number) {
  const prefix = prefixQuery(query);
  const stemmed = `websearch_to_tsquery('causette_fr', $1)`;
  const plain = `websearch_to_tsquery('causette_simple', $1)${
    prefix ? ` || to_tsquery('causette_simple', $${prefixParam})` : ''
  }`;
  const where = `m.conversation_id IN (SELECT conversation_id FROM conversation_members WHERE user_id = $2)
    AND m.search_vector @@ (${stemmed} || ${plain})`;
  return { prefix, stemmed, plain, where };
}

/** search.service.ts: the first page of hits (no cursor, no conversation filter). */
export function searchStatement(userId: string, query: string, limit: number): Statement {
  // $1 query, $2 user, $3 headline options, $4 mark start, $5 mark end, $6 limit + 1, $7 prefix
  const { prefix, stemmed, plain, where } = searchParts(query, 7);
  const source = `replace(replace(replace(replace(replace(m.content, $4, ''), $5, ''), '&', '&amp;'), '<', '&lt;'), '>', '&gt;')`;
  const text = `SELECT m.id, m.client_id, m.conversation_id, m.seq, m.sender_id, m.type, m.content, m.attachment,
       m.created_at, m.read_at,
       ts_headline('causette_fr', ${source}, ${stemmed}, $3) AS stemmed,
       ts_headline('causette_simple', ${source}, ${plain}, $3) AS plain
FROM (
  SELECT m.* FROM messages m
  WHERE ${where}
  ORDER BY m.created_at DESC, m.id DESC
  LIMIT $6
) AS m
ORDER BY m.created_at DESC, m.id DESC`;
  const values: unknown[] = [query, userId, HEADLINE_OPTIONS, MARK_START, MARK_END, limit + 1];
  if (prefix) values.push(prefix);
  return { text, values };
}

/** How many of the user's messages the search matches (not a server statement: for the report). */
export function searchCountStatement(userId: string, query: string): Statement {
  const { prefix, where } = searchParts(query, 3);
  return {
    text: `SELECT count(*)::int AS matches FROM messages m WHERE ${where}`,
    values: prefix ? [query, userId, prefix] : [query, userId],
  };
}

/** messages.service.ts `history`: the latest page, or the page before `beforeSeq`. */
export function historyStatement(
  conversationId: string,
  limit: number,
  beforeSeq?: number,
): Statement {
  if (beforeSeq === undefined) {
    return {
      text: `select ${MESSAGE_COLUMNS} from "messages" where "messages"."conversation_id" = $1 order by "messages"."seq" desc limit $2`,
      values: [conversationId, limit + 1],
    };
  }
  return {
    text: `select ${MESSAGE_COLUMNS} from "messages" where ("messages"."conversation_id" = $1 and "messages"."seq" < $2) order by "messages"."seq" desc limit $3`,
    values: [conversationId, beforeSeq, limit + 1],
  };
}

/** messages.service.ts `sync`, first statement: the caller's conversations and their last seq. */
export function syncHeadsStatement(userId: string): Statement {
  return {
    text: `select "conversations"."id", "conversations"."last_seq" from "conversation_members" inner join "conversations" on "conversations"."id" = "conversation_members"."conversation_id" where "conversation_members"."user_id" = $1`,
    values: [userId],
  };
}

/** `sync`, once per conversation behind its cursor: the messages after it, up to the cap + 1. */
export function syncMessagesStatement(
  conversationId: string,
  afterSeq: number,
  cap: number,
): Statement {
  return {
    text: `select ${MESSAGE_COLUMNS} from "messages" where ("messages"."conversation_id" = $1 and "messages"."seq" > $2) order by "messages"."seq" asc limit $3`,
    values: [conversationId, afterSeq, cap + 1],
  };
}

/** conversations.service.ts `views` (the end of `sync`): heads, members and previews. */
export function viewsStatements(userId: string, ids: readonly string[]): Statement[] {
  const list = ids.map((_, i) => `$${i + 2}`).join(', ');
  const memberList = ids.map((_, i) => `$${i + 1}`).join(', ');
  return [
    {
      text: `select "conversations"."id", "conversations"."subject_type", "conversations"."subject_id", "conversations"."subject_title", "conversations"."last_seq", "conversations"."last_message_at", "conversation_members"."last_read_seq", "conversation_members"."marked_unread" from "conversations" inner join "conversation_members" on ("conversation_members"."conversation_id" = "conversations"."id" and "conversation_members"."user_id" = $1) where "conversations"."id" in (${list})`,
      values: [userId, ...ids],
    },
    {
      text: `select "conversation_members"."conversation_id", "conversation_members"."user_id", "conversation_members"."last_read_seq", "users"."display_name", "users"."avatar_url", "users"."role" from "conversation_members" inner join "users" on "users"."id" = "conversation_members"."user_id" where "conversation_members"."conversation_id" in (${memberList}) order by "conversation_members"."joined_at" asc, "conversation_members"."user_id" asc`,
      values: [...ids],
    },
    {
      text: `select "messages"."id", "messages"."client_id", "messages"."conversation_id", "messages"."seq", "messages"."sender_id", "messages"."type", "messages"."content", "messages"."attachment", "messages"."created_at", "messages"."read_at" from "messages" inner join "conversations" on ("conversations"."id" = "messages"."conversation_id" and "messages"."seq" = "conversations"."last_seq") where "conversations"."id" in (${memberList})`,
      values: [...ids],
    },
  ];
}
