import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type EvaluationQuestionKind = Schemas['EvaluationQuestionKind'];
export type EvaluationChoice = Schemas['EvaluationChoice'];
export type EvaluationQuestion = Schemas['EvaluationQuestion'];
export type EvaluationQuestionInput = Schemas['EvaluationQuestionInput'];
export type EvaluationFormInput = Schemas['EvaluationFormInput'];
export type EvaluationForm = Schemas['EvaluationForm'];
export type EvaluationTemplateSummary = Schemas['EvaluationTemplateSummary'];
export type EvaluationScope = Schemas['EvaluationScope'];
export type EvaluationState = Schemas['EvaluationState'];
export type EvaluationAttachInput = Schemas['EvaluationAttachInput'];
export type EvaluationPeriodInput = Schemas['EvaluationPeriodInput'];
export type CohortEvaluationForm = Schemas['CohortEvaluationFormSummary'];
export type EvaluationProgress = Schemas['EvaluationProgress'];
export type EvaluationReminderResult = Schemas['EvaluationReminderResult'];

/** The kinds in the order the builder offers them. */
export const questionKinds: EvaluationQuestionKind[] = ['scale', 'recommendation', 'choice', 'text'];

/** The scopes in the order the attach form offers them: the closing evaluation of the whole group first. */
export const scopes: EvaluationScope[] = ['cohort', 'module', 'session'];
