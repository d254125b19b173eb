import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetSession } from '../../auth/session';
import { cohort2026Id, makeCohort } from '../../test/cohorts';
import { fakeApi, json, problem, tokenFor } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import { framework, goalId, makeGoal, modules, nico, participantGoals } from './testData';
import type { GoalInput } from './types';

// The page is a lazy chunk: its first render waits for the import, which can take a while on a busy machine
// (several people share two cores), as can a long keyboard walk through a form.
configure({ asyncUtilTimeout: 5000 });
vi.setConfig({ testTimeout: 20_000 });

const newPage = `/deelnemer/leerdoelen/nieuw?groep=${cohort2026Id}&module=${modules[1]!.id}`;
const createRoute = `POST /api/v1/cohorts/${cohort2026Id}/goals`;

function serve(create: (request: Request) => Response | Promise<Response>) {
  return fakeApi({
    'POST /api/v1/auth/refresh': () => json(tokenFor(nico)),
    [`GET /api/v1/cohorts/${cohort2026Id}`]: () => json(makeCohort()),
    [`GET /api/v1/cohorts/${cohort2026Id}/framework`]: () => json({ framework }),
    [`GET /api/v1/cohorts/${cohort2026Id}/participants/${nico.id}/goals`]: () => json(participantGoals([])),
    [`GET /api/v1/goals/${goalId}`]: () => json(makeGoal()),
    [createRoute]: create,
  });
}

describe('the goal form', () => {
  beforeEach(() => {
    resetSession();
  });

  it('offers the framework as a fieldset per group, with each aspect described, and sends the ticked keys and steps', async () => {
    const { calls } = serve(() => json(makeGoal(), 201));
    renderApp(newPage);
    const user = userEvent.setup();

    const willen = await screen.findByRole('group', { name: 'Willen — Waardegedreven strategie' });
    expect(screen.getByRole('group', { name: 'Kunnen — Capaciteit' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Mogen — Legitimiteit' })).toBeInTheDocument();
    expect(within(willen).getAllByRole('checkbox')).toHaveLength(2);
    const structuur = screen.getByRole('checkbox', { name: 'Structuur: datamanagement en samenwerking rond data' });
    expect(structuur).toHaveAccessibleDescription('Datamanagement op orde.');
    // The module from the link is chosen already.
    expect(screen.getByLabelText('Module')).toHaveValue(modules[1]!.id);
    expect(screen.getByLabelText('Waaraan merkt u dat het gelukt is?')).toBeInTheDocument();

    await user.type(screen.getByLabelText('Titel'), 'Datagedreven sturen in het MT');
    await user.type(screen.getByLabelText('Waaraan merkt u dat het gelukt is?'), 'Elk MT-overleg begint met de cijfers.');
    await user.selectOptions(screen.getByLabelText('Status'), 'Actief');
    await user.click(structuur);
    await user.click(screen.getByRole('checkbox', { name: 'Persoonsgegevens beschermen en veiligheid borgen' }));
    await user.type(screen.getByLabelText('Stap 1'), 'Gesprek met de CIO plannen');
    await user.click(screen.getByRole('button', { name: 'Nog een stap' }));
    expect(screen.getByLabelText('Stap 2')).toHaveFocus();
    await user.keyboard('Dashboard kiezen');
    await user.click(screen.getByRole('button', { name: 'Nog een stap' }));
    await user.click(screen.getByRole('button', { name: 'Leerdoel opslaan' }));

    expect(await screen.findByText('Het leerdoel is opgeslagen. Hieronder kunt u stappen afvinken en toevoegen.')).toBeInTheDocument();
    const [request] = calls(createRoute);
    expect((await request!.json()) as GoalInput).toEqual({
      title: 'Datagedreven sturen in het MT',
      description: '',
      successCriteria: 'Elk MT-overleg begint met de cijfers.',
      moduleId: modules[1]!.id,
      targetDate: null,
      status: 'active',
      aspectKeys: ['structuur', 'privacy-veiligheid'],
      // The third row stayed empty: not a step.
      steps: ['Gesprek met de CIO plannen', 'Dashboard kiezen'],
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Datagedreven sturen in het MT' })).toBeInTheDocument();
  });

  it('shows the server’s field errors at the fields and in a focused summary that links to them', async () => {
    serve(() =>
      problem(422, {
        title: 'Niet alle velden zijn goed ingevuld',
        errors: [
          { field: 'title', code: 'too_long', message: 'Gebruik hoogstens 200 tekens.' },
          { field: 'aspectKeys[0]', code: 'unknown', message: 'Dit aspect komt niet voor in het kader van deze leergang.' },
          { field: 'steps[0]', code: 'invalid', message: 'Gebruik één regel, zonder regeleinden of tabs.' },
        ],
      }),
    );
    renderApp(newPage);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Titel'), 'Een titel');
    await user.type(screen.getByLabelText('Stap 1'), 'Een stap');
    await user.click(screen.getByRole('checkbox', { name: 'Een gezamenlijke strategie' }));
    await user.click(screen.getByRole('button', { name: 'Leerdoel opslaan' }));

    const summary = await screen.findByRole('alert');
    // Utrecht's Alert puts the role on its message; the focusable box is around it.
    await waitFor(() => expect(summary.closest('.utrecht-alert')).toHaveFocus());
    expect(summary).toHaveTextContent('Niet alle velden zijn goed ingevuld');
    expect(screen.getByLabelText('Titel')).toHaveAccessibleDescription('Gebruik hoogstens 200 tekens.');
    expect(screen.getByLabelText('Titel')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Stap 1')).toHaveAccessibleDescription('Gebruik één regel, zonder regeleinden of tabs.');
    expect(screen.getByRole('group', { name: 'Aspecten van het kader' })).toHaveAccessibleDescription(
      /Dit aspect komt niet voor in het kader van deze leergang\./,
    );

    await user.click(within(summary).getByRole('link', { name: 'Gebruik één regel, zonder regeleinden of tabs.' }));
    expect(screen.getByLabelText('Stap 1')).toHaveFocus();
    await user.click(within(summary).getByRole('link', { name: 'Dit aspect komt niet voor in het kader van deze leergang.' }));
    expect(screen.getByRole('checkbox', { name: 'Maatschappelijke opgaven verbinden met technologie' })).toHaveFocus();
  });

  it('asks for a title before sending anything', async () => {
    const { calls } = serve(() => json(makeGoal(), 201));
    renderApp(newPage);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Leerdoel opslaan' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Niet alles is goed ingevuld');
    expect(screen.getByLabelText('Titel')).toHaveAccessibleDescription('Geef het leerdoel een titel.');
    expect(calls(createRoute)).toHaveLength(0);
  });
});
