import type { SearchHit } from '@causette/protocol';
import {
  type ChangeEvent,
  type FormEvent,
  type KeyboardEvent,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { type SearchView, useSearch } from '../hooks/use-search';
import type { ChatStrings } from '../i18n';
import { useKitRoot, useStrings } from '../provider/use-kit';
import { cx } from '../utils/cx';
import { useNow } from '../utils/use-now';
import { SearchHitItem } from './SearchHitItem';

/** Props of {@link MessageSearch}. */
export interface MessageSearchProps {
  /** Search one conversation only (default: all of the user's). */
  conversationId?: string;
  /** Called when the user opens a hit: the app shows that conversation and the message (MessageList's focusMessageId). */
  onOpenMessage: (hit: SearchHit) => void;
  className?: string;
  /**
   * Whether to search while the user types, after a short pause and from two characters
   * (default true). Enter always searches at once.
   */
  searchAsYouType?: boolean;
}

const DEBOUNCE_MS = 350;
const MIN_AS_YOU_TYPE = 2;

/**
 * A search box over the user's messages (or one conversation's), with the results' highlighted
 * snippets, paging, and each hit a button that opens it through `onOpenMessage`. Built on
 * `useSearch`; the snippets' `<mark>` become elements, everything else stays text.
 */
export function MessageSearch({
  conversationId,
  onOpenMessage,
  className,
  searchAsYouType = true,
}: MessageSearchProps) {
  const strings = useStrings();
  const root = useKitRoot('causette-message-search', className);
  const view = useSearch();
  const now = useNow();
  const id = useId();
  const [value, setValue] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // The query last sent, so a pause after Enter does not send it again.
  const sent = useRef('');
  // Where the first hit of a page loaded by "more results" lands: it gets the focus.
  const focusFrom = useRef<number | undefined>(undefined);
  const scope = useRef(conversationId);
  const { search, clear } = view;

  const cancelPending = () => {
    clearTimeout(timer.current);
    timer.current = undefined;
  };
  useEffect(() => cancelPending, []);

  const run = (text: string) => {
    cancelPending();
    const query = text.trim();
    sent.current = query;
    if (query === '') clear();
    else search(query, conversationId === undefined ? {} : { conversationId });
  };

  const reset = () => {
    cancelPending();
    sent.current = '';
    setValue('');
    clear();
  };

  // Another conversation: the hits shown belong to the previous one.
  useEffect(() => {
    if (scope.current === conversationId) return;
    scope.current = conversationId;
    cancelPending();
    sent.current = '';
    clear();
  }, [conversationId, clear]);

  useEffect(() => {
    const from = focusFrom.current;
    if (from === undefined || view.status === 'loading') return;
    focusFrom.current = undefined;
    const buttons = list.current?.querySelectorAll<HTMLButtonElement>(
      '.causette-message-search__hit',
    );
    // Past the last hit (nothing new): stay on the last one rather than lose the focus.
    buttons?.[Math.min(from, buttons.length - 1)]?.focus();
  }, [view.hits, view.status]);

  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const next = event.target.value;
    setValue(next);
    if (!searchAsYouType) return;
    cancelPending();
    const query = next.trim();
    if (query === '') {
      sent.current = '';
      clear();
    } else if (query.length >= MIN_AS_YOU_TYPE && query !== sent.current) {
      timer.current = setTimeout(() => run(query), DEBOUNCE_MS);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    run(value);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape' && value !== '') {
      event.preventDefault();
      reset();
    }
  };

  const loadingMore = view.status === 'loading' && view.hits.length > 0;
  const onMore = () => {
    if (loadingMore) return;
    focusFrom.current = view.hits.length;
    view.loadMore();
  };

  const message = statusText(view, strings);
  return (
    <div {...root}>
      <form role="search" className="causette-message-search__form" onSubmit={onSubmit}>
        <label htmlFor={`${id}-query`} className="causette-visually-hidden">
          {strings.searchLabel}
        </label>
        <input
          ref={input}
          id={`${id}-query`}
          className="causette-message-search__input"
          type="search"
          enterKeyHint="search"
          autoComplete="off"
          placeholder={strings.searchPlaceholder}
          value={value}
          onChange={onChange}
          onKeyDown={onKeyDown}
        />
        {value !== '' ? (
          <button
            type="button"
            className="causette-message-search__clear"
            aria-label={strings.clearSearch}
            title={strings.clearSearch}
            onClick={() => {
              reset();
              input.current?.focus();
            }}
          >
            <span aria-hidden="true">×</span>
          </button>
        ) : null}
        <button type="submit" className="causette-message-search__submit">
          {strings.searchButton}
        </button>
      </form>
      <p
        role="status"
        className={cx(
          'causette-message-search__status',
          view.status === 'error' && 'causette-message-search__status--error',
        )}
      >
        {message}
      </p>
      {view.hits.length > 0 ? (
        <ul
          ref={list}
          className="causette-message-search__results"
          aria-label={strings.results}
          aria-busy={loadingMore}
        >
          {view.hits.map((hit) => (
            <SearchHitItem
              key={hit.message.id}
              hit={hit}
              now={now}
              showConversation={conversationId === undefined}
              onOpen={onOpenMessage}
            />
          ))}
        </ul>
      ) : null}
      {view.hasMore || loadingMore ? (
        <button
          type="button"
          className="causette-message-search__more"
          aria-disabled={loadingMore}
          onClick={onMore}
        >
          {loadingMore ? strings.searching : strings.moreResults}
        </button>
      ) : null}
    </div>
  );
}

function statusText(view: SearchView, strings: ChatStrings): string {
  switch (view.status) {
    case 'idle':
      return '';
    case 'loading':
      return view.hits.length === 0 ? strings.searching : '';
    case 'error':
      return strings.searchError;
    case 'done':
      return view.hits.length === 0
        ? strings.noResults(view.query)
        : strings.resultCount(view.hits.length, view.hasMore);
  }
}
