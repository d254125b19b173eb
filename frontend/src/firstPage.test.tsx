import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { forgetEarly, startEarly, takeEarly } from './api/early';
import { resetSession } from './auth/session';
import { makeGoal, participantGoals } from './features/goals/testData';
import { makeSummary } from './features/my-evaluations/testData';
import { startFirstPage } from './firstPage';
import { cohort2021, cohortGrant, makeCohort } from './test/cohorts';
import { fakeApi, json, makeUser, problem, tokenFor } from './test/fakeApi';
import { renderApp } from './test/renderApp';

const running = makeCohort();
const completed = cohort2021();
const nico = makeUser({ grants: [cohortGrant('participant', completed), cohortGrant('participant', running)] });

const routes = {
  refresh: 'POST /api/v1/auth/refresh',
  running: `GET /api/v1/cohorts/${running.id}`,
  completed: `GET /api/v1/cohorts/${completed.id}`,
  evaluations: 'GET /api/v1/me/evaluations',
  goals: `GET /api/v1/cohorts/${running.id}/participants/${nico.id}/goals`,
  otherGoals: `GET /api/v1/cohorts/${completed.id}/participants/${nico.id}/goals`,
};

function serveHome() {
  return fakeApi({
    [routes.refresh]: () => json(tokenFor(nico)),
    [routes.running]: () => json(running),
    [routes.completed]: () => json(completed),
    [routes.evaluations]: () => json({ evaluations: [makeSummary()] }),
    [routes.goals]: () => json(participantGoals([makeGoal({ status: 'achieved' })])),
  });
}

describe('the first page’s requests, started by the entry', () => {
  beforeEach(() => {
    resetSession();
    forgetEarly();
  });

  it('asks for a participant’s home before the app renders, and the home shows those answers without asking again', async () => {
    const { calls } = serveHome();
    startFirstPage('/deelnemer');
    // The goals of the current (running) cohort follow once both cohorts are in, still before any rendering.
    await waitFor(() => expect(calls(routes.goals)).toHaveLength(1));
    expect(calls(routes.goals)[0]?.headers.get('Authorization')).toBe('Bearer access-1');

    renderApp('/deelnemer');

    expect(await screen.findByRole('heading', { level: 2, name: 'Leergang Digitaal Leiderschap — 2026–2027' })).toBeInTheDocument();
    const learning = (await screen.findByRole('heading', { level: 2, name: 'Mijn leerwerk' })).closest('section')!;
    expect(await within(learning).findByText(/1 van 1 leerdoel behaald/)).toBeInTheDocument();
    expect(await screen.findByText('1 evaluatie staat voor u open.')).toBeInTheDocument();
    for (const route of [routes.refresh, routes.running, routes.completed, routes.evaluations, routes.goals]) {
      expect(calls(route), route).toHaveLength(1);
    }
    expect(calls(routes.otherGoals)).toHaveLength(0);
  });

  it('starts only the session for any other page', async () => {
    const { calls, requests } = serveHome();
    startFirstPage('/deelnemer/logboek');

    await waitFor(() => expect(calls(routes.refresh)).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(requests).toHaveLength(1);
  });

  it('asks nothing more when nobody is signed in', async () => {
    const { requests } = fakeApi({ [routes.refresh]: () => problem(401, { title: 'Niet ingelogd' }) });
    startFirstPage('/deelnemer');
    renderApp('/deelnemer');

    expect(await screen.findByRole('heading', { level: 1, name: 'Inloggen' })).toBeInTheDocument();
    expect(requests.map((request) => `${request.method} ${new URL(request.url).pathname}`)).toEqual([routes.refresh]);
  });
});

describe('early answers', () => {
  beforeEach(() => {
    forgetEarly();
  });

  it('are handed out once; after that the query asks itself', async () => {
    startEarly(['thing', 1], () => Promise.resolve('early'));

    await expect(takeEarly(['thing', 1], () => Promise.resolve('asked'))).resolves.toBe('early');
    await expect(takeEarly(['thing', 1], () => Promise.resolve('asked'))).resolves.toBe('asked');
  });

  it('belong to one query key only', async () => {
    startEarly(['thing', 1], () => Promise.resolve('early'));

    await expect(takeEarly(['thing', 2], () => Promise.resolve('asked'))).resolves.toBe('asked');
  });
});
