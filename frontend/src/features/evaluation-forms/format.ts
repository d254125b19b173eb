import { currentLanguage, type Language } from '../../i18n';

const locales: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };

/** A share (0–1) as a whole percentage in the reader's language: "42%". */
export function formatPercent(rate: number, lng: Language = currentLanguage()): string {
  return new Intl.NumberFormat(locales[lng], { style: 'percent', maximumFractionDigits: 0 }).format(rate);
}

/** The clock time of an instant in Amsterdam: "14:32". */
export function formatClock(instant: string | Date, lng: Language = currentLanguage()): string {
  return new Intl.DateTimeFormat(locales[lng], {
    timeZone: 'Europe/Amsterdam',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(typeof instant === 'string' ? new Date(instant) : instant);
}
