// Dates and moments as the programme reads them: calendar dates as written, instants in Europe/Amsterdam.
import { currentLanguage, type Language } from '.';

// British English keeps the day-month order and 24-hour clock that Dutch readers of the English UI expect.
const locales: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };

/** A calendar date (YYYY-MM-DD) as "12 okt 2026"; read and shown as UTC, so it never shifts a day. */
export function formatDate(date: string, lng: Language = currentLanguage()): string {
  return new Intl.DateTimeFormat(locales[lng], { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/** An instant's day in Amsterdam, where the programme takes place: "12 okt 2026". */
export function formatDay(instant: string, lng: Language = currentLanguage()): string {
  return new Intl.DateTimeFormat(locales[lng], {
    timeZone: 'Europe/Amsterdam',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(new Date(instant));
}

/** An instant as date and time in Amsterdam: "12 okt 2026, 09:05". */
export function formatMoment(instant: string, lng: Language = currentLanguage()): string {
  return new Intl.DateTimeFormat(locales[lng], {
    timeZone: 'Europe/Amsterdam',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(instant));
}
