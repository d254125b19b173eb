import type { Language } from '../../i18n';

// British English keeps the day-month order Dutch readers of the English UI expect.
const locales: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(lng: Language, kind: 'date' | 'instant'): Intl.DateTimeFormat {
  const key = `${lng}:${kind}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(
      locales[lng],
      kind === 'date'
        ? // A calendar date (YYYY-MM-DD) has no time zone: read and shown as UTC it never shifts a day.
          { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }
        : // Moments (a comment, a review) are shown as the clock in the Netherlands read them.
          { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
    );
    formatters.set(key, format);
  }
  return format;
}

/** A calendar date such as a target date or the day a reflection was written: "3 december 2026". */
export function formatDate(date: string, lng: Language): string {
  return formatter(lng, 'date').format(new Date(`${date}T00:00:00Z`));
}

/** An instant from the API (UTC) in Amsterdam time: "3 december 2026 om 13:30" (nl) / "3 December 2026, 13:30". */
export function formatInstant(instant: string, lng: Language): string {
  return formatter(lng, 'instant').format(new Date(instant));
}

/** Today's date in Amsterdam as YYYY-MM-DD, the default day of a new reflection. */
export function todayInAmsterdam(now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
