import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetSession } from '../../auth/session';
import { makeCohort } from '../../test/cohorts';
import { fakeApi, json, problem, tokenFor } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import { cohort2026Id, facilitator, formId, makeCohortForm, makeProgress } from './testData';
import type { EvaluationProgress } from './types';

configure({ asyncUtilTimeout: 5000 });
vi.setConfig({ testTimeout: 30_000 });

const path = `/groepen/${cohort2026Id}/evaluaties/${formId}`;
const progressRoute = `/api/v1/evaluation-forms/${formId}/progress`;
const remindRoute = `POST /api/v1/evaluation-forms/${formId}/reminders`;

function serve(progress: () => EvaluationProgress, routes: Record<string, (request: Request) => Response | Promise<Response>> = {}) {
  return fakeApi({
    'POST /api/v1/auth/refresh': () => json(tokenFor(facilitator)),
    [`GET /api/v1/cohorts/${cohort2026Id}`]: () => json(makeCohort()),
    [`GET /api/v1/cohorts/${cohort2026Id}/evaluation-forms`]: () => json({ forms: [makeCohortForm({ answered: 10, responseRate: 10 / 12 })] }),
    [`GET ${progressRoute}`]: () => json(progress()),
    ...routes,
  });
}

describe('the progress of a cohort’s form', () => {
  beforeEach(() => {
    resetSession();
  });

  it('shows the counts and who has not answered yet, never what anyone answered', async () => {
    serve(() => makeProgress());
    renderApp(path);

    expect(await screen.findByRole('heading', { level: 1, name: 'Evaluatie bijeenkomst' })).toBeInTheDocument();
    expect(screen.getByText('10 van 12 deelnemers hebben geantwoord (83%)')).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Antwoorden op ‘Evaluatie bijeenkomst’' })).toHaveAttribute('value', '10');
    const table = screen.getByRole('table', { name: '2 deelnemers hebben nog niet geantwoord' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['Anna de Vries', 'Zwolle', 'Vandaag nog niet herinnerd'],
      ['Nico Middelbos', 'Kampen', 'Vandaag herinnerd'],
    ]);
    expect(screen.getByRole('link', { name: 'Terug naar de evaluaties van Leergang Digitaal Leiderschap — 2026–2027' })).toHaveAttribute(
      'href',
      `/groepen/${cohort2026Id}/evaluaties`,
    );
  });

  it('sends a reminder with a personal line and says how many were queued and how many had one already', async () => {
    let reminded = false;
    const { calls } = serve(
      () =>
        makeProgress(
          reminded
            ? {
                notAnswered: makeProgress().notAnswered.map((person) => ({ ...person, remindedToday: true })),
              }
            : {},
        ),
      {
        [remindRoute]: () => {
          reminded = true;
          return json({ queued: 1, alreadyReminded: 1 });
        },
      },
    );
    renderApp(path);
    const user = userEvent.setup({ delay: null });

    expect(await screen.findByText(/2 deelnemers krijgen een e-mail/)).toBeInTheDocument();
    const status = screen.getByRole('status', { name: '' });
    await user.type(screen.getByLabelText('Persoonlijk bericht (niet verplicht)'), 'Wilt u het formulier deze week nog invullen?');
    await user.click(screen.getByRole('button', { name: 'Herinnering sturen' }));

    await waitFor(() =>
      expect(status).toHaveTextContent(
        '1 herinnering staat klaar om te versturen. 1 deelnemer had vandaag al een herinnering en krijgt geen tweede.',
      ),
    );
    expect(await calls(remindRoute)[0]!.json()).toEqual({ message: 'Wilt u het formulier deze week nog invullen?' });
    // The list follows: everyone has been reminded today now.
    await waitFor(() => expect(screen.queryByText('Vandaag nog niet herinnerd')).not.toBeInTheDocument());
    expect(screen.getByLabelText('Persoonlijk bericht (niet verplicht)')).toHaveValue('');
  });

  it('sends no body for a reminder without a personal line, and shows a refusal', async () => {
    const { calls } = serve(() => makeProgress(), {
      [remindRoute]: () => problem(409, { title: 'Dit formulier is niet open', detail: 'Herinneren kan alleen zolang het formulier open is.' }),
    });
    renderApp(path);
    const user = userEvent.setup({ delay: null });

    await user.click(await screen.findByRole('button', { name: 'Herinnering sturen' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Dit formulier is niet open');
    expect(await calls(remindRoute)[0]!.json()).toEqual({});
  });

  it('offers no reminder for a closed form, and says when everyone answered', async () => {
    serve(() => makeProgress({ state: 'closed' }));
    const { unmount } = renderApp(path);
    expect(await screen.findByText('Het formulier is gesloten; herinneren kan niet meer.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Herinnering sturen' })).not.toBeInTheDocument();
    unmount();

    serve(() => makeProgress({ answered: 12, responseRate: 1, notAnswered: [] }));
    renderApp(path);
    expect(await screen.findByText('Iedereen heeft geantwoord.')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Herinnering sturen' })).not.toBeInTheDocument();
  });

  it('shows the no-access page to someone who may not see it', async () => {
    serve(() => makeProgress(), { [`GET ${progressRoute}`]: () => problem(403, { title: 'Geen toegang' }) });
    renderApp(path);
    expect(await screen.findByRole('heading', { level: 1, name: 'Geen toegang' })).toBeInTheDocument();
  });
});
