import { cohort2026Id, cohortGrant, makeCohort, makeModules, programmeId, programmeName } from '../../test/cohorts';
import { makeUser } from '../../test/fakeApi';
import type { Programme } from '../admin/types';
import type {
  CohortEvaluationForm,
  EvaluationForm,
  EvaluationProgress,
  EvaluationQuestion,
  EvaluationTemplateSummary,
} from './types';

// Shaped like the demo: the programme office, a facilitator of the running cohort, and the seeded forms.
export const admin = makeUser({
  id: '00000000-0000-4000-8000-0000000000ad',
  email: 'beheer@vgs.example',
  name: 'Bea Heer',
  isAdmin: true,
  grants: [],
});
export const facilitator = makeUser({
  id: '00000000-0000-4000-8000-0000000000fa',
  email: 'begeleider@vgs.example',
  name: 'Ruud Verbeek',
  grants: [cohortGrant('facilitator', makeCohort())],
});
export const modules2026 = makeModules(2026);
export const templateId = '00000000-0000-4000-8000-00000000ee01';
export const formId = '00000000-0000-4000-8000-00000000ee21';
export { cohort2026Id, programmeId, programmeName };

export function makeQuestion(overrides: Partial<EvaluationQuestion> = {}): EvaluationQuestion {
  return {
    id: '00000000-0000-4000-8000-00000000eb01',
    key: 'waardering-bijeenkomst',
    position: 1,
    kind: 'scale',
    prompt: 'Hoe waardeert u de bijeenkomst?',
    helpText: '',
    required: true,
    labels: { '1': 'slecht', '5': 'uitstekend' },
    choices: [],
    ...overrides,
  };
}

/** The seeded session evaluation: a scale, a recommendation, a choice and an open question. */
export function seededQuestions(): EvaluationQuestion[] {
  return [
    makeQuestion(),
    makeQuestion({
      id: '00000000-0000-4000-8000-00000000eb02',
      key: 'aanbeveling',
      position: 2,
      kind: 'recommendation',
      prompt: 'Zou u deze bijeenkomst aanbevelen aan een collega?',
      labels: { '0': 'zeker niet', '10': 'absoluut een aanrader' },
    }),
    makeQuestion({
      id: '00000000-0000-4000-8000-00000000eb03',
      key: 'tempo',
      position: 3,
      kind: 'choice',
      prompt: 'Hoe was het tempo?',
      required: false,
      labels: {},
      choices: [
        { value: 'te-langzaam', label: 'Te langzaam' },
        { value: 'goed', label: 'Goed' },
        { value: 'te-snel', label: 'Te snel' },
      ],
    }),
    makeQuestion({
      id: '00000000-0000-4000-8000-00000000eb04',
      key: 'toelichting',
      position: 4,
      kind: 'text',
      prompt: 'Wat neemt u mee naar uw eigen gemeente?',
      helpText: 'Een paar zinnen is genoeg.',
      required: false,
      labels: {},
    }),
  ];
}

export function makeForm(overrides: Partial<EvaluationForm> = {}): EvaluationForm {
  return {
    id: templateId,
    programmeId,
    isTemplate: true,
    revision: 1,
    title: 'Evaluatie bijeenkomst',
    description: 'Na elke bijeenkomst.',
    cohortId: null,
    copiedFromFormId: null,
    scope: null,
    sessionId: null,
    moduleId: null,
    targetTitle: null,
    opensAt: null,
    closesAt: null,
    state: null,
    questions: seededQuestions(),
    responses: 0,
    locked: false,
    createdAt: '2026-08-01T08:00:00Z',
    updatedAt: '2026-08-01T08:00:00Z',
    version: 3,
    ...overrides,
  };
}

export function makeTemplateSummary(overrides: Partial<EvaluationTemplateSummary> = {}): EvaluationTemplateSummary {
  return {
    id: templateId,
    title: 'Evaluatie bijeenkomst',
    description: 'Na elke bijeenkomst.',
    revision: 1,
    questionCount: 4,
    copies: 0,
    responses: 0,
    locked: false,
    updatedAt: '2026-08-01T08:00:00Z',
    version: 3,
    ...overrides,
  };
}

export function makeCohortForm(overrides: Partial<CohortEvaluationForm> = {}): CohortEvaluationForm {
  return {
    id: formId,
    title: 'Evaluatie bijeenkomst',
    scope: 'session',
    sessionId: '00000000-0000-4000-8000-00000000e101',
    moduleId: null,
    targetTitle: 'Digitaliseren van processen: sturen op digitalisering',
    opensAt: '2026-12-03T16:00:00Z',
    closesAt: '2026-12-17T16:00:00Z',
    state: 'open',
    copiedFromFormId: templateId,
    invited: 12,
    answered: 5,
    responseRate: 5 / 12,
    version: 2,
    ...overrides,
  };
}

export function makeProgress(overrides: Partial<EvaluationProgress> = {}): EvaluationProgress {
  return {
    formId,
    state: 'open',
    invited: 12,
    answered: 10,
    responseRate: 10 / 12,
    notAnswered: [
      { userId: '00000000-0000-4000-8000-00000000aa01', name: 'Anna de Vries', gemeente: 'Zwolle', remindedToday: false },
      { userId: '00000000-0000-4000-8000-00000000aa02', name: 'Nico Middelbos', gemeente: 'Kampen', remindedToday: true },
    ],
    ...overrides,
  };
}

export const programme: Programme = {
  id: programmeId,
  slug: 'digitaal-leiderschap',
  name: programmeName,
  description: '',
  owner: 'Vereniging van Gemeentesecretarissen',
  funder: 'A&O-fonds Gemeenten',
  kAnonymity: 5,
  cohortCount: 2,
  version: 4,
  modules: [],
};
