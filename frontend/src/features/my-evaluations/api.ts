// Without React Query, so that the entry (firstPage.ts) can ask for the participant's evaluations before the app's
// code has arrived; queries.ts builds the queries on these.
import { ApiError } from '../../api/ApiError';
import { api } from '../../api/client';
import { asProblem } from '../../api/problem';
import type { MyEvaluationSummary } from './types';

export const myEvaluationKeys = {
  all: ['my-evaluations'] as const,
  list: () => [...myEvaluationKeys.all, 'list'] as const,
  detail: (formId: string) => [...myEvaluationKeys.all, 'detail', formId] as const,
};

export async function fetchMyEvaluations(): Promise<MyEvaluationSummary[]> {
  const { data, error, response } = await api.GET('/me/evaluations');
  if (data) return data.evaluations;
  throw new ApiError(response.status, asProblem(error));
}
