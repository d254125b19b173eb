import type { Language } from '../../i18n';

const locales: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };

/** A calendar date (YYYY-MM-DD) in words, e.g. "1 september 2026"; read as UTC so it never shifts a day. */
export function formatDate(date: string, lng: Language): string {
  return new Intl.DateTimeFormat(locales[lng], { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/** The Amsterdam calendar day of an instant (an API timestamp), e.g. "3 december 2026". */
export function formatDayOf(instant: string, lng: Language): string {
  return new Intl.DateTimeFormat(locales[lng], {
    timeZone: 'Europe/Amsterdam',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(instant));
}
