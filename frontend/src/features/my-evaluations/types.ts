import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type MyEvaluationSummary = Schemas['MyEvaluationSummary'];
export type MyEvaluation = Schemas['MyEvaluation'];
export type EvaluationDraft = Schemas['EvaluationDraft'];
export type EvaluationAnswerInput = Schemas['EvaluationAnswerInput'];
export type EvaluationAnswersInput = Schemas['EvaluationAnswersInput'];
export type EvaluationReceipt = Schemas['EvaluationReceipt'];
export type EvaluationQuestion = Schemas['EvaluationQuestion'];
