import type { HTMLAttributes } from 'react';
import { useUnreadCount } from '../hooks/use-unread-count';
import { useKitRoot, useStrings } from '../provider/use-kit';

/** Props of {@link UnreadBadge}. */
export interface UnreadBadgeProps extends Omit<HTMLAttributes<HTMLSpanElement>, 'children'> {
  /**
   * Number of unread messages; nothing renders at 0. Omitted, the badge reads the client's
   * count (of `conversationId`, or of every conversation) under a `ChatProvider`, live.
   */
  count?: number;
  /** With no `count`: the conversation to count; all of them by default. */
  conversationId?: string;
  /** Above this the badge shows `max+`. Defaults to 99. */
  max?: number;
  /** Accessible label; receives the exact count. Defaults to the locale's `unreadMessages`. */
  label?: (count: number) => string;
  /**
   * Whether changes are announced (`role="status"`, default true: one badge in a site header).
   * A list of rows passes false, so that forty badges do not speak at once; the label is then
   * read with the element that refers to it (`aria-describedby`).
   */
  live?: boolean;
}

/** A count of unread messages, e.g. in a site header or beside a conversation. */
export function UnreadBadge({ count, conversationId, ...rest }: UnreadBadgeProps) {
  return count === undefined ? (
    <LiveUnreadBadge conversationId={conversationId} {...rest} />
  ) : (
    <BadgeView count={count} {...rest} />
  );
}

function LiveUnreadBadge({ conversationId, ...rest }: Omit<UnreadBadgeProps, 'count'>) {
  return <BadgeView count={useUnreadCount(conversationId)} {...rest} />;
}

function BadgeView({
  count,
  max = 99,
  label,
  live = true,
  className,
  ...rest
}: Omit<UnreadBadgeProps, 'conversationId'> & { count: number }) {
  const strings = useStrings();
  const root = useKitRoot('causette-unread-badge', className);
  const safe = Number.isFinite(count) ? Math.max(0, Math.floor(count)) : 0;
  if (safe === 0) return null;
  const text = (label ?? strings.unreadMessages)(safe);
  const shown = safe > max ? `${max}+` : safe;
  return live ? (
    <span role="status" aria-label={text} {...root} {...rest}>
      {shown}
    </span>
  ) : (
    <span {...root} {...rest}>
      <span aria-hidden="true">{shown}</span>
      <span className="causette-visually-hidden">{text}</span>
    </span>
  );
}
