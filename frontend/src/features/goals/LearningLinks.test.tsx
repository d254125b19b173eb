import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetSession } from '../../auth/session';
import { cohort2026Id, makeCohort } from '../../test/cohorts';
import { fakeApi, json, tokenFor } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import { makeGoal, makeStep, nico, participantGoals } from './testData';

describe('Mijn leerwerk on the participant’s home', () => {
  beforeEach(() => {
    resetSession();
  });

  it('links to goals (with how far they are), logbook, shared reflections, portrait and personal data', async () => {
    fakeApi({
      'POST /api/v1/auth/refresh': () => json(tokenFor(nico)),
      [`GET /api/v1/cohorts/${cohort2026Id}`]: () => json(makeCohort()),
      [`GET /api/v1/cohorts/${cohort2026Id}/participants/${nico.id}/goals`]: () =>
        json(
          participantGoals([
            makeGoal({ id: 'a', status: 'achieved', steps: [makeStep({ id: 's1', done: true })] }),
            makeGoal({ id: 'b', status: 'active', steps: [makeStep({ id: 's2' })] }),
          ]),
        ),
    });
    renderApp('/deelnemer');

    const section = (await screen.findByRole('heading', { level: 2, name: 'Mijn leerwerk' })).closest('section')!;
    const links = within(section).getAllByRole('link');
    expect(links.map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
      ['Mijn leerdoelen', `/deelnemer/leerdoelen?groep=${cohort2026Id}`],
      ['Mijn logboek', '/deelnemer/logboek'],
      ['Gedeeld in de groep', `/groepen/${cohort2026Id}/reflecties`],
      ['Mijn portret', `/deelnemer/portret?groep=${cohort2026Id}`],
      ['Mijn gegevens', '/mijn-gegevens'],
    ]);
    expect(await within(section).findByText('· 1 van 2 leerdoelen behaald · 1 van 2 stappen gezet')).toBeInTheDocument();
  });
});
