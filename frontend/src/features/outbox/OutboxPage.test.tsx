import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetSession } from '../../auth/session';
import { fakeApi, json, makeUser, problem, tokenFor } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import type { OutboxItem, OutboxMail } from './queries';

const admin = makeUser({ name: 'Marieke Jansen', isAdmin: true, grants: [] });

function item(id: number, overrides: Partial<OutboxItem> = {}): OutboxItem {
  return {
    id,
    kind: 'speaker-invitation',
    to: `spreker${id}@example.nl`,
    toName: `Spreker ${id}`,
    subject: `Uitnodiging ${id}`,
    status: 'queued',
    createdAt: '2026-11-23T09:00:00Z',
    sendAfter: '2026-11-23T09:00:00Z',
    sentAt: null,
    failedAt: null,
    attempts: 0,
    lastError: null,
    ...overrides,
  };
}

function serve(routes: Record<string, (request: Request) => Response> = {}, user = admin) {
  return fakeApi({ 'POST /api/v1/auth/refresh': () => json(tokenFor(user)), ...routes });
}

describe('the outbox for admins', () => {
  beforeEach(() => {
    resetSession();
  });

  it('lists mail newest first with its status in words, and loads more by keyset', async () => {
    const firstPage = [
      item(52, { status: 'sent', sentAt: '2026-11-23T09:01:00Z', attempts: 1 }),
      item(51, { status: 'failed', failedAt: '2026-11-22T20:00:00Z', attempts: 8, lastError: '550 mailbox unavailable' }),
    ];
    const { calls } = serve({
      'GET /api/v1/admin/outbox': (request) =>
        new URL(request.url).searchParams.get('before') === '51'
          ? json({ items: [item(50, { toName: '' })], nextCursor: null })
          : json({ items: firstPage, nextCursor: '51' }),
    });
    renderApp('/beheer/mail');

    expect(await screen.findByRole('heading', { level: 1, name: 'Uitgaande e-mail' })).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'E-mail, nieuwste eerst' });
    const rows = () => within(table).getAllByRole('row').slice(1);
    expect(rows().map((row) => row.textContent)).toEqual([
      '23 nov 2026, 10:00Uitnodiging 52Spreker 52spreker52@example.nlspeaker-invitationVerzonden, 23 nov 2026, 10:011',
      '23 nov 2026, 10:00Uitnodiging 51Spreker 51spreker51@example.nlspeaker-invitationMislukt, 22 nov 2026, 21:008',
    ]);
    expect(within(table).getByRole('link', { name: 'Uitnodiging 52' })).toHaveAttribute('href', '/beheer/mail/52');

    const more = screen.getByRole('button', { name: 'Meer laden' });
    more.focus();
    await userEvent.keyboard('{Enter}');

    await waitFor(() => expect(rows()).toHaveLength(3));
    // Focus goes to the first mail that came in, and a screen reader hears how many.
    expect(within(table).getByRole('link', { name: 'Uitnodiging 50' })).toHaveFocus();
    expect(screen.getByText('1 e-mail geladen.')).toBeInTheDocument();
    expect(rows()[2]).toHaveTextContent('spreker50@example.nl');
    expect(screen.queryByRole('button', { name: 'Meer laden' })).not.toBeInTheDocument();
    expect(screen.getByText('Alle e-mail is geladen.')).toBeInTheDocument();
    expect(calls('GET /api/v1/admin/outbox').map((request) => new URL(request.url).search)).toEqual(['?limit=50', '?before=51&limit=50']);
  });

  it('shows a mail’s text as text, never its HTML', async () => {
    const mail: OutboxMail = {
      ...item(7, { subject: 'Uitnodiging: Informatieveiligheid' }),
      bodyText: 'Beste Michiel,\n\nWilt u spreken? <b>Ja</b> of nee:\nhttps://leergang.test/spreker/abc',
      bodyHtml: '<p>Beste Michiel,</p><script>alert(1)</script>',
      dedupeKey: 'speaker-invitation:7',
    };
    serve({ 'GET /api/v1/admin/outbox/7': () => json(mail) });
    renderApp('/beheer/mail/7');

    expect(await screen.findByRole('heading', { level: 1, name: 'Uitnodiging: Informatieveiligheid' })).toBeInTheDocument();
    const body = screen.getByText(/Wilt u spreken\?/);
    expect(body.tagName).toBe('PRE');
    expect(body.textContent).toBe(mail.bodyText);
    expect(body.querySelector('b')).toBeNull();
    expect(document.querySelector('script')).toBeNull();
    expect(screen.getByText(/heeft ook een opgemaakte \(HTML-\)versie/)).toBeInTheDocument();
    expect(screen.getByText('Spreker 7 <spreker7@example.nl>')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Terug naar alle e-mail' })).toHaveAttribute('href', '/beheer/mail');
  });

  it('is linked from the admin home', async () => {
    serve({ 'GET /api/v1/admin/outbox': () => json({ items: [], nextCursor: null }) });
    renderApp('/beheer');

    await userEvent.click(await screen.findByRole('link', { name: 'Uitgaande e-mail bekijken' }));

    expect(await screen.findByText('Er is nog geen e-mail.')).toBeInTheDocument();
  });

  it('is not for anyone but admins', async () => {
    const { calls } = serve({}, makeUser());
    renderApp('/beheer/mail');

    expect(await screen.findByRole('heading', { level: 1, name: 'Geen toegang' })).toBeInTheDocument();
    expect(calls('GET /api/v1/admin/outbox')).toHaveLength(0);
  });

  it('shows the not-found page for a mail that does not exist', async () => {
    serve({ 'GET /api/v1/admin/outbox/999': () => problem(404, { title: 'E-mail niet gevonden' }) });
    renderApp('/beheer/mail/999');

    expect(await screen.findByRole('heading', { level: 1, name: 'Pagina niet gevonden' })).toBeInTheDocument();
  });
});
