// Without React Query, so that the entry (firstPage.ts) can fetch a cohort before the app's code has arrived.
import { ApiError } from '../../api/ApiError';
import { api } from '../../api/client';
import { asProblem } from '../../api/problem';
import type { CohortOverview } from '../../api/types';

export const cohortKeys = {
  all: ['cohorts'] as const,
  detail: (cohortId: string) => [...cohortKeys.all, 'detail', cohortId] as const,
};

export async function fetchCohort(cohortId: string): Promise<CohortOverview> {
  const { data, error, response } = await api.GET('/cohorts/{cohortID}', { params: { path: { cohortID: cohortId } } });
  if (data) return data;
  throw new ApiError(response.status, asProblem(error));
}
