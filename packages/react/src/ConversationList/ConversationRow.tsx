import type { Conversation } from '@causette/protocol';
import { selectUser } from '@causette/core';
import { useId } from 'react';
import { Avatar } from '../Avatar';
import { useChatState } from '../hooks/use-chat-state';
import { useUnreadCount } from '../hooks/use-unread-count';
import { fullDateTime, parseDate, previewTime } from '../i18n/dates';
import { OnlineStatus } from '../OnlineStatus';
import { useLocale, useStrings } from '../provider/use-kit';
import { UnreadBadge } from '../UnreadBadge';
import { cx } from '../utils/cx';
import { conversationTitle, otherMembers } from '../utils/members';
import { useNow } from '../utils/use-now';
import { ConversationMenu } from './ConversationMenu';
import { conversationPreview } from './preview';

/**
 * What the list puts on a row's main button: spread it on the row's focusable element, so the
 * list's keyboard navigation, selection and shortcuts work with a row of the app's too.
 */
export interface ConversationRowButtonProps {
  /** How the list finds the rows' buttons for ArrowUp/ArrowDown. */
  'data-causette-conversation': string;
  /** Roving tab index: only one row of the list is in the tab order. */
  tabIndex: 0 | -1;
  'aria-current': 'true' | undefined;
  /** `u r`: the keys that mark the focused conversation unread and read. */
  'aria-keyshortcuts': string;
  /** The visually hidden hint of the list's keys. */
  'aria-describedby': string;
  onClick: () => void;
  onFocus: () => void;
}

/** Props of {@link ConversationRow}. */
export interface ConversationRowProps {
  conversation: Conversation;
  /** Whether this is the list's `selectedId`. */
  selected: boolean;
  /** Spread on the row's main button. */
  buttonProps: ConversationRowButtonProps;
}

/**
 * One conversation of {@link ConversationList}: the other member's avatar and presence dot,
 * their name, the subject, the last message ("Vous : …", "📷 Photo"), its time, the unread badge
 * (bold while unread) and a menu to mark it read or unread. Replace it with
 * `components={{ Row }}`; it must render an `<li>` and spread `buttonProps` on its button.
 */
export function ConversationRow({ conversation, selected, buttonProps }: ConversationRowProps) {
  const strings = useStrings();
  const locale = useLocale();
  const now = useNow();
  const userId = useChatState(selectUser)?.userId;
  const unread = useUnreadCount(conversation.id);
  const badgeId = useId();
  const title = conversationTitle(conversation, userId, strings.unknownUser);
  const other = otherMembers(conversation, userId)[0];
  const preview = conversationPreview(conversation, userId, strings);
  const at = parseDate(conversation.lastMessageAt);
  const describedBy = cx(buttonProps['aria-describedby'], unread > 0 && badgeId);
  return (
    <li
      className={cx(
        'causette-conversation-list__item',
        unread > 0 && 'causette-conversation-list__item--unread',
        selected && 'causette-conversation-list__item--selected',
      )}
    >
      <button
        type="button"
        className="causette-conversation-list__row"
        {...buttonProps}
        aria-describedby={describedBy}
      >
        <span className="causette-conversation-list__avatar">
          <Avatar name={other?.displayName ?? title} src={other?.avatarUrl} size={44} />
          {other && (
            <OnlineStatus
              userId={other.userId}
              showLabel={false}
              className="causette-conversation-list__presence"
            />
          )}
        </span>
        <span className="causette-conversation-list__body">
          <span className="causette-conversation-list__top">
            <span className="causette-conversation-list__name">{title}</span>
            {at && (
              <time
                className="causette-conversation-list__time"
                dateTime={conversation.lastMessageAt}
                title={fullDateTime(at, locale)}
              >
                {previewTime(at, now, locale, strings)}
              </time>
            )}
          </span>
          {conversation.subject?.title && (
            <span className="causette-conversation-list__subject">
              {conversation.subject.title}
            </span>
          )}
          {preview && (
            <span className="causette-conversation-list__preview">
              {preview.sender !== undefined && (
                <span className="causette-conversation-list__sender">
                  {strings.previewSender(preview.sender)}
                </span>
              )}
              {preview.text}
            </span>
          )}
        </span>
      </button>
      <span className="causette-conversation-list__aside">
        <UnreadBadge
          id={badgeId}
          count={unread}
          live={false}
          label={strings.unreadCount}
          className="causette-conversation-list__badge"
        />
        <ConversationMenu
          conversationId={conversation.id}
          title={title}
          unread={unread > 0}
          tabbable={buttonProps.tabIndex === 0}
        />
      </span>
    </li>
  );
}
