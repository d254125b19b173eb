import { configure, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetSession } from '../../auth/session';
import { cohort2026Id, makeCohort, makeModules } from '../../test/cohorts';
import { fakeApi, json, tokenFor } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import { todayInAmsterdam } from '../goals/format';
import { makeGoal, nico, participantGoals } from '../goals/testData';
import { makePlannedSession } from '../planner/testData';
import { makeReflection, reflectionId } from './testData';
import type { ReflectionInput, ReflectionPatch } from './types';

// The page is a lazy chunk: its first render waits for the import, which can take a while on a busy machine
// (several people share two cores), as can a long keyboard walk through a form.
configure({ asyncUtilTimeout: 5000 });
vi.setConfig({ testTimeout: 20_000 });

const modules = makeModules(2026);
const session = makePlannedSession({
  id: '00000000-0000-4000-8000-00000000e001',
  moduleId: modules[3]!.id,
  moduleTitle: modules[3]!.title,
  title: 'Bestuurlijk adviseren over algoritmen',
  date: '2026-11-12',
});
const createRoute = `POST /api/v1/cohorts/${cohort2026Id}/reflections`;

function serve(routes: Record<string, (request: Request) => Response | Promise<Response>> = {}) {
  return fakeApi({
    'POST /api/v1/auth/refresh': () => json(tokenFor(nico)),
    [`GET /api/v1/cohorts/${cohort2026Id}`]: () => json(makeCohort()),
    [`GET /api/v1/cohorts/${cohort2026Id}/sessions`]: () => json({ sessions: [session], cohortFacilitators: null }),
    [`GET /api/v1/cohorts/${cohort2026Id}/participants/${nico.id}/goals`]: () =>
      json(participantGoals([makeGoal({ id: '00000000-0000-4000-8000-00000000f001', title: 'Datagedreven sturen in het MT' })])),
    [`GET /api/v1/reflections/${reflectionId}`]: () => json(makeReflection({ visibility: 'private' })),
    ...routes,
  });
}

describe('writing a reflection', () => {
  beforeEach(() => {
    resetSession();
  });

  it('is private unless its author chooses otherwise, and says who can read it for every choice', async () => {
    const { calls } = serve({ [createRoute]: () => json(makeReflection({ visibility: 'private' }), 201) });
    renderApp(`/deelnemer/logboek/nieuw?groep=${cohort2026Id}`);
    const user = userEvent.setup();

    const choice = await screen.findByRole('group', { name: 'Wie mag deze reflectie lezen?' });
    const radios = within(choice).getAllByRole('radio');
    expect(radios.map((radio) => radio.getAttribute('value'))).toEqual(['private', 'facilitators', 'cohort']);
    expect(within(choice).getByRole('radio', { name: 'Alleen ik' })).toBeChecked();
    expect(within(choice).getByRole('radio', { name: 'Alleen ik' })).toHaveAccessibleDescription(
      'Alleen u kunt deze reflectie lezen. Ook de begeleiders en de beheerders van het programmabureau kunnen haar niet lezen.',
    );
    expect(within(choice).getByRole('radio', { name: 'Ik en de begeleiders' })).toHaveAccessibleDescription(/begeleiders van uw groep/);
    expect(within(choice).getByRole('radio', { name: 'De hele groep' })).toHaveAccessibleDescription(/Iedereen in uw groep/);
    expect(screen.getByLabelText('Datum')).toHaveValue(todayInAmsterdam());

    await user.type(screen.getByLabelText('Reflectie'), 'De hack bij Buren maakte indruk.');
    await user.click(screen.getByRole('button', { name: 'Reflectie opslaan' }));

    expect(await screen.findByText('Uw reflectie is opgeslagen.')).toBeInTheDocument();
    const body = (await calls(createRoute)[0]!.json()) as ReflectionInput;
    expect(body).toEqual({
      writtenOn: todayInAmsterdam(),
      title: null,
      bodyMarkdown: 'De hack bij Buren maakte indruk.',
      visibility: 'private',
      moduleId: null,
      sessionId: null,
      goalIds: [],
    });
  });

  it('links a session (which brings its module) and own goals, and shares with the group when chosen', async () => {
    const { calls } = serve({ [createRoute]: () => json(makeReflection(), 201) });
    renderApp(`/deelnemer/logboek/nieuw?groep=${cohort2026Id}`);
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Titel'), 'Algoritmen in de raad');
    await user.type(screen.getByLabelText('Reflectie'), 'Wie legt uit wat het algoritme doet?');
    await user.click(screen.getByRole('radio', { name: 'De hele groep' }));
    await user.selectOptions(await screen.findByLabelText('Bijeenkomst'), '12 november 2026 — Bestuurlijk adviseren over algoritmen');
    expect(screen.getByLabelText('Module')).toHaveValue(modules[3]!.id);
    await user.click(await screen.findByRole('checkbox', { name: 'Datagedreven sturen in het MT' }));
    await user.click(screen.getByRole('button', { name: 'Reflectie opslaan' }));

    await screen.findByText('Uw reflectie is opgeslagen.');
    expect(await calls(createRoute)[0]!.json()).toMatchObject({
      title: 'Algoritmen in de raad',
      visibility: 'cohort',
      moduleId: modules[3]!.id,
      sessionId: session.id,
      goalIds: ['00000000-0000-4000-8000-00000000f001'],
    });
  });

  it('asks for the text before sending anything', async () => {
    const { calls } = serve();
    renderApp(`/deelnemer/logboek/nieuw?groep=${cohort2026Id}`);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Reflectie opslaan' }));

    expect(screen.getByLabelText('Reflectie')).toHaveAccessibleDescription(/Schrijf uw reflectie\./);
    expect(calls(createRoute)).toHaveLength(0);
  });

  it('changes who may read a reflection with If-Match, and warns when it becomes private', async () => {
    const { calls } = serve({
      [`GET /api/v1/reflections/${reflectionId}`]: () => json(makeReflection({ visibility: 'cohort', version: 4 })),
      [`PATCH /api/v1/reflections/${reflectionId}`]: () => json(makeReflection({ visibility: 'private', version: 5 })),
    });
    renderApp(`/reflecties/${reflectionId}/bewerken`);
    const user = userEvent.setup();

    expect(await screen.findByRole('radio', { name: 'De hele groep' })).toBeChecked();
    await user.click(screen.getByRole('radio', { name: 'Alleen ik' }));
    expect(screen.getByText('Maakt u deze reflectie privé, dan kan niemand anders haar of de reacties erop nog lezen.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Wijzigingen opslaan' }));

    expect(await screen.findByText('De wijzigingen zijn opgeslagen.')).toBeInTheDocument();
    const [patch] = calls(`PATCH /api/v1/reflections/${reflectionId}`);
    expect(patch!.headers.get('If-Match')).toBe('"4"');
    expect(((await patch!.json()) as ReflectionPatch).visibility).toBe('private');
  });
});
