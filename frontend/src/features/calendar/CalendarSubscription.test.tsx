import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../../api/queryClient';
import { fakeApi, json, problem } from '../../test/fakeApi';
import { CalendarSubscription } from './CalendarSubscription';

const secretURL = 'http://leergang.test/api/v1/calendar/Zm9vYmFyYmF6cXV4cXV1eGZvb2JhcmJhenF1eHF1dXhmb28.ics';

function serve(active: boolean) {
  return fakeApi({
    'GET /api/v1/me/calendar-feed': () =>
      json(active ? { active: true, createdAt: '2026-10-01T08:15:00Z', url: null } : { active: false, createdAt: null, url: null }),
    'POST /api/v1/me/calendar-feed': () => json({ active: true, createdAt: '2026-11-23T12:00:00Z', url: secretURL }, 201),
  });
}

function renderSubscription() {
  return render(
    <QueryClientProvider client={createQueryClient()}>
      <CalendarSubscription level={2} />
    </QueryClientProvider>,
  );
}

describe('the calendar subscription', () => {
  it('makes the personal link, shows it once with a copy button and how to subscribe in Outlook and Google', async () => {
    const user = userEvent.setup(); // with a clipboard to copy into
    const { calls } = serve(false);
    renderSubscription();

    expect(await screen.findByText(/iedereen die hem heeft, kan uw bijeenkomsten zien/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Agenda-link maken' }));

    const field = await screen.findByRole('textbox', { name: 'Uw persoonlijke agenda-link' });
    expect(field).toHaveValue(secretURL);
    expect(field).toHaveAttribute('readonly');
    expect(screen.getByText(/Kopieer hem nu: om veiligheidsredenen tonen we hem later niet opnieuw/).closest('.utrecht-alert')).toHaveFocus();
    expect(screen.getAllByRole('heading', { level: 3 }).map((heading) => heading.textContent)).toEqual([
      'Toevoegen aan Outlook',
      'Toevoegen aan Google Agenda',
    ]);
    expect(screen.getAllByRole('list')[1]).toHaveTextContent('Via URL');
    expect(calls('POST /api/v1/me/calendar-feed')).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: 'Link kopiëren' }));

    expect(await navigator.clipboard.readText()).toBe(secretURL);
    expect(field).toHaveAccessibleDescription('De link is gekopieerd.');
  });

  it('selects the link for copying by hand when the clipboard refuses', async () => {
    const user = userEvent.setup();
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new DOMException('denied', 'NotAllowedError'));
    serve(false);
    renderSubscription();
    await user.click(await screen.findByRole('button', { name: 'Agenda-link maken' }));
    const field = (await screen.findByRole('textbox', { name: 'Uw persoonlijke agenda-link' })) as HTMLInputElement;

    await user.click(screen.getByRole('button', { name: 'Link kopiëren' }));

    expect(field).toHaveFocus();
    expect(field.selectionStart).toBe(0);
    expect(field.selectionEnd).toBe(secretURL.length);
    expect(field).toHaveAccessibleDescription(/Kopiëren lukte niet automatisch/);
  });

  it('asks before replacing a link, since the old one then stops working, and cancelling changes nothing', async () => {
    const user = userEvent.setup();
    const { calls } = serve(true);
    renderSubscription();

    expect(await screen.findByText(/U heeft een agenda-link sinds 1 okt 2026, 10:15/)).toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument(); // the secret is never shown again
    const reset = screen.getByRole('button', { name: 'Nieuwe link maken' });
    await user.click(reset);

    const question = screen.getByRole('group', { name: 'Weet u zeker dat u een nieuwe link wilt maken?' });
    expect(question).toHaveTextContent('De oude link stopt dan direct met werken.');
    expect(within(question).getByText(/Weet u zeker/).closest('.utrecht-alert')).toHaveFocus();
    await user.click(within(question).getByRole('button', { name: 'Annuleren' }));

    await waitFor(() => expect(screen.getByRole('button', { name: 'Nieuwe link maken' })).toHaveFocus());
    expect(calls('POST /api/v1/me/calendar-feed')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Nieuwe link maken' }));
    await user.click(screen.getByRole('button', { name: 'Ja, maak een nieuwe link' }));

    expect(await screen.findByRole('textbox', { name: 'Uw persoonlijke agenda-link' })).toHaveValue(secretURL);
    expect(calls('POST /api/v1/me/calendar-feed')).toHaveLength(1);
  });

  it('says so when the link cannot be made', async () => {
    const user = userEvent.setup();
    fakeApi({
      'GET /api/v1/me/calendar-feed': () => json({ active: false, createdAt: null, url: null }),
      'POST /api/v1/me/calendar-feed': () => problem(503, { title: 'Database niet bereikbaar' }),
    });
    renderSubscription();

    await user.click(await screen.findByRole('button', { name: 'Agenda-link maken' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Database niet bereikbaar');
  });
});
