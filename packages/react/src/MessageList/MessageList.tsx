import { type DisplayMessage, selectUser } from '@causette/core';
import type { Conversation } from '@causette/protocol';
import {
  type ComponentType,
  type KeyboardEvent,
  memo,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useMessages } from '../hooks/use-messages';
import { useChatState } from '../hooks/use-chat-state';
import { useConversation } from '../hooks/use-conversations';
import { useUnreadCount } from '../hooks/use-unread-count';
import { dayLabel } from '../i18n/dates';
import { useKitRoot, useLocale, useStrings } from '../provider/use-kit';
import { cx } from '../utils/cx';
import { memberName } from '../utils/members';
import { useNow } from '../utils/use-now';
import { Lightbox, type LightboxImage } from './Lightbox';
import { MessageBubble, type MessageBubbleProps, deliveryOf } from './MessageBubble';
import { DaySeparator, type DaySeparatorProps, EmptyState, UnreadDivider } from './parts';
import { type MessageRow, buildRows, firstUnreadSeq } from './rows';
import { useNewMessageAnnouncer } from './use-announcer';
import { type ScrollTarget, useListScroll } from './use-list-scroll';
import { useReadPolicy } from './use-read-policy';

/** The replaceable parts of {@link MessageList}. */
export interface MessageListComponents {
  /** One message; the default is {@link MessageBubble}. */
  Message: ComponentType<MessageBubbleProps>;
  /** Shown when the conversation has no message yet. */
  EmptyState: ComponentType;
  /** Drawn before the first message of each day. */
  DaySeparator: ComponentType<DaySeparatorProps>;
}

/** Props of {@link MessageList}. */
export interface MessageListProps {
  conversationId: string;
  className?: string;
  /** Scroll to this message and highlight it (opened from search); loads older pages until it is loaded. */
  focusMessageId?: string;
  /** Replaceable parts. */
  components?: Partial<MessageListComponents>;
}

const KEY_STEP_PX = 40;

/**
 * A conversation's messages, virtualized (a few dozen rows in the DOM whatever the length):
 * day separators, grouping by sender, delivery states, images with a lightbox, an unread
 * divider, the "new messages" pill, the read policy, and new messages from others announced
 * through one live region. The scroll container is a focusable `role="log"`.
 */
export function MessageList({
  conversationId,
  className,
  focusMessageId,
  components,
}: MessageListProps) {
  const chat = useMessages(conversationId);
  const conversation = useConversation(conversationId);
  const me = useChatState(selectUser)?.userId;
  const unreadCount = useUnreadCount(conversationId);
  // The log below re-renders only when what it shows changes.
  return (
    <MessageLog
      conversationId={conversationId}
      className={className}
      focusMessageId={focusMessageId}
      components={components}
      messages={chat.messages}
      loaded={chat.loaded}
      hasOlder={chat.hasOlder}
      loadingOlder={chat.loadingOlder}
      loadOlder={chat.loadOlder}
      retry={chat.retry}
      discard={chat.discard}
      markRead={chat.markRead}
      conversation={conversation}
      me={me}
      unreadCount={unreadCount}
    />
  );
}

interface MessageLogProps extends MessageListProps {
  messages: readonly DisplayMessage[];
  loaded: boolean;
  hasOlder: boolean;
  loadingOlder: boolean;
  loadOlder: () => Promise<void>;
  retry: (clientId: string) => Promise<void>;
  discard: (clientId: string) => Promise<void>;
  markRead: () => Promise<void>;
  conversation: Conversation | undefined;
  me: string | undefined;
  unreadCount: number;
}

const MessageLog = memo(function MessageLog(props: MessageLogProps) {
  const { conversationId, className, focusMessageId, components, messages, loaded } = props;
  const { conversation, me, unreadCount, hasOlder, loadingOlder } = props;
  const strings = useStrings();
  const locale = useLocale();
  const now = useNow();
  const root = useKitRoot('causette-message-list', className);
  const Message = components?.Message ?? MessageBubble;
  const Empty = components?.EmptyState ?? EmptyState;
  const Separator = components?.DaySeparator ?? DaySeparator;

  const rows = useMemo(() => buildRows(messages), [messages]);
  const known = conversation !== undefined;

  // The first unread message when the list opened: the divider stays there while reading.
  const [unreadFrom, setUnreadFrom] = useState<number>();
  const unreadFromRef = useRef<number | undefined>(undefined);
  const initialTarget = (): ScrollTarget | undefined => {
    let lastSeq = conversation?.lastSeq ?? 0;
    for (const message of messages)
      if (message.status === 'sent') lastSeq = Math.max(lastSeq, message.seq);
    const seq = firstUnreadSeq(lastSeq, unreadCount);
    unreadFromRef.current = seq;
    setUnreadFrom(seq);
    if (focusMessageId !== undefined) return focusTarget(focusMessageId);
    return seq === undefined ? undefined : unreadTarget(seq);
  };

  const scroll = useListScroll({
    rows,
    me,
    loaded,
    ready: loaded && known,
    hasOlder,
    loadingOlder,
    loadOlder: props.loadOlder,
    initialTarget,
  });
  const { virtualizer, scrollRef, atBottom, newCount, highlightKey, goTo } = scroll;

  // A new focusMessageId after the first position (the reader opens another search hit).
  const focused = useRef(focusMessageId);
  useEffect(() => {
    if (focused.current === focusMessageId) return;
    focused.current = focusMessageId;
    if (focusMessageId !== undefined) goTo(focusTarget(focusMessageId));
  }, [focusMessageId, goTo]);

  const unreadIndex = useMemo(
    () =>
      unreadFrom === undefined
        ? -1
        : rows.findIndex((r) => r.message.status === 'sent' && r.message.seq >= unreadFrom),
    [rows, unreadFrom],
  );

  const lastKey = rows[rows.length - 1]?.key;
  const lastOtherKey = useMemo(() => {
    for (let i = rows.length - 1; i >= 0; i--) {
      const row = rows[i] as MessageRow;
      if (row.message.senderId !== me && row.message.type !== 'SYSTEM') return row.key;
    }
    return undefined;
  }, [rows, me]);

  useReadPolicy({
    loaded,
    known,
    bottomVisible: atBottom && rows.length > 0,
    unreadCount,
    markedUnread: conversation?.markedUnread ?? false,
    lastOtherKey,
    lastKey,
    markRead: props.markRead,
  });

  const nameOf = useCallback(
    (userId: string) => memberName(conversation, userId, strings.unknownUser),
    [conversation, strings.unknownUser],
  );
  const announcement = useNewMessageAnnouncer(conversationId, me, (count, senders) =>
    strings.announceNew(count, senders.map(nameOf).join(', ')),
  );

  // Every other member's read pointer reached a seq: your messages up to it are "read".
  const othersReadSeq = useMemo(() => {
    if (!conversation) return undefined;
    const others = conversation.members.filter((m) => m.userId !== me);
    return others.length === 0 ? -1 : Math.min(...others.map((m) => m.lastReadSeq));
  }, [conversation, me]);

  const [lightbox, setLightbox] = useState<{ image: LightboxImage; opener: HTMLElement }>();
  const openImage = useCallback(
    (image: LightboxImage, opener: HTMLElement) => setLightbox({ image, opener }),
    [],
  );
  const { retry, discard } = props;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return;
    const page = Math.max(KEY_STEP_PX, event.currentTarget.clientHeight * 0.9);
    const moves: Record<string, number | 'top' | 'bottom'> = {
      ArrowUp: -KEY_STEP_PX,
      ArrowDown: KEY_STEP_PX,
      PageUp: -page,
      PageDown: page,
      Home: 'top',
      End: 'bottom',
    };
    const move = moves[event.key];
    if (move === undefined) return;
    event.preventDefault();
    scroll.scrollBy(move);
  };

  const items = virtualizer.getVirtualItems();
  const range = virtualizer.range;
  const showJump =
    unreadFrom !== undefined &&
    loaded &&
    (unreadIndex < 0 ? hasOlder : range !== null && unreadIndex < range.startIndex);
  const showPill = newCount > 0 && !atBottom;

  return (
    <div {...root}>
      <div
        ref={scrollRef}
        className="causette-message-list__viewport"
        role="log"
        aria-label={strings.messageLog}
        aria-busy={!loaded && rows.length === 0 ? true : undefined}
        tabIndex={0}
        onScroll={scroll.onScroll}
        onWheel={scroll.onWheel}
        onTouchStart={scroll.userScrolls}
        onPointerDown={scroll.userScrolls}
        onKeyDown={onKeyDown}
      >
        {rows.length === 0 ? (
          loaded ? (
            <Empty />
          ) : (
            <p className="causette-message-list__loading">{strings.loading}</p>
          )
        ) : (
          <div
            className="causette-message-list__sizer"
            style={{ height: virtualizer.getTotalSize() }}
          >
            {items.map((item) => {
              const row = rows[item.index];
              if (!row) return null;
              const { message } = row;
              const own = message.senderId === me;
              const member = conversation?.members.find((m) => m.userId === message.senderId);
              const read =
                message.status === 'sent' &&
                (othersReadSeq === undefined
                  ? Boolean(message.readAt)
                  : othersReadSeq >= 0 && othersReadSeq >= message.seq);
              return (
                <div
                  key={row.key}
                  ref={virtualizer.measureElement}
                  data-index={item.index}
                  data-row-key={row.key}
                  className={cx(
                    'causette-message-list__row',
                    own && 'causette-message-list__row--own',
                  )}
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  {row.newDay && row.date ? (
                    <Separator date={row.date} label={dayLabel(row.date, now, locale, strings)} />
                  ) : null}
                  {item.index === unreadIndex ? <UnreadDivider /> : null}
                  <Message
                    message={message}
                    own={own}
                    senderName={own ? strings.you : nameOf(message.senderId)}
                    senderAvatarUrl={member?.avatarUrl}
                    groupStart={row.groupStart}
                    delivery={own ? deliveryOf(message, read) : undefined}
                    highlighted={highlightKey === row.key}
                    onRetry={
                      message.status === 'failed'
                        ? () => void retry(message.clientId).catch(() => undefined)
                        : undefined
                    }
                    onDiscard={
                      message.status === 'failed'
                        ? () => void discard(message.clientId).catch(() => undefined)
                        : undefined
                    }
                    onOpenImage={openImage}
                  />
                </div>
              );
            })}
          </div>
        )}
      </div>
      {loadingOlder ? (
        <p className="causette-message-list__loading-older" aria-hidden="true">
          {strings.loadingOlder}
        </p>
      ) : null}
      {showJump ? (
        <button
          type="button"
          className="causette-message-list__jump"
          onClick={() => {
            if (unreadFromRef.current !== undefined) goTo(unreadTarget(unreadFromRef.current));
          }}
        >
          {strings.jumpToUnread}
        </button>
      ) : null}
      {showPill ? (
        <button
          type="button"
          className="causette-message-list__pill"
          onClick={() => {
            scroll.scrollToBottom();
            scrollRef.current?.focus();
          }}
        >
          {strings.newMessages}
        </button>
      ) : null}
      <div className="causette-visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
      {lightbox ? (
        <Lightbox
          image={lightbox.image}
          returnFocusTo={lightbox.opener}
          onClose={() => setLightbox(undefined)}
        />
      ) : null}
    </div>
  );
});

function focusTarget(messageId: string): ScrollTarget {
  return {
    match: (row) => row.message.status === 'sent' && row.message.id === messageId,
    align: 'center',
    highlight: true,
  };
}

function unreadTarget(seq: number): ScrollTarget {
  return {
    match: (row) => row.message.status === 'sent' && row.message.seq >= seq,
    align: 'start',
    highlight: false,
  };
}
