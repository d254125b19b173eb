import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetSession } from '../../auth/session';
import { fakeApi, json, makeUser, problem, tokenFor } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import type { RetentionCohort, RetentionOverview } from './queries';

const admin = makeUser({ id: '00000000-0000-4000-8000-00000000ad01', name: 'Marieke Jansen', isAdmin: true, grants: [] });
const route = 'GET /api/v1/admin/retention';

function cohort(n: number, overrides: Partial<RetentionCohort> = {}): RetentionCohort {
  return {
    cohortId: `00000000-0000-4000-8000-0000000000c${n}`,
    programmeName: 'Leergang Digitaal Leiderschap',
    name: `201${n}–201${n + 1}`,
    archivedAt: '2024-06-30T22:15:00Z',
    purgeDueOn: '2026-07-01',
    noticeSentAt: null,
    purgeOn: null,
    purgedAt: null,
    ...overrides,
  };
}

function serve(overview: RetentionOverview) {
  return fakeApi({ 'POST /api/v1/auth/refresh': () => json(tokenFor(admin)), [route]: () => json(overview) });
}

const cells = (row: HTMLElement) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent);

// A whole page, lazily loaded: generous time on a busy machine.
describe('the retention overview', { timeout: 30_000 }, () => {
  beforeEach(() => {
    resetSession();
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('states the rule in words and where each archived cohort stands', async () => {
    serve({
      retentionMonths: 24,
      noticeDays: 30,
      cohorts: [
        cohort(1, {
          archivedAt: '2023-06-30T22:00:00Z',
          purgeDueOn: '2025-07-01',
          noticeSentAt: '2025-06-01T07:00:00Z',
          purgeOn: '2025-07-01T07:00:00Z',
          purgedAt: '2025-07-01T07:03:00Z',
        }),
        cohort(2, {
          archivedAt: '2024-09-30T10:00:00Z',
          purgeDueOn: '2026-09-30',
          noticeSentAt: '2026-08-31T07:00:00Z',
          purgeOn: '2026-09-30T07:00:00Z',
        }),
        cohort(3, { archivedAt: '2025-12-31T23:30:00Z', purgeDueOn: '2028-01-01' }),
      ],
    });
    renderApp('/beheer/bewaartermijnen');

    const table = await screen.findByRole('table', { name: 'Gearchiveerde groepen, oudste archivering eerst' }, { timeout: 10_000 });
    expect(screen.getByRole('heading', { level: 1, name: 'Bewaartermijnen' })).toBeInTheDocument();
    expect(
      screen.getByText(
        'Leerdoelen en reflecties van een groep worden 24 maanden na archiveren verwijderd; deelnemers krijgen 30 dagen vooraf bericht.',
      ),
    ).toBeInTheDocument();
    expect(within(table).getAllByRole('row').map(cells)).toEqual([
      ['Leergang', 'Groep', 'Gearchiveerd op', 'Verwijderen vanaf', 'Bericht verstuurd', 'Verwijdering op', 'Verwijderd op', 'Status'],
      [
        'Leergang Digitaal Leiderschap',
        '2011–2012',
        '1 jul 2023',
        '1 jul 2025',
        '1 jun 2025, 09:00',
        '1 jul 2025',
        '1 jul 2025, 09:03',
        'verwijderd',
      ],
      [
        'Leergang Digitaal Leiderschap',
        '2012–2013',
        '30 sep 2024',
        '30 sep 2026',
        '31 aug 2026, 09:00',
        '30 sep 2026',
        'nog niet',
        'bericht verstuurd',
      ],
      // Archived at 00:30 on New Year's Day in Amsterdam.
      ['Leergang Digitaal Leiderschap', '2013–2014', '1 jan 2026', '1 jan 2028', 'nog niet', 'nog niet', 'nog niet', 'wacht'],
    ]);
    expect(within(table).getByRole('link', { name: '2013–2014' })).toHaveAttribute('href', '/groepen/00000000-0000-4000-8000-0000000000c3');
    expect(within(table).getByText('bericht verstuurd')).toHaveClass('utrecht-status-badge--active');
  });

  it('speaks of one month and one day in the singular, and says when nothing is archived', async () => {
    serve({ retentionMonths: 1, noticeDays: 1, cohorts: [] });
    renderApp('/beheer/bewaartermijnen');

    expect(
      await screen.findByText(
        'Leerdoelen en reflecties van een groep worden 1 maand na archiveren verwijderd; deelnemers krijgen 1 dag vooraf bericht.',
        {},
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Er zijn geen gearchiveerde groepen.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows a failure in words', async () => {
    fakeApi({
      'POST /api/v1/auth/refresh': () => json(tokenFor(admin)),
      [route]: () => problem(500, { title: 'Er ging iets mis', detail: 'Probeer het later opnieuw.' }),
    });
    renderApp('/beheer/bewaartermijnen');

    expect(await screen.findByRole('alert', {}, { timeout: 10_000 })).toHaveTextContent('Er ging iets misProbeer het later opnieuw.');
  });

  it('is for admins only', async () => {
    const { calls } = fakeApi({ 'POST /api/v1/auth/refresh': () => json(tokenFor(makeUser())) });
    renderApp('/beheer/bewaartermijnen');

    expect(await screen.findByRole('heading', { level: 1, name: 'Geen toegang' }, { timeout: 10_000 })).toBeInTheDocument();
    expect(calls(route)).toHaveLength(0);
  });
});
