import { describe, expect, it } from 'vitest';
import { dayLabel, parseDate, previewTime, relativeTime } from './dates';
import { defaultStrings } from './strings';

const now = new Date(2026, 11, 5, 15, 0).getTime(); // Saturday 5 December 2026, 15:00 local
const at = (days: number, hours = 12) => new Date(2026, 11, 5 - days, hours, 5);

describe('dates', () => {
  it('label days: today, yesterday, weekday this week, date, year when another', () => {
    const fr = defaultStrings.fr;
    expect(dayLabel(at(0), now, 'fr', fr)).toBe("Aujourd'hui");
    expect(dayLabel(at(1), now, 'fr', fr)).toBe('Hier');
    expect(dayLabel(at(2), now, 'fr', fr)).toBe('Jeudi 3 décembre');
    expect(dayLabel(at(20), now, 'fr', fr)).toBe('15 novembre');
    expect(dayLabel(new Date(2025, 0, 2), now, 'fr', fr)).toBe('2 janvier 2025');
    expect(dayLabel(at(2), now, 'en', defaultStrings.en)).toBe('Thursday, December 3');
  });

  it('say how long ago, never in the future', () => {
    const { fr, en } = defaultStrings;
    expect(relativeTime(new Date(now - 5 * 60_000), now, 'fr', fr)).toBe('il y a 5 minutes');
    expect(relativeTime(new Date(now - 5 * 60_000), now, 'en', en)).toBe('5 minutes ago');
    expect(relativeTime(new Date(now - 3 * 86_400_000), now, 'fr', fr)).toBe('il y a 3 jours');
    expect(relativeTime(new Date(now - 20_000), now, 'fr', fr)).toBe("à l'instant");
    expect(relativeTime(new Date(now + 3000), now, 'en', en)).toBe('just now');
  });

  it('give a list preview the hour today, then the day, then the date', () => {
    expect(previewTime(at(0, 9), now, 'fr', defaultStrings.fr)).toBe('09:05');
    expect(previewTime(at(1), now, 'en', defaultStrings.en)).toBe('Yesterday');
    expect(previewTime(at(3), now, 'fr', defaultStrings.fr)).toBe('Mercredi');
    expect(previewTime(at(40), now, 'fr', defaultStrings.fr)).toBe('26 oct.');
  });

  it('parse ISO dates and refuse bad ones', () => {
    expect(parseDate('2026-12-05T10:00:00.000Z')?.toISOString()).toBe('2026-12-05T10:00:00.000Z');
    expect(parseDate('demain')).toBeUndefined();
    expect(parseDate(undefined)).toBeUndefined();
  });
});
