import { describe, expect, it } from 'vitest';
import { formatMonth, formatSessionTime } from './format';

describe('session times', () => {
  it('shows Amsterdam wall-clock time on both sides of the switch to winter time', () => {
    // 24 October 2026 is still summer time (UTC+2), 31 October is winter time (UTC+1): same local start.
    const summer = formatSessionTime('2026-10-24T11:30:00Z', '2026-10-24T15:00:00Z', 'nl');
    const winter = formatSessionTime('2026-10-31T12:30:00Z', '2026-10-31T16:00:00Z', 'nl');

    expect(summer).toEqual({ startDay: 'zaterdag 24 oktober 2026', startTime: '13:30', endDay: null, endTime: '17:00' });
    expect(winter).toEqual({ startDay: 'zaterdag 31 oktober 2026', startTime: '13:30', endDay: null, endTime: '17:00' });
  });

  it('formats in English, still in Amsterdam time and on a 24-hour clock', () => {
    expect(formatSessionTime('2026-10-31T12:30:00Z', '2026-10-31T16:00:00Z', 'en')).toEqual({
      startDay: expect.stringMatching(/^Saturday,? 31 October 2026$/), // ICU versions differ on the comma
      startTime: '13:30',
      endDay: null,
      endTime: '17:00',
    });
  });

  it('names the end day of a session that runs overnight, through the switch to summer time', () => {
    // The demo's closing two-day meeting: Saturday 10:00 CET until Sunday 13:00 CEST.
    expect(formatSessionTime('2022-03-26T09:00:00Z', '2022-03-27T11:00:00Z', 'nl')).toEqual({
      startDay: 'zaterdag 26 maart 2022',
      startTime: '10:00',
      endDay: 'zondag 27 maart 2022',
      endTime: '13:00',
    });
  });

  it('puts a session just after midnight in Amsterdam on the Amsterdam day, not the UTC one', () => {
    const time = formatSessionTime('2026-12-31T23:30:00Z', '2027-01-01T01:00:00Z', 'nl');

    expect(time.startDay).toBe('vrijdag 1 januari 2027');
    expect(time.startTime).toBe('00:30');
  });
});

describe('cohort months', () => {
  it('shows a calendar date as month and year, without shifting it a day', () => {
    expect(formatMonth('2026-09-01', 'nl')).toBe('september 2026');
    expect(formatMonth('2027-06-30', 'nl')).toBe('juni 2027');
    expect(formatMonth('2027-06-30', 'en')).toBe('June 2027');
  });
});
