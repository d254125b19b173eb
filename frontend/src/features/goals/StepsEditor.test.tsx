import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetSession } from '../../auth/session';
import { cohort2026Id, makeCohort } from '../../test/cohorts';
import { fakeApi, json, problem, tokenFor } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import { framework, goalId, makeGoal, makeStep, nico, participantGoals } from './testData';
import type { Goal } from './types';

// The page is a lazy chunk: its first render waits for the import, which can take a while on a busy machine
// (several people share two cores), as can a long keyboard walk through a form.
configure({ asyncUtilTimeout: 5000 });
vi.setConfig({ testTimeout: 20_000 });

const cio = makeStep({ id: '00000000-0000-4000-8000-00000000d001', position: 1, title: 'Gesprek met de CIO plannen' });
const dashboard = makeStep({ id: '00000000-0000-4000-8000-00000000d002', position: 2, title: 'Dashboard kiezen' });
const stepRoute = (stepId: string) => `PATCH /api/v1/goals/${goalId}/steps/${stepId}`;

function serve(routes: Record<string, (request: Request) => Response | Promise<Response>>, goal: () => Goal) {
  return fakeApi({
    'POST /api/v1/auth/refresh': () => json(tokenFor(nico)),
    [`GET /api/v1/cohorts/${cohort2026Id}`]: () => json(makeCohort()),
    [`GET /api/v1/cohorts/${cohort2026Id}/framework`]: () => json({ framework }),
    [`GET /api/v1/cohorts/${cohort2026Id}/participants/${nico.id}/goals`]: () => json(participantGoals([goal()])),
    [`GET /api/v1/goals/${goalId}`]: () => json(goal()),
    ...routes,
  });
}

describe('ticking off steps', () => {
  beforeEach(() => {
    resetSession();
  });

  it('sends each change with the goal’s current version and builds the next one on the answer', async () => {
    let current = makeGoal({ version: 3, steps: [cio, dashboard] });
    const answer = (next: Goal) => {
      current = next;
      return json(next);
    };
    const { calls } = serve(
      {
        [stepRoute(cio.id)]: () =>
          answer(makeGoal({ version: 4, steps: [{ ...cio, done: true, doneAt: '2026-11-23T09:15:00Z' }, dashboard] })),
        [stepRoute(dashboard.id)]: () =>
          answer(makeGoal({ version: 5, steps: [{ ...dashboard, position: 1 }, { ...cio, position: 2, done: true, doneAt: '2026-11-23T09:15:00Z' }] })),
        [`PATCH /api/v1/goals/${goalId}`]: () => answer(makeGoal({ ...current, version: 6, title: 'Sturen op data' })),
      },
      () => current,
    );
    renderApp(`/deelnemer/leerdoelen/${goalId}`);
    const user = userEvent.setup();

    const box = await screen.findByRole('checkbox', { name: 'Gesprek met de CIO plannen' });
    expect(box).not.toBeChecked();
    await user.click(box);

    await waitFor(() => expect(screen.getByRole('checkbox', { name: 'Gesprek met de CIO plannen' })).toBeChecked());
    const [tick] = calls(stepRoute(cio.id));
    expect(tick!.headers.get('If-Match')).toBe('"3"');
    expect(await tick!.json()).toEqual({ done: true });
    expect(screen.getByRole('checkbox', { name: 'Gesprek met de CIO plannen' })).toHaveAccessibleDescription(
      'Afgevinkt op 23 november 2026 om 10:15',
    );
    await waitFor(() => expect(screen.getByText('Stap ‘Gesprek met de CIO plannen’ is afgevinkt.')).toHaveAttribute('role', 'status'));
    await waitFor(() => expect(screen.getByRole('checkbox', { name: 'Gesprek met de CIO plannen' })).toHaveFocus());

    // Move "Dashboard kiezen" up: based on version 4, the answer to the tick.
    await user.click(screen.getByRole('button', { name: 'Stap ‘Dashboard kiezen’ omhoog' }));
    await waitFor(() => expect(calls(stepRoute(dashboard.id))).toHaveLength(1));
    const [move] = calls(stepRoute(dashboard.id));
    expect(move!.headers.get('If-Match')).toBe('"4"');
    expect(await move!.json()).toEqual({ position: 1 });
    await waitFor(() =>
      expect(within(screen.getAllByRole('list').find((list) => list.tagName === 'OL')!).getAllByRole('checkbox').map((b) => b.getAttribute('id')?.endsWith(dashboard.id))).toEqual([true, false]),
    );
    // Focus stays with the moved step: at the top it has no "up" any more, so its "down" button.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Stap ‘Dashboard kiezen’ omlaag' })).toHaveFocus());

    // Saving the form after ticking steps builds on the latest version: only steps changed since it was filled.
    const title = screen.getByLabelText('Titel');
    await user.clear(title);
    await user.type(title, 'Sturen op data');
    await user.click(screen.getByRole('button', { name: 'Wijzigingen opslaan' }));
    expect(await screen.findByText('De wijzigingen in ‘Sturen op data’ zijn opgeslagen.')).toBeInTheDocument();
    expect(calls(`PATCH /api/v1/goals/${goalId}`)[0]!.headers.get('If-Match')).toBe('"5"');
  });

  it('says someone else changed the goal on a 412, and continues from the latest version after reloading', async () => {
    let current = makeGoal({ version: 3, steps: [cio, dashboard] });
    let refuse = true;
    const { calls } = serve(
      {
        [stepRoute(cio.id)]: () => {
          if (refuse) {
            refuse = false;
            current = makeGoal({ version: 7, title: 'Door u elders gewijzigd', steps: [cio, dashboard] });
            return problem(412, { title: 'Verouderde versie' });
          }
          return json(makeGoal({ ...current, version: 8, steps: [{ ...cio, done: true, doneAt: '2026-11-23T09:15:00Z' }, dashboard] }));
        },
      },
      () => current,
    );
    renderApp(`/deelnemer/leerdoelen/${goalId}`);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('checkbox', { name: 'Gesprek met de CIO plannen' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Iemand anders heeft dit intussen gewijzigd');
    expect(screen.getByRole('checkbox', { name: 'Gesprek met de CIO plannen' })).not.toBeChecked();
    await user.click(within(alert).getByRole('button', { name: 'Nieuwste versie laden' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Door u elders gewijzigd' })).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
    await user.click(screen.getByRole('checkbox', { name: 'Gesprek met de CIO plannen' }));
    await waitFor(() => expect(calls(stepRoute(cio.id))).toHaveLength(2));
    expect(calls(stepRoute(cio.id)).map((request) => request.headers.get('If-Match'))).toEqual(['"3"', '"7"']);
    await waitFor(() => expect(screen.getByRole('checkbox', { name: 'Gesprek met de CIO plannen' })).toBeChecked());
  });

  it('adds a step with the goal’s version and keeps the reader in the field for the next one', async () => {
    let current = makeGoal({ version: 3, steps: [] });
    const { calls } = serve(
      {
        [`POST /api/v1/goals/${goalId}/steps`]: () => {
          current = makeGoal({ version: 4, steps: [cio] });
          return json(current);
        },
      },
      () => current,
    );
    renderApp(`/deelnemer/leerdoelen/${goalId}`);
    const user = userEvent.setup();

    expect(await screen.findByText('Dit leerdoel heeft nog geen stappen.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Nieuwe stap'), 'Gesprek met de CIO plannen{Enter}');

    expect(await screen.findByRole('checkbox', { name: 'Gesprek met de CIO plannen' })).toBeInTheDocument();
    const [add] = calls(`POST /api/v1/goals/${goalId}/steps`);
    expect(add!.headers.get('If-Match')).toBe('"3"');
    expect(await add!.json()).toEqual({ title: 'Gesprek met de CIO plannen' });
    await waitFor(() => expect(screen.getByLabelText('Nieuwe stap')).toHaveValue(''));
    expect(screen.getByLabelText('Nieuwe stap')).toHaveFocus();
  });
});
