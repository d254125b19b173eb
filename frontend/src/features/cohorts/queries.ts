import { queryOptions } from '@tanstack/react-query';
import { takeEarly } from '../../api/early';
import { cohortKeys, fetchCohort } from './api';

export { cohortKeys, fetchCohort };

export const cohortQuery = (cohortId: string) =>
  queryOptions({
    queryKey: cohortKeys.detail(cohortId),
    // No abort signal on purpose: an overview is small, and finishing it leaves it cached for the next visit.
    // On the participant's home the entry may have asked already (firstPage.ts).
    queryFn: () => takeEarly(cohortKeys.detail(cohortId), () => fetchCohort(cohortId)),
  });
