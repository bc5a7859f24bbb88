import { differenceInCalendarDays, formatDistanceStrict, isSameYear, type Locale } from 'date-fns';
import { enUS } from 'date-fns/locale/en-US';
import { fr } from 'date-fns/locale/fr';
import type { ChatLocale, ChatStrings } from './strings';

// Only these two locales are imported, so a bundler keeps date-fns' other 90 out of the kit.
// date-fns says how long ago; dates and times are the browser's own `Intl` (no format tables
// to ship).
const dateLocales: Readonly<Record<ChatLocale, Locale>> = { fr, en: enUS };
const intlLocales: Readonly<Record<ChatLocale, string>> = { fr: 'fr-FR', en: 'en-US' };
const formatters = new Map<string, Intl.DateTimeFormat>();

/** A cached `Intl.DateTimeFormat` of the locale. */
function format(date: Date, locale: ChatLocale, options: Intl.DateTimeFormatOptions): string {
  const key = `${locale}${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(intlLocales[locale], options);
    formatters.set(key, formatter);
  }
  return formatter.format(date);
}

const WEEKDAY: Intl.DateTimeFormatOptions = { weekday: 'long' };
const DAY_MONTH: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long' };
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };

/** The date-fns locale of a kit locale. */
export function dateLocaleOf(locale: ChatLocale): Locale {
  return dateLocales[locale];
}

/** Parses an ISO date; `undefined` for a missing or malformed one (never `Invalid Date`). */
export function parseDate(iso: string | undefined): Date | undefined {
  if (!iso) return undefined;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * "il y a 5 minutes" / "5 minutes ago" from `now` (the shared clock of `useNow`); under a minute,
 * and for a server clock a little ahead of this one, `strings.justNow`.
 */
export function relativeTime(
  date: Date,
  now: number,
  locale: ChatLocale,
  strings: Pick<ChatStrings, 'justNow'>,
): string {
  if (now - date.getTime() < 60_000) return strings.justNow;
  return formatDistanceStrict(date, now, { addSuffix: true, locale: dateLocaleOf(locale) });
}

/** A day separator: "Aujourd'hui", "Hier", "lundi 3 novembre", "3 novembre 2025". */
export function dayLabel(
  date: Date,
  now: number,
  locale: ChatLocale,
  strings: Pick<ChatStrings, 'today' | 'yesterday'>,
): string {
  const days = differenceInCalendarDays(now, date);
  if (days === 0) return strings.today;
  if (days === 1) return strings.yesterday;
  if (days > 1 && days < 7) return capitalize(format(date, locale, { ...WEEKDAY, ...DAY_MONTH }));
  return format(
    date,
    locale,
    isSameYear(date, now) ? DAY_MONTH : { ...DAY_MONTH, year: 'numeric' },
  );
}

/** A message's time of day: "14:05" / "2:05 PM". */
export function timeOfDay(date: Date, locale: ChatLocale): string {
  return format(date, locale, TIME);
}

/** A list preview's time: the hour today, "Hier", the weekday this week, else the date. */
export function previewTime(
  date: Date,
  now: number,
  locale: ChatLocale,
  strings: Pick<ChatStrings, 'yesterday'>,
): string {
  const days = differenceInCalendarDays(now, date);
  if (days <= 0) return format(date, locale, TIME);
  if (days === 1) return strings.yesterday;
  if (days < 7) return capitalize(format(date, locale, WEEKDAY));
  return isSameYear(date, now)
    ? format(date, locale, { day: 'numeric', month: 'short' })
    : format(date, locale, { dateStyle: 'short' });
}

/** A full date and time, for `title` and `dateTime` attributes' readers. */
export function fullDateTime(date: Date, locale: ChatLocale): string {
  return format(date, locale, { dateStyle: 'long', timeStyle: 'short' });
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
