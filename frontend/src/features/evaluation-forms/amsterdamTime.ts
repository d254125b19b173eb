// The opening and closing moments of an evaluation are typed as the clock in Amsterdam reads them
// (<input type="datetime-local">), whatever the device's own time zone, and sent as ISO 8601 with that offset.

const zone = 'Europe/Amsterdam';
const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: zone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function wallClock(ms: number): WallClock {
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.formatToParts(new Date(ms)).find((part) => part.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

/** Amsterdam's offset from UTC at an instant, in minutes (60 in winter, 120 in summer). */
function offsetAt(ms: number): number {
  const w = wallClock(ms);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  return Math.round((asUtc - Math.floor(ms / 60_000) * 60_000) / 60_000);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function localString(w: WallClock): string {
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** An instant from the API as the value of a datetime-local input in Amsterdam time: "2026-10-01T17:00". */
export function toDateTimeLocal(instant: string): string {
  const ms = new Date(instant).getTime();
  return Number.isNaN(ms) ? '' : localString(wallClock(ms));
}

/**
 * A datetime-local value, read as Amsterdam time, as ISO 8601 with its offset: "2026-10-01T17:00:00+02:00".
 * null when the value is empty or not a moment. A time that the clock skips (the spring DST change) becomes the
 * moment an hour later, as the clock then reads it.
 */
export function fromDateTimeLocal(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
  const naive = Date.UTC(y, mo - 1, d, h, mi);
  let ms = naive - offsetAt(naive) * 60_000;
  const second = offsetAt(ms);
  ms = naive - second * 60_000;
  const offset = offsetAt(ms);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${localString(wallClock(ms))}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
