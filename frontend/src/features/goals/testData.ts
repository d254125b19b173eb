import { cohort2026Id, cohortGrant, makeCohort, makeModules } from '../../test/cohorts';
import { makeUser } from '../../test/fakeApi';
import type { Framework, Goal, GoalStep, ParticipantGoals } from './types';

// Shaped like the demo: Nico Middelbos in the running 2026–2027 cohort, with the seeded framework.
export const nico = makeUser({ grants: [cohortGrant('participant', makeCohort())] });
export const modules = makeModules(2026);
export const goalId = '00000000-0000-4000-8000-00000000f001';

export function makeStep(overrides: Partial<GoalStep> = {}): GoalStep {
  return {
    id: '00000000-0000-4000-8000-00000000d001',
    position: 1,
    title: 'Gesprek met de CIO plannen',
    done: false,
    doneAt: null,
    ...overrides,
  };
}

export function makeGoal(overrides: Partial<Goal> = {}): Goal {
  const steps = overrides.steps ?? [];
  return {
    id: goalId,
    cohortId: cohort2026Id,
    owner: { id: nico.id, name: nico.name },
    moduleId: modules[2]!.id,
    moduleTitle: modules[2]!.title,
    title: 'Datagedreven sturen in het MT',
    description: 'Het MT bespreekt elk kwartaal een dashboard.',
    successCriteria: 'Elk MT-overleg begint met de cijfers.',
    status: 'active',
    targetDate: '2027-03-28',
    aspects: [{ key: 'structuur', label: 'Structuur: datamanagement en samenwerking rond data', groupKey: 'capaciteit' }],
    steps,
    stepsDone: steps.filter((step) => step.done).length,
    stepsTotal: steps.length,
    createdAt: '2026-10-01T08:00:00Z',
    updatedAt: '2026-10-01T08:00:00Z',
    version: 3,
    ...overrides,
  };
}

export function participantGoals(goals: Goal[]): ParticipantGoals {
  return {
    cohortId: cohort2026Id,
    participant: { id: nico.id, name: nico.name },
    modules: modules.map(({ id, position, title }) => ({ id, position, title })),
    goals,
  };
}

export const framework: Framework = {
  id: '00000000-0000-4000-8000-00000000fa01',
  name: 'Digitaal leiderschap — publieke waarde',
  groups: [
    {
      key: 'waardegedreven-strategie',
      label: 'Waardegedreven strategie',
      description: 'willen',
      aspects: [
        {
          key: 'strategie-opgaven',
          label: 'Maatschappelijke opgaven verbinden met technologie',
          description: 'Vertrek vanuit de maatschappelijke opgaven van de gemeente.',
        },
        { key: 'strategie-gezamenlijk', label: 'Een gezamenlijke strategie', description: 'Kaders en ruimte om te experimenteren.' },
      ],
    },
    {
      key: 'capaciteit',
      label: 'Capaciteit',
      description: 'kunnen',
      aspects: [
        { key: 'structuur', label: 'Structuur: datamanagement en samenwerking rond data', description: 'Datamanagement op orde.' },
      ],
    },
    {
      key: 'legitimiteit',
      label: 'Legitimiteit',
      description: 'mogen',
      aspects: [
        { key: 'privacy-veiligheid', label: 'Persoonsgegevens beschermen en veiligheid borgen', description: 'Persoonsgegevens beschermen.' },
      ],
    },
  ],
};
