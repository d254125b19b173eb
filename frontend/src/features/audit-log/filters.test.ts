import { describe, expect, it } from 'vitest';
import en from '../../i18n/admin-security.en.json';
import nl from '../../i18n/admin-security.nl.json';
import { actionGroups, isActionChoice, knownActions } from './actions';
import { apiQuery, dayStart, filterErrors, filtersFromParams, filtersToParams, isDay, nextDay, emptyFilters } from './filters';

describe('audit-log filters', () => {
  it('reads and writes the address under Dutch names, leaving out what is not set', () => {
    const params = new URLSearchParams('handeling=login.&wie=a1&over=&van=2026-10-01&tot=2026-10-31&objecttype=goal&object=g1&x=y');
    const filters = filtersFromParams(params);
    expect(filters).toEqual({
      action: 'login.',
      actor: 'a1',
      subject: '',
      from: '2026-10-01',
      to: '2026-10-31',
      objectType: 'goal',
      objectId: 'g1',
    });
    expect(filtersToParams(filters).toString()).toBe('handeling=login.&wie=a1&van=2026-10-01&tot=2026-10-31&objecttype=goal&object=g1');
    expect(filtersToParams(emptyFilters).toString()).toBe('');
  });

  it('turns days into Amsterdam midnights, the end day inclusive', () => {
    expect(dayStart('2026-01-15')).toBe('2026-01-15T00:00:00+01:00');
    expect(dayStart('2026-07-15')).toBe('2026-07-15T00:00:00+02:00');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
    expect(apiQuery({ ...emptyFilters, from: '2026-03-29', to: '2026-03-29' })).toEqual({
      from: '2026-03-29T00:00:00+01:00', // the clocks go forward at 02:00 that night
      to: '2026-03-30T00:00:00+02:00',
    });
  });

  it('accepts only real days, and an end that is not before the start', () => {
    expect(isDay('2026-02-28')).toBe(true);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('1-10-2026')).toBe(false);
    expect(filterErrors({ ...emptyFilters, from: '2026-10-02', to: '2026-10-01' })).toEqual({ to: 'toBeforeFrom' });
    expect(filterErrors({ ...emptyFilters, from: '2026-10-01', to: '2026-10-01' })).toEqual({});
    expect(filterErrors({ ...emptyFilters, from: 'gisteren' })).toEqual({ from: 'date' });
  });

  it('offers only actions and prefixes the API accepts, each with words', () => {
    for (const { choices } of actionGroups) {
      for (const choice of choices) {
        expect(choice.value).toMatch(/^[a-z0-9_]+(\.[a-z0-9_]+)*\.?$/);
        expect(choice.prefix !== undefined).toBe(choice.value.endsWith('.'));
        if (!choice.prefix) expect(knownActions).toContain(choice.value);
      }
    }
    expect(isActionChoice('login.')).toBe(true);
    expect(isActionChoice('calendar.synced')).toBe(false);
  });

  it('has every Dutch string in English too', () => {
    const keys = (tree: object, prefix = ''): string[] =>
      Object.entries(tree).flatMap(([key, value]) =>
        typeof value === 'object' && value !== null ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
      );
    expect(keys(en).sort()).toEqual(keys(nl).sort());
    const labels = keys(nl.adminSecurity.auditLog.actions);
    expect([...labels].sort()).toEqual([...knownActions].sort());
  });
});
