import { queryOptions } from '@tanstack/react-query';
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

export const cohortQuery = (cohortId: string) =>
  queryOptions({
    queryKey: cohortKeys.detail(cohortId),
    // No abort signal on purpose: an overview is small, and finishing it leaves it cached for the next visit.
    queryFn: () => fetchCohort(cohortId),
  });
