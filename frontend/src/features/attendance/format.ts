import { currentLanguage, type Language } from '../../i18n';

const locales: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };

/** A rate (0–1) as a whole percentage in the reader's language: "67%". */
export function formatPercent(rate: number, lng: Language = currentLanguage()): string {
  return new Intl.NumberFormat(locales[lng], { style: 'percent', maximumFractionDigits: 0 }).format(rate);
}

export { formatMoment } from '../../i18n/dates';

/** A session's day in Amsterdam, short: "do 29 okt 2026". */
export function formatShortDay(instant: string, lng: Language = currentLanguage()): string {
  return new Intl.DateTimeFormat(locales[lng], {
    timeZone: 'Europe/Amsterdam',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(new Date(instant));
}
