import { SEARCH_DEFAULT_LIMIT, type SearchRequest, type SearchResult } from '@causette/protocol';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { queryRows } from '../db/raw';
import type { ConversationsService } from './conversations.service';
import { decodeCursor, encodeCursor } from './cursor';
import { isUuid } from './ids';
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
      const filters: SQL[] = [
        sql`m.conversation_id IN (SELECT conversation_id FROM conversation_members WHERE user_id = ${userId})`,
        sql`m.search_vector @@ (${stemmed} || ${plain})`,
      ];
      if (request.conversationId !== undefined)
        filters.push(sql`m.conversation_id = ${request.conversationId}::uuid`);
      if (after && isUuid(after.id)) {
        filters.push(
          sql`(m.created_at, m.id) < (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)`,
        );
      }
      const rows = await queryRows<HitRow>(
        db,
        sql`SELECT m.id, m.client_id, m.conversation_id, m.seq, m.sender_id, m.type, m.content, m.attachment,
                   m.created_at, m.read_at,
                   ts_headline('causette_fr', ${headlineSource}, ${stemmed}, ${HEADLINE_OPTIONS}) AS stemmed,
                   ts_headline('causette_simple', ${headlineSource}, ${plain}, ${HEADLINE_OPTIONS}) AS plain
            FROM (
              SELECT m.* FROM messages m
              WHERE ${sql.join(filters, sql` AND `)}
              ORDER BY m.created_at DESC, m.id DESC
              LIMIT ${limit + 1}
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
