import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetSession } from '../../auth/session';
import { fakeApi, json, makeUser, problem, tokenFor } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import type { Person } from '../admin/types';

const admin = makeUser({ id: '00000000-0000-4000-8000-00000000ad01', name: 'Marieke Jansen', isAdmin: true, grants: [] });
const nico: Person = {
  id: '00000000-0000-4000-8000-000000000001',
  name: 'Nico Middelbos',
  email: 'nico.middelbos@kampen.example',
  passwordSet: true,
  isAdmin: false,
};
const eraseRoute = `POST /api/v1/admin/users/${nico.id}/erase`;

function serve(routes: Record<string, (request: Request) => Response | Promise<Response>>) {
  return fakeApi({
    'POST /api/v1/auth/refresh': () => json(tokenFor(admin)),
    'GET /api/v1/users': () => json({ users: [nico] }),
    ...routes,
  });
}

async function openErase() {
  renderApp('/beheer/personen?zoek=nico');
  const table = await screen.findByRole('table', { name: '1 persoon gevonden voor ‘nico’' }, { timeout: 10_000 });
  await userEvent.click(within(table).getByRole('button', { name: 'Gegevens wissen van Nico Middelbos' }));
  return screen.getByRole('heading', { level: 2, name: 'Gegevens van Nico Middelbos wissen' });
}

// Whole pages, lazily loaded: generous time on a busy machine.
describe('erasing a person', { timeout: 30_000 }, () => {
  beforeEach(() => {
    resetSession();
  });

  it('explains what goes and what stays, and only sends once the email address is typed again', async () => {
    let erased = false;
    const { calls } = serve({
      'GET /api/v1/users': () => json({ users: erased ? [] : [nico] }),
      [eraseRoute]: () => {
        erased = true;
        return json({
          userId: nico.id,
          removed: { goals: 3, goalSteps: 7, reflections: 12, comments: 2, portraits: 1, roleGrants: 0, mails: 1, surveys: 4 },
          anonymised: { enrolments: 1, attendance: 9 },
        });
      },
    });
    const heading = await openErase();
    expect(heading).toHaveFocus();
    const step = heading.closest('section')!;
    expect(step).toHaveTextContent(/alle reflecties \(ook besloten\)/);
    expect(step).toHaveTextContent(/antwoorden op evaluaties: die zijn nooit aan de persoon gekoppeld/);
    expect(step).toHaveTextContent(/het logboek van inzage en wijzigingen: die bevatten geen inhoud/);

    const send = within(step).getByRole('button', { name: 'Nico Middelbos definitief wissen' });
    const email = within(step).getByLabelText('Typ ter bevestiging het e-mailadres: nico.middelbos@kampen.example');
    expect(send).toBeDisabled();
    expect(send).toHaveAccessibleDescription('De knop werkt pas als het getypte e-mailadres overeenkomt.');

    await userEvent.type(email, 'nico.middelbos@kampen.exampl');
    expect(send).toBeDisabled();
    await userEvent.clear(email);
    await userEvent.type(email, 'Nico.Middelbos@Kampen.example');
    expect(send).toBeEnabled();
    expect(calls(eraseRoute)).toHaveLength(0);

    await userEvent.click(send);

    const report = await screen.findByRole('heading', { level: 2, name: 'Nico Middelbos is gewist' });
    await waitFor(() => expect(report).toHaveFocus());
    expect(await calls(eraseRoute)[0]!.json()).toEqual({ confirmEmail: 'Nico.Middelbos@Kampen.example' });
    const table = screen.getByRole('table', { name: 'Verwijderd per soort gegevens' });
    expect(within(table).getAllByRole('row').slice(1).map((row) => row.textContent)).toEqual([
      'Leerdoelen3',
      'Stappen van leerdoelen7',
      'Reflecties12',
      'Reacties2',
      'Portretten1',
      'Rollen0',
      'Mails in de wachtrij1',
      'surveys4',
    ]);
    const kept = screen.getByRole('table', { name: 'Bewaard zonder naam, per soort' });
    expect(within(kept).getAllByRole('row').slice(1).map((row) => row.textContent)).toEqual([
      'Inschrijvingen1',
      'Aanwezigheidsregistraties9',
    ]);
    expect(screen.queryByRole('button', { name: 'Nico Middelbos definitief wissen' })).not.toBeInTheDocument();
    expect(await screen.findByText('Niemand gevonden voor ‘nico’.')).toBeInTheDocument();
  });

  it('shows the server’s refusal clearly: an admin erasing themself, or an address that does not match', async () => {
    let answer = problem(409, { title: 'U kunt uzelf niet wissen', detail: 'Vraag een andere beheerder.' });
    serve({ [eraseRoute]: () => answer });
    const heading = await openErase();
    const step = heading.closest('section')!;
    const email = within(step).getByLabelText(/Typ ter bevestiging/);
    await userEvent.type(email, nico.email);
    await userEvent.click(within(step).getByRole('button', { name: 'Nico Middelbos definitief wissen' }));

    const alert = await within(step).findByRole('alert');
    expect(alert).toHaveTextContent('U kunt uzelf niet wissenVraag een andere beheerder.');

    answer = problem(422, {
      title: 'De gegevens kloppen niet',
      errors: [{ field: 'confirmEmail', code: 'mismatch', message: 'Dit is niet het e-mailadres van deze persoon.' }],
    });
    await userEvent.click(within(step).getByRole('button', { name: 'Nico Middelbos definitief wissen' }));

    await waitFor(() => expect(email).toHaveAccessibleDescription(/Dit is niet het e-mailadres van deze persoon\./));
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(within(step).getByRole('link', { name: 'Dit is niet het e-mailadres van deze persoon.' })).toBeInTheDocument();
  });

  it('asks for at least two characters before searching', async () => {
    const { calls } = serve({});
    renderApp('/beheer/personen');

    const field = await screen.findByLabelText('Zoek op naam of e-mailadres', {}, { timeout: 10_000 });
    await userEvent.type(field, 'n{Enter}');

    await waitFor(() => expect(field).toHaveAccessibleDescription(/Typ minstens 2 tekens\./));
    expect(calls('GET /api/v1/users')).toHaveLength(0);
  });
});
