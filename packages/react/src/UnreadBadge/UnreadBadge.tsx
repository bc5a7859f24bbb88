import type { HTMLAttributes } from 'react';

/** Props of {@link UnreadBadge}. */
export interface UnreadBadgeProps extends Omit<HTMLAttributes<HTMLSpanElement>, 'children'> {
  /** Number of unread messages; nothing renders at 0. */
  count: number;
  /** Above this the badge shows `max+`. Defaults to 99. */
  max?: number;
  /** Accessible label; receives the exact count. Defaults to English. */
  label?: (count: number) => string;
}

const defaultLabel = (count: number) => `${count} unread message${count === 1 ? '' : 's'}`;

/** A count of unread messages, e.g. in a header or beside a conversation. */
export function UnreadBadge({
  count,
  max = 99,
  label = defaultLabel,
  className,
  ...rest
}: UnreadBadgeProps) {
  const safe = Number.isFinite(count) ? Math.max(0, Math.floor(count)) : 0;
  if (safe === 0) return null;
  return (
    <span
      role="status"
      aria-label={label(safe)}
      className={className ? `causette-unread-badge ${className}` : 'causette-unread-badge'}
      {...rest}
    >
      {safe > max ? `${max}+` : safe}
    </span>
  );
}
