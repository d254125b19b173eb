import { cohort2026Id, cohortGrant, makeCohort } from '../../test/cohorts';
import { makeUser } from '../../test/fakeApi';
import { formId, seededQuestions } from '../evaluation-forms/testData';
import type { EvaluationDraft, MyEvaluation, MyEvaluationSummary } from './types';

// Nico Middelbos of Kampen in the running cohort, as in the demo.
export const nico = makeUser({ grants: [cohortGrant('participant', makeCohort())] });
export { cohort2026Id, formId };

export function makeSummary(overrides: Partial<MyEvaluationSummary> = {}): MyEvaluationSummary {
  return {
    formId,
    title: 'Evaluatie bijeenkomst',
    cohortId: cohort2026Id,
    cohortName: '2026–2027',
    scope: 'session',
    targetTitle: 'Digitaliseren van processen: sturen op digitalisering',
    opensAt: '2026-12-03T16:00:00Z',
    closesAt: '2026-12-17T16:00:00Z',
    state: 'open',
    submittedAt: null,
    hasDraft: false,
    ...overrides,
  };
}

export function makeDraft(overrides: Partial<EvaluationDraft> = {}): EvaluationDraft {
  return { answers: {}, updatedAt: '2026-12-04T13:32:00Z', version: 1, ...overrides };
}

export function makeMyEvaluation(overrides: Partial<MyEvaluation> = {}): MyEvaluation {
  return {
    formId,
    title: 'Evaluatie bijeenkomst',
    description: 'Uw mening helpt ons de volgende bijeenkomst beter te maken.',
    cohortName: '2026–2027',
    scope: 'session',
    targetTitle: 'Digitaliseren van processen: sturen op digitalisering',
    opensAt: '2026-12-03T16:00:00Z',
    closesAt: '2026-12-17T16:00:00Z',
    state: 'open',
    submittedAt: null,
    questions: seededQuestions(),
    draft: null,
    ...overrides,
  };
}
