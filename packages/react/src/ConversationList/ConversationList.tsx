import { selectUser } from '@causette/core';
import {
  type ComponentType,
  type KeyboardEvent,
  useCallback,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useChatClient } from '../hooks/use-chat-client';
import { useChatState } from '../hooks/use-chat-state';
import { useConversations } from '../hooks/use-conversations';
import { useKitRoot, useStrings } from '../provider/use-kit';
import { usePreloadConversationMenu } from './ConversationMenu';
import { ConversationRow, type ConversationRowProps } from './ConversationRow';
import { filterConversations } from './preview';

/** The replaceable parts of {@link ConversationList}. */
export interface ConversationListComponents {
  /** One conversation (default {@link ConversationRow}); renders an `<li>`. */
  Row: ComponentType<ConversationRowProps>;
  /** Shown when the user has no conversation at all. */
  EmptyState: ComponentType;
}

/** Props of {@link ConversationList}. */
export interface ConversationListProps {
  /** The selected conversation (aria-current). */
  selectedId?: string;
  /** Called with a conversation's id on click, Enter or Space. */
  onSelect: (conversationId: string) => void;
  className?: string;
  /** Show the filter box (default true). */
  filter?: boolean;
  components?: Partial<ConversationListComponents>;
}

/** The keys of a focused row that mark its conversation unread and read. */
const SHORTCUTS = 'u r';

function DefaultEmptyState() {
  return <p className="causette-conversation-list__empty">{useStrings().noConversations}</p>;
}

/**
 * The user's conversations, newest first and reordered live as messages arrive, with previews,
 * unread badges, a filter box, and the loading, empty and error states.
 *
 * Keyboard: the rows form one tab stop (roving tabindex). ArrowUp/ArrowDown (Home/End) move
 * between rows, Enter or Space selects one, `u` marks the focused conversation unread and `r`
 * marks it read (announced by `aria-keyshortcuts` and a visually hidden hint). Tab from a row
 * reaches its actions button, whose popover menu does the same with the mouse.
 */
export function ConversationList({
  selectedId,
  onSelect,
  className,
  filter = true,
  components,
}: ConversationListProps) {
  const client = useChatClient();
  const strings = useStrings();
  const root = useKitRoot('causette-conversation-list', className);
  usePreloadConversationMenu();
  const { conversations, status, hasMore, loadMore, reload } = useConversations();
  const userId = useChatState(selectUser)?.userId;
  const Row = components?.Row ?? ConversationRow;
  const EmptyState = components?.EmptyState ?? DefaultEmptyState;
  const [query, setQuery] = useState('');
  const [focusedId, setFocusedId] = useState<string | undefined>();
  const listRef = useRef<HTMLUListElement>(null);
  const filterId = useId();
  const hintId = useId();
  const listId = useId();

  const visible = useMemo(
    () => filterConversations(conversations, userId, query, strings.unknownUser),
    [conversations, userId, query, strings.unknownUser],
  );
  const has = (id: string | undefined) => id !== undefined && visible.some((c) => c.id === id);
  const tabStop = has(focusedId) ? focusedId : has(selectedId) ? selectedId : visible[0]?.id;

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLUListElement>) => {
      const target = event.target as HTMLElement;
      const id = target.dataset.causetteConversation;
      const list = listRef.current;
      if (id === undefined || !list || event.altKey || event.ctrlKey || event.metaKey) return;
      const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
      if (key === 'u' || key === 'r') {
        event.preventDefault();
        const done = key === 'u' ? client.markUnread(id) : client.markRead(id);
        done.catch(() => undefined);
        return;
      }
      const buttons = Array.from(
        list.querySelectorAll<HTMLElement>('[data-causette-conversation]'),
      );
      const index = buttons.indexOf(target);
      const next =
        key === 'ArrowDown'
          ? buttons[Math.min(index + 1, buttons.length - 1)]
          : key === 'ArrowUp'
            ? buttons[Math.max(index - 1, 0)]
            : key === 'Home'
              ? buttons[0]
              : key === 'End'
                ? buttons.at(-1)
                : undefined;
      if (!next) return;
      event.preventDefault();
      next.focus();
    },
    [client],
  );

  const loading = (status === 'loading' || status === 'idle') && conversations.length === 0;
  const failed = status === 'error';
  const retry = () => {
    const again = hasMore && conversations.length > 0 ? loadMore() : reload();
    again.catch(() => undefined);
  };

  return (
    <div {...root}>
      {filter && conversations.length > 0 && (
        <div className="causette-conversation-list__filter">
          <label htmlFor={filterId} className="causette-visually-hidden">
            {strings.filterLabel}
          </label>
          <input
            id={filterId}
            type="search"
            className="causette-conversation-list__filter-input"
            placeholder={strings.filterPlaceholder}
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            aria-controls={listId}
            autoComplete="off"
          />
        </div>
      )}
      <p id={hintId} className="causette-visually-hidden">
        {strings.listKeyboardHint}
      </p>
      {loading ? (
        <div className="causette-conversation-list__loading" role="status" aria-busy="true">
          <span className="causette-visually-hidden">{strings.loading}</span>
          {[0, 1, 2].map((n) => (
            <span key={n} className="causette-conversation-list__skeleton" aria-hidden="true" />
          ))}
        </div>
      ) : conversations.length === 0 && !failed ? (
        <EmptyState />
      ) : (
        <ul
          ref={listRef}
          id={listId}
          className="causette-conversation-list__list"
          aria-label={strings.conversations}
          onKeyDown={onKeyDown}
        >
          {visible.map((conversation) => (
            <Row
              key={conversation.id}
              conversation={conversation}
              selected={conversation.id === selectedId}
              buttonProps={{
                'data-causette-conversation': conversation.id,
                tabIndex: conversation.id === tabStop ? 0 : -1,
                'aria-current': conversation.id === selectedId ? 'true' : undefined,
                'aria-keyshortcuts': SHORTCUTS,
                'aria-describedby': hintId,
                onClick: () => onSelect(conversation.id),
                onFocus: () => setFocusedId(conversation.id),
              }}
            />
          ))}
        </ul>
      )}
      {query.trim() !== '' && visible.length === 0 && conversations.length > 0 && (
        <p className="causette-conversation-list__no-match" role="status">
          {strings.noMatch(query.trim())}
        </p>
      )}
      {failed ? (
        <div className="causette-conversation-list__error" role="alert">
          <p>{strings.loadError}</p>
          <button type="button" className="causette-conversation-list__button" onClick={retry}>
            {strings.retryLoad}
          </button>
        </div>
      ) : (
        hasMore &&
        conversations.length > 0 && (
          <button
            type="button"
            className="causette-conversation-list__button causette-conversation-list__more"
            disabled={status === 'loading'}
            onClick={() => loadMore().catch(() => undefined)}
          >
            {strings.loadMore}
          </button>
        )
      )}
    </div>
  );
}
