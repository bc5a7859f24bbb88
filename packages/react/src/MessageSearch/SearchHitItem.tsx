import { selectUser } from '@causette/core';
import type { SearchHit } from '@causette/protocol';
import { useChatState } from '../hooks/use-chat-state';
import { useConversation } from '../hooks/use-conversations';
import { fullDateTime, parseDate, previewTime } from '../i18n/dates';
import { useLocale, useStrings } from '../provider/use-kit';
import { conversationTitle } from '../utils/members';
import { Snippet } from './Snippet';

/** Props of {@link SearchHitItem}. */
export interface SearchHitItemProps {
  hit: SearchHit;
  /** The page's clock, from `useNow()`. */
  now: number;
  /** Whether to say which conversation the hit is in (not when searching a single one). */
  showConversation: boolean;
  onOpen: (hit: SearchHit) => void;
}

/** One result: a button with the conversation, the date and the highlighted snippet. */
export function SearchHitItem({ hit, now, showConversation, onOpen }: SearchHitItemProps) {
  const strings = useStrings();
  const locale = useLocale();
  const { message } = hit;
  const date = parseDate(message.createdAt);
  return (
    <li className="causette-message-search__item">
      <button type="button" className="causette-message-search__hit" onClick={() => onOpen(hit)}>
        <span className="causette-message-search__meta">
          {showConversation ? <ConversationName conversationId={message.conversationId} /> : null}
          {date ? (
            <time
              className="causette-message-search__date"
              dateTime={message.createdAt}
              title={fullDateTime(date, locale)}
            >
              {previewTime(date, now, locale, strings)}
            </time>
          ) : null}
        </span>
        <span className="causette-message-search__snippet">
          <Snippet snippet={hit.snippet} />
        </span>
      </button>
    </li>
  );
}

function ConversationName({ conversationId }: { conversationId: string }) {
  const strings = useStrings();
  // Fetches a conversation the client has not listed yet (a hit in an old one).
  const conversation = useConversation(conversationId);
  const user = useChatState(selectUser);
  const name = conversation
    ? conversationTitle(conversation, user?.userId, strings.unknownUser)
    : strings.unknownUser;
  return (
    <span className="causette-message-search__conversation">{strings.inConversation(name)}</span>
  );
}
