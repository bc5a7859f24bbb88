import type { ChatLocale } from '@causette/react';

const formats = new Map<ChatLocale, Intl.NumberFormat>();

/** A monthly rent in euros, as the locale writes money ("890 €", "€890"). */
export function formatRent(rentEur: number, locale: ChatLocale): string {
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
      style: 'currency',
      currency: 'EUR',
      maximumFractionDigits: 0,
    });
    formats.set(locale, format);
  }
  return format.format(rentEur);
}
