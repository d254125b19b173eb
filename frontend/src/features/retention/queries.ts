import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { components } from '../../api/schema';
import { answer } from '../../api/answer';

export type RetentionOverview = components['schemas']['RetentionOverview'];
export type RetentionCohort = components['schemas']['RetentionCohort'];

export const retentionQuery = () =>
  queryOptions({
    queryKey: ['admin', 'retention'] as const,
    queryFn: () => answer(api.GET('/admin/retention')),
    staleTime: 0,
  });

export type RetentionState = 'waiting' | 'noticed' | 'purged';

/** Where a cohort is in the retention process. */
export function retentionState(cohort: RetentionCohort): RetentionState {
  if (cohort.purgedAt) return 'purged';
  if (cohort.noticeSentAt) return 'noticed';
  return 'waiting';
}
