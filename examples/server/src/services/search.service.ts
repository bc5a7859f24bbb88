import { SEARCH_DEFAULT_LIMIT, type SearchRequest, type SearchResult } from '@causette/protocol';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { queryRows } from '../db/raw';
import type { ConversationsService } from './conversations.service';
import { decodeCursor, encodeCursor } from './cursor';
import { toMessage } from './mappers';
import { type RawMessageRow, fromRawMessage } from './raw-message';
import { HEADLINE_OPTIONS, MARK_END, MARK_START, prefixQuery, toSnippet } from './search-query';

export interface SearchService {
  /** Full-text search over the caller's conversations, newest first. */
  search(userId: string, request: SearchRequest): Promise<SearchResult>;
}

interface HitRow extends RawMessageRow {
  stemmed: string;
  plain: string;
}

/** Message text as ts_headline gets it: sentinels removed, HTML escaped (tags would be dropped). */
const headlineSource = sql`replace(replace(replace(replace(replace(m.content, ${MARK_START}, ''), ${MARK_END}, ''), '&', '&amp;'), '<', '&lt;'), '>', '&gt;')`;

/**
 * How far back each slice of the newest-first walk reaches, from now; older messages are left to
 * one last query. A handful of slices: each costs a probe of the index per conversation.
 */
const WALK_SLICES = ['1 hour', '6 hours', '1 day', '3 days'];

/**
 * The walk calls the words rare when fewer than one in RARE_RATIO of at least RARE_MIN_SCANNED
 * messages matched: then the rest is read with the full-text index, whose cost grows with how
 * many messages of the whole table hold the words.
 */
const RARE_MIN_SCANNED = 200;
const RARE_RATIO = 1000;

/** The bounds of the slices, newest first, from +infinity down to -infinity. */
const sliceBounds = sql.raw(
  `ARRAY['infinity'::timestamptz, ${WALK_SLICES.map((s) => `now() - interval '${s}'`).join(', ')}, '-infinity'::timestamptz]`,
);

export function createSearchService(
  db: Db,
  conversationsService: ConversationsService,
): SearchService {
  return {
    async search(userId, request) {
      if (request.conversationId !== undefined) {
        await conversationsService.assertMember(userId, request.conversationId);
      }
      const limit = request.limit ?? SEARCH_DEFAULT_LIMIT;
      const after = request.cursor ? decodeCursor(request.cursor) : undefined;
      const prefix = prefixQuery(request.query);
      // websearch_to_tsquery never fails on user syntax; French stems and plain words are both
      // in the vector, so either side matching is a hit.
      const stemmed = sql`websearch_to_tsquery('causette_fr', ${request.query})`;
      const plainParts: SQL[] = [sql`websearch_to_tsquery('causette_simple', ${request.query})`];
      if (prefix) plainParts.push(sql`to_tsquery('causette_simple', ${prefix})`);
      const plain = sql.join(plainParts, sql` || `);
      const tsquery = sql`(${stemmed} || ${plain})`;
      const inConversation =
        request.conversationId !== undefined
          ? sql` AND conversation_id = ${request.conversationId}::uuid`
          : sql``;
      const beforeCursor = after
        ? sql` AND (m.created_at, m.id) < (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)`
        : sql``;
      const wanted = limit + 1;
      // Newest first, slice by slice back in time (WALK_SLICES), each slice read through the
      // (conversation_id, created_at) index and its rows checked one by one, until enough hits:
      // a common word costs a few hundred of the caller's latest messages, never the whole table's
      // postings of the full-text index. What is older than the last slice is read at once: with
      // the full-text index when the walk showed the words rare (then its postings are short),
      // else row by row as the slices were (bounded by the caller's own messages). Each slice
      // keeps its newest `wanted` hits and the slices do not overlap, so the top is exact.
      const hit = sql`ts_match_vq(m.search_vector, ${tsquery})`;
      const rows = await queryRows<HitRow>(
        db,
        sql`WITH RECURSIVE mine AS MATERIALIZED (
              SELECT ARRAY(SELECT conversation_id FROM conversation_members
                           WHERE user_id = ${userId}${inConversation}) AS ids,
                     ${tsquery} AS q,
                     ${sliceBounds} AS b
            ), walk(i, ids, found, scanned) AS (
              SELECT 0, '{}'::uuid[], 0, 0::bigint
              UNION ALL
              SELECT w.i + 1, coalesce(s.ids, r.ids, '{}'), w.found + cardinality(coalesce(s.ids, r.ids, '{}')),
                     w.scanned + s.scanned
              FROM walk w CROSS JOIN mine
              CROSS JOIN LATERAL (
                SELECT (array_agg(m.id ORDER BY m.created_at DESC, m.id DESC) FILTER (WHERE ${hit}))[1:${wanted}] AS ids,
                       count(*) AS scanned
                FROM messages m
                WHERE w.i + 2 < cardinality(mine.b) AND m.conversation_id = ANY(mine.ids)
                  AND m.created_at < mine.b[w.i + 1] AND m.created_at >= mine.b[w.i + 2]${beforeCursor}
              ) AS s
              CROSS JOIN LATERAL (
                SELECT CASE WHEN w.i + 2 < cardinality(mine.b) THEN NULL
                  WHEN w.scanned >= ${RARE_MIN_SCANNED} AND w.found * ${RARE_RATIO} < w.scanned THEN ARRAY(
                    SELECT m.id FROM messages m
                    WHERE m.conversation_id = ANY(mine.ids) AND m.created_at < mine.b[w.i + 1]
                      AND m.search_vector @@ mine.q${beforeCursor}
                    ORDER BY m.created_at DESC, m.id DESC LIMIT ${wanted})
                  ELSE ARRAY(
                    SELECT m.id FROM messages m
                    WHERE m.conversation_id = ANY(mine.ids) AND m.created_at < mine.b[w.i + 1]
                      AND ${hit}${beforeCursor}
                    ORDER BY m.created_at DESC, m.id DESC LIMIT ${wanted})
                END AS ids
                OFFSET 0
              ) AS r
              WHERE w.found < ${wanted} AND w.i + 2 <= cardinality(mine.b)
            )
            SELECT m.id, m.client_id, m.conversation_id, m.seq, m.sender_id, m.type, m.content, m.attachment,
                   m.created_at, m.read_at,
                   ts_headline('causette_fr', ${headlineSource}, ${stemmed}, ${HEADLINE_OPTIONS}) AS stemmed,
                   ts_headline('causette_simple', ${headlineSource}, ${plain}, ${HEADLINE_OPTIONS}) AS plain
            FROM (
              SELECT m.* FROM messages m
              WHERE m.id = ANY(ARRAY(SELECT unnest(ids) FROM walk))
              ORDER BY m.created_at DESC, m.id DESC
              LIMIT ${wanted}
            ) AS m
            ORDER BY m.created_at DESC, m.id DESC`,
      );
      const page = rows.slice(0, limit);
      const hits = page.map((row) => {
        // The French headline marks stems, the plain one marks prefixes: keep one that marks.
        const headline = row.stemmed.includes(MARK_START) ? row.stemmed : row.plain;
        const message = toMessage(fromRawMessage(row));
        return { message, snippet: toSnippet(headline) };
      });
      const result: SearchResult = { hits };
      const last = page.at(-1);
      if (rows.length > limit && last) {
        result.nextCursor = encodeCursor({ at: new Date(last.created_at), id: last.id });
      }
      return result;
    },
  };
}
