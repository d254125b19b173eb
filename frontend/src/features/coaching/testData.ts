import type { AspectCoverage, CoachingOverview, Goal, ParticipantGoals, Reflection } from './types';

export const cohortId = '00000000-0000-4000-8000-000000002026';
export const nicoId = '00000000-0000-4000-8000-000000000001';
export const annemiekId = '00000000-0000-4000-8000-000000000002';

export const moduleIds = ['00000000-0000-4000-8000-000000020261', '00000000-0000-4000-8000-000000020262'];

export function makeOverview(): CoachingOverview {
  return {
    cohortId,
    participants: [
      {
        userId: annemiekId,
        name: 'Annemiek de Vries',
        gemeente: 'Zwolle',
        status: 'active',
        goals: { draft: 1, active: 2, achieved: 0, dropped: 0 },
        stepsDone: 1,
        stepsTotal: 4,
        sharedReflections: 0,
        lastSharedOn: null,
      },
      {
        userId: nicoId,
        name: 'Nico Middelbos',
        gemeente: 'Kampen',
        status: 'completed',
        goals: { draft: 0, active: 1, achieved: 2, dropped: 1 },
        stepsDone: 5,
        stepsTotal: 8,
        sharedReflections: 3,
        lastSharedOn: '2026-10-30',
      },
    ],
  };
}

export function makeCoverage(): AspectCoverage {
  return {
    cohortId,
    participants: 8,
    goals: 6,
    untaggedGoals: 1,
    groups: [
      {
        key: 'willen',
        label: 'Waardegedreven strategie (willen)',
        aspects: [
          { key: 'strategie-opgaven', label: 'Opgaven en technologie verbinden', goals: 3, participants: 2 },
          { key: 'strategie-gezamenlijk', label: 'Gezamenlijke strategie', goals: 0, participants: 0 },
        ],
      },
      {
        key: 'mogen',
        label: 'Legitimiteit (mogen)',
        aspects: [{ key: 'privacy-veiligheid', label: 'Privacy en veiligheid', goals: 2, participants: 2 }],
      },
    ],
  };
}

export function makeGoal(overrides: Partial<Goal> = {}): Goal {
  return {
    id: '00000000-0000-4000-8000-000000000a01',
    cohortId,
    owner: { id: nicoId, name: 'Nico Middelbos' },
    moduleId: moduleIds[0]!,
    moduleTitle: 'De gemeentesecretaris in zijn/haar context',
    title: 'Datagedreven sturen in de ambtelijke top',
    description: 'Ik wil het MT leren sturen op data.\nEerst in het sociaal domein.',
    successCriteria: 'Het MT bespreekt elk kwartaal een dashboard.',
    status: 'active',
    targetDate: '2027-03-01',
    aspects: [{ key: 'structuur', label: 'Structuur', groupKey: 'kunnen' }],
    steps: [
      { id: '00000000-0000-4000-8000-0000000005a2', position: 2, title: 'Dashboard kiezen', done: false, doneAt: null },
      { id: '00000000-0000-4000-8000-0000000005a1', position: 1, title: 'Gesprek met de CIO', done: true, doneAt: '2026-10-12T08:00:00Z' },
    ],
    stepsDone: 1,
    stepsTotal: 2,
    createdAt: '2026-09-20T10:00:00Z',
    updatedAt: '2026-10-12T08:00:00Z',
    version: 3,
    ...overrides,
  };
}

export function makeParticipantGoals(goals: Goal[] = [makeGoal()]): ParticipantGoals {
  return {
    cohortId,
    participant: { id: nicoId, name: 'Nico Middelbos' },
    modules: [
      { id: moduleIds[1]!, position: 2, title: 'Samenwerking en netwerken' },
      { id: moduleIds[0]!, position: 1, title: 'De gemeentesecretaris in zijn/haar context' },
    ],
    goals,
  };
}

export function makeReflection(n: number, overrides: Partial<Reflection> = {}): Reflection {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    cohortId,
    author: { id: nicoId, name: 'Nico Middelbos' },
    mine: false,
    writtenOn: `2026-10-${String(n).padStart(2, '0')}`,
    title: `Reflectie ${n}`,
    bodyMarkdown: 'Tekst',
    bodyHtml: '<p>Tekst</p>',
    visibility: 'facilitators',
    module: null,
    session: null,
    goals: [],
    commentCount: n % 2,
    createdAt: '2026-10-01T10:00:00Z',
    updatedAt: '2026-10-01T10:00:00Z',
    version: 1,
    ...overrides,
  };
}
