import type { Conversation } from '@causette/protocol';
import { selectUser } from '@causette/core';
import type { ReactNode } from 'react';
import { Avatar } from '../Avatar';
import { useChatState } from '../hooks/use-chat-state';
import { OnlineStatus } from '../OnlineStatus';
import { useKitRoot, useStrings } from '../provider/use-kit';
import { conversationTitle, otherMembers } from '../utils/members';

/** Props of {@link ChatWindowHeader}. */
export interface ChatWindowHeaderProps {
  /** The conversation, `undefined` while it loads. */
  conversation: Conversation | undefined;
  /** Before the avatar, e.g. a back button on a phone. */
  start?: ReactNode;
  /** After the title, e.g. a menu. */
  end?: ReactNode;
  className?: string;
}

/** The other member's avatar, name and presence, and the listing the conversation is about. */
export function ChatWindowHeader({ conversation, start, end, className }: ChatWindowHeaderProps) {
  const strings = useStrings();
  const me = useChatState(selectUser)?.userId;
  const root = useKitRoot('causette-chat-header', className);
  const other = conversation ? otherMembers(conversation, me)[0] : undefined;
  const title = conversation ? conversationTitle(conversation, me, strings.unknownUser) : '';
  const subject = conversation?.subject?.title;
  return (
    <header {...root}>
      {start}
      {other ? <Avatar name={other.displayName} src={other.avatarUrl} size={40} /> : null}
      <div className="causette-chat-header__text">
        <h2 className="causette-chat-header__title">{title || strings.loading}</h2>
        <div className="causette-chat-header__meta">
          {other ? <OnlineStatus userId={other.userId} /> : null}
          {subject ? (
            <span className="causette-chat-header__subject">
              <span className="causette-chat-header__subject-label">{strings.subject}</span>{' '}
              {subject}
            </span>
          ) : null}
        </div>
      </div>
      {end}
    </header>
  );
}
