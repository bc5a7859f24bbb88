import { type ChatError, isChatError } from '@causette/core';
import type { SearchHit } from '@causette/protocol';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useChatClient } from './use-chat-client';

/** Where a search stands. */
export type SearchStatus = 'idle' | 'loading' | 'done' | 'error';

/** What {@link useSearch} returns. */
export interface SearchView {
  /** The query of the shown hits (or of the search under way). */
  query: string;
  /** Newest first; each `snippet` marks hits with `<mark>` (render it as text, never as HTML). */
  hits: readonly SearchHit[];
  status: SearchStatus;
  /** Why the last search failed (`INVALID` for an empty or too long query, `OFFLINE`...). */
  error: ChatError | undefined;
  /** Whether `loadMore()` has another page. */
  hasMore: boolean;
  /** Searches the user's conversations (or one); a newer search replaces an older one's answer. */
  search(query: string, options?: { conversationId?: string }): void;
  loadMore(): void;
  /** Back to `idle`, dropping any answer still on its way. */
  clear(): void;
}

interface SearchState {
  query: string;
  conversationId: string | undefined;
  hits: readonly SearchHit[];
  status: SearchStatus;
  error: ChatError | undefined;
  cursor: string | undefined;
}

const IDLE: SearchState = {
  query: '',
  conversationId: undefined,
  hits: [],
  status: 'idle',
  error: undefined,
  cursor: undefined,
};

/** Full-text search in the user's messages, with paging; answers to stale queries are dropped. */
export function useSearch(): SearchView {
  const client = useChatClient();
  const [state, setState] = useState<SearchState>(IDLE);
  // Bumped by every search and clear: an answer to an older one is ignored.
  const generation = useRef(0);
  useEffect(
    () => () => {
      generation.current += 1;
    },
    [],
  );

  const run = useCallback(
    (
      query: string,
      conversationId: string | undefined,
      cursor: string | undefined,
      previous: readonly SearchHit[],
    ) => {
      const mine = ++generation.current;
      setState({
        query,
        conversationId,
        hits: previous,
        status: 'loading',
        error: undefined,
        cursor,
      });
      const options = {
        ...(conversationId === undefined ? {} : { conversationId }),
        ...(cursor === undefined ? {} : { cursor }),
      };
      // `search` rejects (never throws) on a bad query: INVALID lands in `error`.
      client.search(query, options).then(
        (result) => {
          if (mine !== generation.current) return;
          setState({
            query,
            conversationId,
            hits: [...previous, ...result.hits],
            status: 'done',
            error: undefined,
            cursor: result.nextCursor,
          });
        },
        (error: unknown) => {
          if (mine !== generation.current) return;
          setState({
            query,
            conversationId,
            hits: previous,
            status: 'error',
            error: isChatError(error) ? error : undefined,
            cursor: undefined,
          });
        },
      );
    },
    [client],
  );

  const search = useCallback(
    (query: string, options: { conversationId?: string } = {}) =>
      run(query, options.conversationId, undefined, []),
    [run],
  );
  const loadMore = useCallback(() => {
    const { query, conversationId, cursor, status, hits } = state;
    if (cursor !== undefined && status === 'done') run(query, conversationId, cursor, hits);
  }, [run, state]);
  const clear = useCallback(() => {
    generation.current += 1;
    setState(IDLE);
  }, []);

  return {
    query: state.query,
    hits: state.hits,
    status: state.status,
    error: state.error,
    hasMore: state.cursor !== undefined && state.status === 'done',
    search,
    loadMore,
    clear,
  };
}
