import { describe, expect, it } from 'vitest';
import { fromDateTimeLocal, toDateTimeLocal } from './amsterdamTime';

describe('Amsterdam wall-clock moments', () => {
  it('sends a summer and a winter moment with their own offset', () => {
    expect(fromDateTimeLocal('2026-10-01T17:00')).toBe('2026-10-01T17:00:00+02:00');
    expect(fromDateTimeLocal('2026-12-03T09:30')).toBe('2026-12-03T09:30:00+01:00');
  });

  it('reads the API’s UTC instants as the clock in Amsterdam', () => {
    expect(toDateTimeLocal('2026-10-01T15:00:00Z')).toBe('2026-10-01T17:00');
    expect(toDateTimeLocal('2026-12-03T08:30:00Z')).toBe('2026-12-03T09:30');
    expect(toDateTimeLocal('2026-10-25T00:30:00Z')).toBe('2026-10-25T02:30');
  });

  it('round-trips across the DST changes', () => {
    for (const value of ['2026-03-29T01:59', '2026-03-29T03:00', '2026-10-25T01:30', '2026-10-25T03:00']) {
      expect(toDateTimeLocal(fromDateTimeLocal(value)!)).toBe(value);
    }
  });

  it('moves a time the clock skips to the moment that exists', () => {
    expect(fromDateTimeLocal('2026-03-29T02:30')).toBe('2026-03-29T03:30:00+02:00');
  });

  it('refuses what is not a moment', () => {
    expect(fromDateTimeLocal('')).toBeNull();
    expect(fromDateTimeLocal('morgen')).toBeNull();
    expect(fromDateTimeLocal('2026-13-01T10:00')).toBeNull();
    expect(toDateTimeLocal('nonsense')).toBe('');
  });
});
