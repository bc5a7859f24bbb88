import {
  differenceInCalendarDays,
  format,
  formatDistanceStrict,
  isSameYear,
  type Locale,
} from 'date-fns';
import { enUS } from 'date-fns/locale/en-US';
import { fr } from 'date-fns/locale/fr';
import type { ChatLocale, ChatStrings } from './strings';

// Only these two locales are imported, so a bundler keeps date-fns' other 90 out of the kit.
const dateLocales: Readonly<Record<ChatLocale, Locale>> = { fr, en: enUS };

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

const dayPatterns: Readonly<
  Record<ChatLocale, Record<'weekday' | 'thisYear' | 'otherYear', string>>
> = {
  fr: { weekday: 'EEEE d MMMM', thisYear: 'd MMMM', otherYear: 'd MMMM yyyy' },
  en: { weekday: 'EEEE, MMMM d', thisYear: 'MMMM d', otherYear: 'MMMM d, yyyy' },
};

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
  const options = { locale: dateLocaleOf(locale) };
  const pattern = dayPatterns[locale];
  if (days > 1 && days < 7) return capitalize(format(date, pattern.weekday, options));
  return format(date, isSameYear(date, now) ? pattern.thisYear : pattern.otherYear, options);
}

/** A message's time of day: "14:05" / "2:05 PM". */
export function timeOfDay(date: Date, locale: ChatLocale): string {
  return format(date, 'p', { locale: dateLocaleOf(locale) });
}

/** A list preview's time: the hour today, "Hier", the weekday this week, else the date. */
export function previewTime(
  date: Date,
  now: number,
  locale: ChatLocale,
  strings: Pick<ChatStrings, 'yesterday'>,
): string {
  const days = differenceInCalendarDays(now, date);
  const options = { locale: dateLocaleOf(locale) };
  if (days <= 0) return format(date, 'p', options);
  if (days === 1) return strings.yesterday;
  if (days < 7) return capitalize(format(date, 'EEEE', options));
  return isSameYear(date, now) ? format(date, 'd MMM', options) : format(date, 'P', options);
}

/** A full date and time, for `title` and `dateTime` attributes' readers. */
export function fullDateTime(date: Date, locale: ChatLocale): string {
  return format(date, 'PPPp', { locale: dateLocaleOf(locale) });
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
