import { useStrings } from '../provider/use-kit';

/** Props of a day separator (`components.DaySeparator`). */
export interface DaySeparatorProps {
  date: Date;
  /** "Aujourd'hui", "Hier", "lundi 3 novembre"... in the provider's locale. */
  label: string;
}

/** The default day separator: the day's label across the list. */
export function DaySeparator({ date, label }: DaySeparatorProps) {
  return (
    <div className="causette-message-list__day">
      <time dateTime={date.toISOString()}>{label}</time>
    </div>
  );
}

/** The default empty state: a conversation with no message yet. */
export function EmptyState() {
  const strings = useStrings();
  return <p className="causette-message-list__empty">{strings.noMessages}</p>;
}

/** The divider before the first message that was unread when the list opened. */
export function UnreadDivider() {
  const strings = useStrings();
  return (
    <div className="causette-message-list__unread">
      <span>{strings.unreadDivider}</span>
    </div>
  );
}
