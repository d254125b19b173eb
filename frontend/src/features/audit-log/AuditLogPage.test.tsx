import { QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode } from 'react';
import { MemoryRouter, useLocation, useNavigate, type Location, type NavigateFunction } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../App';
import { createQueryClient } from '../../api/queryClient';
import { resetSession } from '../../auth/session';
import { fakeApi, json, makeUser, problem, tokenFor } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import type { AuditLogLine } from './queries';

const admin = makeUser({ id: '00000000-0000-4000-8000-00000000ad01', name: 'Marieke Jansen', isAdmin: true, grants: [] });
const ruud = { id: '00000000-0000-4000-8000-00000000f001', name: 'Ruud Verbeek', erased: false };
const nico = { id: '00000000-0000-4000-8000-000000000001', name: 'Nico Middelbos', erased: false };
const marieke = { id: admin.id, name: admin.name, erased: false };
const route = 'GET /api/v1/admin/audit-log';

function line(id: number, overrides: Partial<AuditLogLine> = {}): AuditLogLine {
  return {
    id,
    occurredAt: '2026-10-09T08:12:00Z',
    actor: ruud,
    subject: nico,
    action: 'goal.read',
    objectType: 'goal',
    objectId: '00000000-0000-4000-8000-00000000g001'.replace('g', 'a'),
    route: 'GET /api/v1/cohorts/:cohortID/participants/:userID/goals/:goalID',
    requestId: `req-${id}`,
    ip: '192.0.2.10',
    detail: {},
    ...overrides,
  };
}

const firstPage = [
  line(9, {
    occurredAt: '2026-11-02T13:05:00Z',
    actor: marieke,
    subject: marieke,
    action: 'login.succeeded',
    objectType: 'session',
    objectId: '00000000-0000-4000-8000-0000000000f9',
    route: 'POST /api/v1/auth/login',
    detail: {},
  }),
  line(8, {
    // The schema types detail as an object without named fields.
    detail: { fields: ['title', 'status'], count: 3, visibility: { from: 'private', to: 'cohort' }, knownAccount: false } as unknown as AuditLogLine['detail'],
  }),
  line(7, { actor: null, subject: null, action: 'calendar.synced', objectType: 'calendar', objectId: null, ip: null }),
];

function serve(routes: Record<string, (request: Request) => Response | Promise<Response>> = {}) {
  return fakeApi({
    'POST /api/v1/auth/refresh': () => json(tokenFor(admin)),
    [route]: () => json({ entries: firstPage, nextCursor: null }),
    'GET /api/v1/users': () => json({ users: [{ ...nico, email: 'nico.middelbos@kampen.example', passwordSet: true, isAdmin: false }] }),
    ...routes,
  });
}

/** The app with a window on the router: where it is, and Back. */
function renderWithHistory(path: string) {
  let location: Location | undefined;
  let navigate: NavigateFunction | undefined;
  function Probe() {
    location = useLocation();
    navigate = useNavigate();
    return null;
  }
  render(
    <StrictMode>
      <QueryClientProvider client={createQueryClient()}>
        <MemoryRouter initialEntries={[path]}>
          <App />
          <Probe />
        </MemoryRouter>
      </QueryClientProvider>
    </StrictMode>,
  );
  return {
    search: () => location?.search ?? '',
    back: () => act(() => void navigate?.(-1)),
  };
}

const query = (request: Request) => Object.fromEntries(new URL(request.url).searchParams);
const cells = (row: HTMLElement) => [...row.querySelectorAll(':scope > th, :scope > td')].map((cell) => cell.textContent);

async function table() {
  return screen.findByRole('table', { name: 'Auditlog, nieuwste eerst' }, { timeout: 10_000 });
}

// A whole page, lazily loaded: generous time on a busy machine.
describe('the audit log', { timeout: 30_000 }, () => {
  beforeEach(() => {
    resetSession();
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('lists the lines newest first in Amsterdam time, with actions in words and unknown ones as written', async () => {
    const { calls } = serve();
    renderApp('/beheer/auditlog');

    const rows = within(await table()).getAllByRole('row');
    expect(cells(rows[0]!)).toEqual(['Tijdstip', 'Wie', 'Handeling', 'Over wie', 'Object', 'Route', 'IP-adres', 'Details']);
    expect(cells(rows[1]!).slice(0, 7)).toEqual([
      '2 nov 2026, 14:05',
      'Marieke Jansen',
      'Ingelogd',
      'Marieke Jansen',
      'session 00000000-0000-4000-8000-0000000000f9',
      'POST /api/v1/auth/login',
      '192.0.2.10',
    ]);
    expect(cells(rows[2]!).slice(0, 4)).toEqual(['9 okt 2026, 10:12', 'Ruud Verbeek', 'Leerdoel bekeken', 'Nico Middelbos']);
    // No actor (the system, or an unknown address), no subject, no object id, no address; an action without words.
    expect(cells(rows[3]!).slice(0, 7)).toEqual(['9 okt 2026, 10:12', 'Systeem of onbekend', 'calendar.synced', '—geen', 'calendar', expect.any(String), '—geen']);
    expect(within(rows[3]!).getAllByRole('cell')[1]!.firstElementChild?.tagName).toBe('CODE');
    expect(screen.getByRole('status')).toHaveTextContent('3 regels getoond.');
    expect(calls(route).map(query)).toEqual([{ limit: '50' }]);
    expect(screen.getByRole('link', { name: 'Alleen regels door Ruud Verbeek' })).toHaveAttribute(
      'href',
      `/beheer/auditlog?wie=${ruud.id}`,
    );
  });

  it('shows a line’s detail as a definition list when it is opened', async () => {
    serve();
    renderApp('/beheer/auditlog');
    const row = within(await table()).getAllByRole('row')[2]!;
    const summary = within(row).getByText('Details', { exact: false, selector: 'summary' });
    const details = summary.closest('details')!;
    expect(details).not.toHaveAttribute('open');
    expect(summary).toHaveTextContent('Details van regel 8');

    await userEvent.click(summary);

    expect(details).toHaveAttribute('open');
    const list = details.querySelector(':scope > dl')!;
    const pairs = [...list.querySelectorAll(':scope > div')].map((item) => [
      item.querySelector(':scope > dt')!.textContent,
      item.querySelector(':scope > dd')!.textContent,
    ]);
    expect(pairs).toEqual([
      ['fields', 'title, status'],
      ['count', '3'],
      ['visibility', 'fromprivatetocohort'],
      ['knownAccount', 'nee'],
      ['Technische naam', 'goal.read'],
      ['Verzoek-id', 'req-8'],
    ]);
    // The nested object is a list of its own.
    expect(list.querySelector('dd dl dt')).toHaveTextContent('from');

    // A line without detail says so.
    const first = within(await table()).getAllByRole('row')[1]!;
    await userEvent.click(within(first).getByText('Details', { exact: false, selector: 'summary' }));
    expect(within(first).getByText('Geen verdere details.')).toBeVisible();
  });

  it('puts the filters in the address and the API query, with Amsterdam day boundaries, and Back undoes them', async () => {
    const { calls } = serve();
    const router = renderWithHistory('/beheer/auditlog');
    await table();

    await userEvent.selectOptions(screen.getByLabelText('Handeling'), 'Alle inlogpogingen');
    const who = screen.getByRole('group', { name: 'Wie' });
    await userEvent.type(within(who).getByLabelText('Zoek op naam of e-mailadres'), 'nico{Enter}');
    await userEvent.click(await within(who).findByRole('button', { name: 'Nico Middelbos (nico.middelbos@kampen.example)' }));
    expect(within(who).getByText('Gekozen: Nico Middelbos')).toBeInTheDocument();
    expect(within(who).getByRole('button', { name: 'Wie: iemand anders kiezen dan Nico Middelbos' })).toHaveFocus();
    await userEvent.type(screen.getByLabelText('Van'), '2026-10-01');
    await userEvent.type(screen.getByLabelText('Tot en met'), '2026-10-31');
    await userEvent.type(screen.getByLabelText('Objecttype'), 'session');
    expect(calls(route)).toHaveLength(1); // nothing is searched until the filters are applied
    await userEvent.click(screen.getByRole('button', { name: 'Filters toepassen' }));

    await waitFor(() => expect(calls(route)).toHaveLength(2));
    // Summer time on 1 October, winter time again on 1 November (the clocks went back on 25 October).
    expect(query(calls(route)[1]!)).toEqual({
      action: 'login.',
      actor: nico.id,
      objectType: 'session',
      from: '2026-10-01T00:00:00+02:00',
      to: '2026-11-01T00:00:00+01:00',
      limit: '50',
    });
    expect(new URLSearchParams(router.search())).toEqual(
      new URLSearchParams({ handeling: 'login.', wie: nico.id, van: '2026-10-01', tot: '2026-10-31', objecttype: 'session' }),
    );
    // The search is the people search that the people page uses.
    expect(query(calls('GET /api/v1/users')[0]!)).toEqual({ query: 'nico' });

    router.back();

    await waitFor(() => expect(router.search()).toBe(''));
    expect(screen.getByLabelText('Handeling')).toHaveValue('');
    expect(screen.getByLabelText('Van')).toHaveValue('');
    expect(within(screen.getByRole('group', { name: 'Wie' })).getByLabelText('Zoek op naam of e-mailadres')).toBeInTheDocument();
  });

  it('starts from a bookmarked search: the form shows it, and names the person from the lines', async () => {
    const { calls } = serve({
      [route]: () => json({ entries: [line(8, { action: 'role.granted', actor: ruud, subject: nico })], nextCursor: null }),
    });
    renderApp(`/beheer/auditlog?handeling=role.granted&wie=${ruud.id}&van=2026-10-01`);

    await table();
    expect(query(calls(route)[0]!)).toEqual({ action: 'role.granted', actor: ruud.id, from: '2026-10-01T00:00:00+02:00', limit: '50' });
    expect(screen.getByLabelText('Handeling')).toHaveValue('role.granted');
    expect(screen.getByLabelText('Van')).toHaveValue('2026-10-01');
    expect(within(screen.getByRole('group', { name: 'Wie' })).getByText('Gekozen: Ruud Verbeek')).toBeInTheDocument();
    expect(calls(`GET /api/v1/admin/users/${ruud.id}/security`)).toHaveLength(0);
  });

  it('names a filtered person who is in no line through their sign-in page, and types an unknown action as text', async () => {
    const { calls } = serve({
      [route]: () => json({ entries: [], nextCursor: null }),
      [`GET /api/v1/admin/users/${nico.id}/security`]: () =>
        json({
          userId: nico.id,
          name: 'Nico Middelbos',
          email: 'nico.middelbos@kampen.example',
          secondFactorEnabled: false,
          secondFactorRequired: false,
          activeSessions: 0,
          lastLoginAt: null,
        }),
    });
    renderApp(`/beheer/auditlog?handeling=calendar.&over=${nico.id}`);

    expect(await screen.findByText('Geen regels gevonden met deze filters.', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(query(calls(route)[0]!)).toEqual({ action: 'calendar.', subject: nico.id, limit: '50' });
    expect(screen.getByLabelText('Handeling')).toHaveValue('*other');
    expect(screen.getByLabelText('Technische naam van de handeling')).toHaveValue('calendar.');
    const about = screen.getByRole('group', { name: 'Over wie' });
    expect(await within(about).findByText('Gekozen: Nico Middelbos')).toBeInTheDocument();
  });

  it('filters on a person when their name is followed, and takes focus to the results', async () => {
    const { calls } = serve();
    renderApp('/beheer/auditlog?handeling=goal.read');
    await table();

    await userEvent.click(screen.getByRole('link', { name: 'Alleen regels over Nico Middelbos' }));

    await waitFor(() => expect(calls(route)).toHaveLength(2));
    expect(query(calls(route)[1]!)).toEqual({ action: 'goal.read', subject: nico.id, limit: '50' });
    await waitFor(() => expect(screen.getByRole('heading', { level: 2, name: 'Gevonden regels' })).toHaveFocus());
    expect(within(screen.getByRole('group', { name: 'Over wie' })).getByText('Gekozen: Nico Middelbos')).toBeInTheDocument();

    await userEvent.click(within(await table()).getAllByRole('link', { name: /^Alleen regels over goal / })[0]!);
    await waitFor(() => expect(calls(route)).toHaveLength(3));
    expect(query(calls(route)[2]!)).toMatchObject({ objectType: 'goal', objectId: firstPage[1]!.objectId });
  });

  it('loads more lines with the cursor and moves focus to the first new one', async () => {
    const { calls } = serve({
      [route]: (request) =>
        new URL(request.url).searchParams.get('cursor') === 'c2'
          ? json({ entries: [line(3, { occurredAt: '2026-07-01T22:30:00Z', action: 'retention.purged', actor: null })], nextCursor: null })
          : json({ entries: firstPage, nextCursor: 'c2' }),
    });
    renderApp('/beheer/auditlog?handeling=goal.');
    const grid = await table();
    expect(screen.getByRole('status')).toHaveTextContent('3 regels getoond. Er zijn meer regels: gebruik ‘Meer laden’ onder de tabel.');

    await userEvent.click(screen.getByRole('button', { name: 'Meer laden' }));

    await waitFor(() => expect(within(grid).getAllByRole('row')).toHaveLength(5));
    const added = within(grid).getAllByRole('row')[4]!;
    expect(cells(added).slice(0, 3)).toEqual(['2 jul 2026, 00:30', 'Systeem of onbekend', 'Verlopen gegevens verwijderd']);
    await waitFor(() => expect(added).toHaveFocus());
    expect(screen.getByRole('status')).toHaveTextContent('1 regel erbij geladen; 4 regels in totaal.');
    expect(screen.queryByRole('button', { name: 'Meer laden' })).not.toBeInTheDocument();
    expect(calls(route).map(query)).toEqual([
      { action: 'goal.', limit: '50' },
      { action: 'goal.', limit: '50', cursor: 'c2' },
    ]);
  });

  it('says so when nothing matches', async () => {
    serve({ [route]: () => json({ entries: [], nextCursor: null }) });
    renderApp('/beheer/auditlog?handeling=user.erased');

    expect(await screen.findByText('Geen regels gevonden met deze filters.', {}, { timeout: 10_000 })).toHaveAttribute('role', 'status');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows the server’s field errors on the filters, in a summary that links to them', async () => {
    serve({
      [route]: () =>
        problem(422, {
          title: 'De zoekopdracht klopt niet',
          errors: [
            { field: 'objectType', code: 'too_long', message: 'Hoogstens 60 tekens.' },
            { field: 'actor', code: 'invalid', message: 'Geef de id (uuid) van een persoon.' },
            { field: 'cursor', code: 'invalid', message: 'Deze cursor is niet geldig.' },
          ],
        }),
    });
    renderApp('/beheer/auditlog?objecttype=x&wie=not-a-uuid');

    const summary = await screen.findByRole('alert', {}, { timeout: 10_000 });
    expect(summary).toHaveTextContent('De zoekopdracht klopt niet');
    await waitFor(() => expect(summary.closest('.utrecht-alert')).toHaveFocus()); // the role sits on Utrecht's inner message
    expect(screen.getByLabelText('Objecttype')).toHaveAccessibleDescription(/Hoogstens 60 tekens\./);
    expect(screen.getByLabelText('Objecttype')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('group', { name: 'Wie' })).toHaveAccessibleDescription(/Geef de id \(uuid\) van een persoon\./);
    expect(within(summary).getByText('cursor: Deze cursor is niet geldig.')).toBeInTheDocument();

    await userEvent.click(within(summary).getByRole('link', { name: 'Hoogstens 60 tekens.' }));
    expect(screen.getByLabelText('Objecttype')).toHaveFocus();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('checks the dates before searching', async () => {
    const { calls } = serve();
    renderApp('/beheer/auditlog');
    await table();

    await userEvent.type(screen.getByLabelText('Van'), '2026-10-10');
    await userEvent.type(screen.getByLabelText('Tot en met'), '2026-10-01');
    await userEvent.click(screen.getByRole('button', { name: 'Filters toepassen' }));

    const summary = await screen.findByRole('alert');
    await waitFor(() => expect(summary.closest('.utrecht-alert')).toHaveFocus()); // the role sits on Utrecht's inner message
    expect(screen.getByLabelText('Tot en met')).toHaveAccessibleDescription(/De einddatum ligt vóór de begindatum\./);
    expect(calls(route)).toHaveLength(1);
  });

  it('refuses a bad date in the address without asking the server', async () => {
    const { calls } = serve();
    renderApp('/beheer/auditlog?van=2026-02-30');

    const summary = await screen.findByRole('alert', {}, { timeout: 10_000 });
    expect(summary).toHaveTextContent('Controleer de filters');
    expect(screen.getByLabelText('Van')).toHaveAccessibleDescription(/Vul een geldige datum in/);
    expect(calls(route)).toHaveLength(0);
  });

  it('is for admins only', async () => {
    const { calls } = fakeApi({ 'POST /api/v1/auth/refresh': () => json(tokenFor(makeUser())) });
    renderApp('/beheer/auditlog');

    expect(await screen.findByRole('heading', { level: 1, name: 'Geen toegang' }, { timeout: 10_000 })).toBeInTheDocument();
    expect(calls(route)).toHaveLength(0);
  });

  it('is linked from the admin home, with the retention overview', async () => {
    serve();
    renderApp('/beheer');

    const nav = await screen.findByRole('navigation', { name: 'Beveiliging en privacy' }, { timeout: 10_000 });
    expect(within(nav).getByRole('link', { name: 'Auditlog doorzoeken' })).toHaveAttribute('href', '/beheer/auditlog');
    expect(within(nav).getByRole('link', { name: 'Bewaartermijnen van gearchiveerde groepen' })).toHaveAttribute(
      'href',
      '/beheer/bewaartermijnen',
    );
  });
});
