import {
  type Conversation,
  type ConversationListResult,
  type ConversationSubject,
  MAX_SEARCH_QUERY_LENGTH,
  type SearchResult,
  contentLength,
} from '@causette/protocol';
import { ChatError } from '../errors';
import { patchObject } from '../store/create-store';
import { removeConversations, upsertConversations } from '../store/reducers';
import { type ClientContext, requireId } from './context';

/** The conversation list, opening conversations and search. */
export class ClientConversations {
  #cursor: string | undefined;
  #loading: Promise<void> | undefined;

  constructor(
    private readonly ctx: ClientContext,
    /** Whether a conversation is only known from the cache (a first page replaces those). */
    private readonly isCached: (conversation: Conversation) => boolean = () => false,
  ) {
    ctx.connection.on('conversation:new', ({ conversation }) =>
      ctx.store.setState((s) => upsertConversations(s, [conversation])),
    );
  }

  /** Loads the first page, or with `more` the next one (a no-op when there is none). */
  load(options: { more?: boolean } = {}): Promise<void> {
    if (this.#loading) return this.#loading;
    const { store } = this.ctx;
    const more = options?.more === true;
    if (more && !store.getSnapshot().conversations.hasMore) return Promise.resolve();
    const cursor = more ? this.#cursor : undefined;
    const setStatus = (status: 'loading' | 'loaded' | 'error', hasMore?: boolean) =>
      store.setState((s) =>
        patchObject(s, {
          conversations: patchObject(
            s.conversations,
            hasMore === undefined ? { status } : { status, hasMore },
          ),
        }),
      );
    setStatus('loading');
    this.#loading = this.ctx
      .request('conversation:list', cursor === undefined ? {} : { cursor })
      .then(
        (page) => {
          if (!more || this.#cursor === cursor) this.#cursor = page.nextCursor;
          const gone = goneAccordingTo(page);
          store.setState((s) =>
            upsertConversations(
              removeConversations(s, (c) => this.isCached(c) && gone(c)),
              page.conversations,
            ),
          );
          setStatus('loaded', page.nextCursor !== undefined);
        },
        (error: unknown) => {
          setStatus('error');
          throw error;
        },
      )
      .finally(() => {
        this.#loading = undefined;
      });
    return this.#loading;
  }

  /** Fetches one conversation the user belongs to (`conversation:get`) into the list. */
  async get(conversationId: string): Promise<Conversation> {
    requireId(conversationId, 'conversationId');
    const { conversation } = await this.ctx.request('conversation:get', { conversationId });
    this.ctx.store.setState((s) => upsertConversations(s, [conversation]));
    return conversation;
  }

  async open(options: {
    participantIds: string[];
    subject?: ConversationSubject;
  }): Promise<Conversation> {
    if (
      typeof options !== 'object' ||
      options === null ||
      !Array.isArray(options.participantIds) ||
      options.participantIds.some((id) => typeof id !== 'string' || id === '')
    ) {
      throw new ChatError(
        'INVALID',
        'openConversation takes { participantIds: string[], subject? }',
      );
    }
    const { conversation } = await this.ctx.request('conversation:open', options);
    this.ctx.store.setState((s) => upsertConversations(s, [conversation]));
    return conversation;
  }

  async search(
    query: string,
    options: { conversationId?: string; cursor?: string; limit?: number } = {},
  ): Promise<SearchResult> {
    const length = typeof query === 'string' ? contentLength(query.trim()) : 0;
    if (length === 0 || length > MAX_SEARCH_QUERY_LENGTH) {
      throw new ChatError('INVALID', `query must hold 1 to ${MAX_SEARCH_QUERY_LENGTH} characters`);
    }
    return this.ctx.request('message:search', { ...options, query });
  }
}

/**
 * Which conversations known only from the cache a page shows are gone (the user left them): the
 * page covers their place in the list (pages go by `lastMessageAt`, newest first) yet does not
 * list them. One older than the page may be on a later page: it stays until that page says.
 */
function goneAccordingTo(page: ConversationListResult): (conversation: Conversation) => boolean {
  const listed = new Set(page.conversations.map((c) => c.id));
  const oldest = page.conversations.at(-1)?.lastMessageAt;
  return (conversation) =>
    !listed.has(conversation.id) &&
    (page.nextCursor === undefined ||
      (oldest !== undefined && conversation.lastMessageAt > oldest));
}
