import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetSession } from '../../auth/session';
import { fakeApi, json, makeUser, problem, tokenFor } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import { fallbackFileName, type AccessLogEntry } from './queries';

const nico = makeUser();
const ruud = { id: '00000000-0000-4000-8000-00000000f001', name: 'Ruud Begeleider', roles: ['facilitator'] };

function entry(id: number, overrides: Partial<AccessLogEntry> = {}): AccessLogEntry {
  return {
    id,
    occurredAt: '2026-10-09T08:12:00Z',
    actor: ruud,
    action: 'goals.read',
    objectType: 'goals',
    objectId: '00000000-0000-4000-8000-000000002026',
    route: 'GET /api/v1/cohorts/:cohortID/participants/:userID/goals',
    ...overrides,
  };
}

function serve(routes: Record<string, (request: Request) => Response | Promise<Response>>) {
  return fakeApi({ 'POST /api/v1/auth/refresh': () => json(tokenFor(nico)), ...routes });
}

const cells = (row: HTMLElement) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent);

// A whole page, lazily loaded: generous time on a busy machine.
describe('Mijn gegevens', { timeout: 30_000 }, () => {
  beforeEach(() => {
    resetSession();
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('lists who read or changed my data, in words and Amsterdam time, and loads more', async () => {
    const { calls } = serve({
      'GET /api/v1/me/access-log': (request) =>
        new URL(request.url).searchParams.get('cursor') === 'c2'
          ? json({ entries: [entry(3, { actor: null, action: 'retention.purged', occurredAt: '2026-07-01T22:30:00Z' })], nextCursor: null })
          : json({
              entries: [
                entry(9, { action: 'portrait.approved', occurredAt: '2026-11-02T13:05:00Z', actor: { id: null, name: 'Verwijderde gebruiker', roles: [] } }),
                entry(8, { actor: { ...ruud, roles: ['facilitator', 'admin'] }, action: 'reflections.read' }),
                entry(7, { action: 'something.new' }),
              ],
              nextCursor: 'c2',
            }),
    });
    renderApp('/mijn-gegevens');

    const table = await screen.findByRole('table', { name: 'Inzage en wijzigingen door anderen' }, { timeout: 10_000 });
    const rows = () => within(table).getAllByRole('row').map(cells);
    expect(rows()).toEqual([
      ['Wanneer', 'Wie', 'Rol', 'Wat'],
      ['2 nov 2026, 14:05', 'Verwijderde gebruiker', 'geen rol meer', 'keurde uw portret goed en publiceerde het'],
      ['9 okt 2026, 10:12', 'Ruud Begeleider', 'begeleider, beheerder', 'las uw gedeelde reflecties'],
      ['9 okt 2026, 10:12', 'Ruud Begeleider', 'begeleider', 'something.new'],
    ]);

    await userEvent.click(screen.getByRole('button', { name: 'Meer laden' }));

    await waitFor(() => expect(rows()).toHaveLength(5));
    expect(rows()[4]).toEqual(['2 jul 2026, 00:30', 'Het systeem', '—', 'ruimde verlopen gegevens op']);
    const note = screen.getByText('1 regel erbij geladen; 4 regels in totaal.');
    expect(note).toHaveAttribute('role', 'status');
    // The button is gone after the last page; focus is not lost with it.
    expect(screen.queryByRole('button', { name: 'Meer laden' })).not.toBeInTheDocument();
    expect(note).toHaveFocus();
    expect(calls('GET /api/v1/me/access-log').map((r) => new URL(r.url).search)).toEqual(['?limit=25', '?limit=25&cursor=c2']);
  });

  it('says so when nobody else has looked', async () => {
    serve({ 'GET /api/v1/me/access-log': () => json({ entries: [], nextCursor: null }) });
    renderApp('/mijn-gegevens');

    expect(await screen.findByText('Niemand anders heeft uw gegevens ingezien of gewijzigd.', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.getByText(/Uw antwoorden op evaluaties zitten er niet in/)).toBeInTheDocument();
  });

  it('downloads the export with the bearer token and saves it under the server’s file name', async () => {
    const createObjectURL = vi.fn(() => 'blob:export-1');
    const revokeObjectURL = vi.fn();
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL }));
    const clicked: { href: string; download: string }[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.getAttribute('href') ?? '', download: this.download });
    });
    const { calls } = serve({
      'GET /api/v1/me/access-log': () => json({ entries: [], nextCursor: null }),
      'GET /api/v1/me/export/document': () =>
        new Response('<!doctype html><title>Mijn gegevens</title>', {
          headers: {
            'Content-Type': 'text/html; charset=utf-8',
            'Content-Disposition': 'attachment; filename="leergang-mijn-gegevens-2026-11-23.html"',
          },
        }),
      'GET /api/v1/me/export': () => problem(500, { title: 'Er ging iets mis', detail: 'Probeer het later opnieuw.' }),
    });
    renderApp('/mijn-gegevens');

    await userEvent.click(await screen.findByRole('button', { name: 'Download als leesbaar document' }, { timeout: 10_000 }));

    expect(await screen.findByText('Uw gegevens zijn gedownload als leergang-mijn-gegevens-2026-11-23.html.')).toHaveAttribute(
      'role',
      'status',
    );
    expect(calls('GET /api/v1/me/export/document')[0]?.headers.get('Authorization')).toBe('Bearer access-1');
    expect(clicked).toEqual([{ href: 'blob:export-1', download: 'leergang-mijn-gegevens-2026-11-23.html' }]);
    const blob = (createObjectURL.mock.calls[0] as unknown as [Blob])[0];
    expect(await blob.text()).toBe('<!doctype html><title>Mijn gegevens</title>');

    await userEvent.click(screen.getByRole('button', { name: 'Download als JSON' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Er ging iets misProbeer het later opnieuw.');
    await waitFor(() => expect(alert.closest('.utrecht-alert')).toHaveFocus());
    expect(click).toHaveBeenCalledTimes(1);
  });

  it('names a file itself when the server gives no name', () => {
    const day = new Date('2026-11-23T10:00:00Z');
    expect(fallbackFileName('json', day)).toBe('leergang-mijn-gegevens-2026-11-23.json');
    expect(fallbackFileName('document', day)).toBe('leergang-mijn-gegevens-2026-11-23.html');
  });

  it('is linked from the header for everyone signed in', async () => {
    serve({ 'GET /api/v1/me/access-log': () => json({ entries: [], nextCursor: null }) });
    renderApp('/mijn-gegevens');

    expect(await screen.findByRole('link', { name: 'Mijn gegevens' }, { timeout: 10_000 })).toHaveAttribute('href', '/mijn-gegevens');
  });
});
