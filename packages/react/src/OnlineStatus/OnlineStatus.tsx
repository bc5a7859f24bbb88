import type { Presence } from '@causette/protocol';
import { usePresence } from '../hooks/use-presence';
import { fullDateTime, parseDate, relativeTime } from '../i18n/dates';
import { useKitRoot, useLocale, useStrings } from '../provider/use-kit';
import { cx } from '../utils/cx';
import { useNow } from '../utils/use-now';

/** Props of {@link OnlineStatus}. */
export interface OnlineStatusProps {
  /** Whose presence to show; it is watched while the component is mounted. */
  userId: string;
  className?: string;
  /**
   * Show the text ("En ligne" / "Vu il y a 5 minutes") beside the dot (default true); without it
   * the dot still has an accessible name.
   */
  showLabel?: boolean;
}

/**
 * A user's presence, live: a green dot and "En ligne", or a grey dot and "Vu il y a 5 minutes".
 * Relative times follow the page's single shared clock (`useNow`), so a list of a hundred
 * statuses runs one timer. Until the server answers, the dot is neutral and says nothing.
 */
export function OnlineStatus({ userId, className, showLabel = true }: OnlineStatusProps) {
  const presence = usePresence(userId);
  const strings = useStrings();
  const kind = presence === undefined ? 'unknown' : presence.status;
  const root = useKitRoot(
    'causette-online-status',
    cx(`causette-online-status--${kind}`, className),
  );
  return (
    <span {...root}>
      {presence === undefined ? (
        <span className="causette-online-status__dot" aria-hidden="true" />
      ) : presence.status === 'online' ? (
        <StatusText text={strings.online} showLabel={showLabel} />
      ) : (
        <LastSeen presence={presence} showLabel={showLabel} />
      )}
    </span>
  );
}

/** The offline text; only offline statuses read the clock, so online ones never re-render on it. */
function LastSeen({ presence, showLabel }: { presence: Presence; showLabel: boolean }) {
  const strings = useStrings();
  const locale = useLocale();
  const now = useNow();
  const date = parseDate(presence.lastSeen);
  const text = date ? strings.lastSeen(relativeTime(date, now, locale, strings)) : strings.offline;
  return (
    <StatusText
      text={text}
      showLabel={showLabel}
      dateTime={date ? presence.lastSeen : undefined}
      title={date ? fullDateTime(date, locale) : undefined}
    />
  );
}

function StatusText({
  text,
  showLabel,
  dateTime,
  title,
}: {
  text: string;
  showLabel: boolean;
  dateTime?: string;
  title?: string;
}) {
  if (!showLabel) {
    // The dot alone is an image named by the status, so the state is never colour only.
    return (
      <span className="causette-online-status__dot" role="img" aria-label={text} title={text} />
    );
  }
  return (
    <>
      <span className="causette-online-status__dot" aria-hidden="true" />
      {dateTime === undefined ? (
        <span className="causette-online-status__label">{text}</span>
      ) : (
        <time className="causette-online-status__label" dateTime={dateTime} title={title}>
          {text}
        </time>
      )}
    </>
  );
}
