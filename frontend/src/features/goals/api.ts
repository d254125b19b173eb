// Without React Query, so that the entry (firstPage.ts) can ask for a participant's goals before the app's code has
// arrived; queries.ts builds the queries on these.
import { answer } from '../../api/answer';
import { api } from '../../api/client';
import type { ParticipantGoals } from './types';

export const goalKeys = {
  all: ['goals'] as const,
  mine: (cohortId: string, userId: string) => [...goalKeys.all, 'mine', cohortId, userId] as const,
  detail: (goalId: string) => [...goalKeys.all, 'detail', goalId] as const,
  framework: (cohortId: string) => [...goalKeys.all, 'framework', cohortId] as const,
};

export function fetchMyGoals(cohortId: string, userId: string): Promise<ParticipantGoals> {
  return answer(
    api.GET('/cohorts/{cohortID}/participants/{userID}/goals', { params: { path: { cohortID: cohortId, userID: userId } } }),
  );
}
