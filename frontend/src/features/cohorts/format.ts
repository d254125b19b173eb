import type { Language } from '../../i18n';

// Sessions happen in the Netherlands: show their wall-clock time there, whatever the reader's device says.
const timeZone = 'Europe/Amsterdam';

// British English keeps the 24-hour clock and day-month order that Dutch readers of the English UI expect.
const locales: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(lng: Language, kind: 'day' | 'time' | 'month'): Intl.DateTimeFormat {
  const key = `${lng}:${kind}`;
  let format = formatters.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'day'
        ? { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }
        : kind === 'time'
          ? { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
          : // Calendar dates (YYYY-MM-DD) carry no time zone; read and shown as UTC they never shift a day.
            { timeZone: 'UTC', month: 'long', year: 'numeric' };
    format = new Intl.DateTimeFormat(locales[lng], options);
    formatters.set(key, format);
  }
  return format;
}

export interface SessionTime {
  startDay: string;
  startTime: string;
  /** Only when the session ends on another day than it starts (a two-day meeting). */
  endDay: string | null;
  endTime: string;
}

/** A session's start and end (UTC instants from the API) as day and time in Amsterdam. */
export function formatSessionTime(startsAt: string, endsAt: string, lng: Language): SessionTime {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const startDay = formatter(lng, 'day').format(start);
  const endDay = formatter(lng, 'day').format(end);
  return {
    startDay,
    startTime: formatter(lng, 'time').format(start),
    endDay: endDay === startDay ? null : endDay,
    endTime: formatter(lng, 'time').format(end),
  };
}

/** A calendar date (YYYY-MM-DD) as month and year, e.g. "september 2026". */
export function formatMonth(date: string, lng: Language): string {
  return formatter(lng, 'month').format(new Date(`${date}T00:00:00Z`));
}
