import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { takeEarly } from '../../api/early';
import { api } from '../../api/client';
import { answer, done, ifMatch } from '../../api/answer';
import { fetchMyGoals, goalKeys } from './api';
import type { Framework, Goal, GoalInput, GoalPatch, GoalStepPatch } from './types';

export { goalKeys };

export const myGoalsQuery = (cohortId: string, userId: string) =>
  queryOptions({
    queryKey: goalKeys.mine(cohortId, userId),
    // On the participant's home the entry may have asked already (firstPage.ts).
    queryFn: () => takeEarly(goalKeys.mine(cohortId, userId), () => fetchMyGoals(cohortId, userId)),
  });

export const goalQuery = (goalId: string) =>
  queryOptions({
    queryKey: goalKeys.detail(goalId),
    queryFn: (): Promise<Goal> => answer(api.GET('/goals/{goalID}', { params: { path: { goalID: goalId } } })),
  });

/** The framework rarely changes: kept for the session. null when the programme has none. */
export const frameworkQuery = (cohortId: string) =>
  queryOptions({
    queryKey: goalKeys.framework(cohortId),
    queryFn: async (): Promise<Framework | null> =>
      (await answer(api.GET('/cohorts/{cohortID}/framework', { params: { path: { cohortID: cohortId } } }))).framework,
    staleTime: Infinity,
  });

export function createGoal(cohortId: string, body: GoalInput): Promise<Goal> {
  return answer(api.POST('/cohorts/{cohortID}/goals', { params: { path: { cohortID: cohortId } }, body }));
}

export function updateGoal(goalId: string, version: number, body: GoalPatch): Promise<Goal> {
  return answer(api.PATCH('/goals/{goalID}', { params: { path: { goalID: goalId }, header: ifMatch(version) }, body }));
}

export function deleteGoal(goal: Pick<Goal, 'id' | 'version'>): Promise<void> {
  return done(api.DELETE('/goals/{goalID}', { params: { path: { goalID: goal.id }, header: ifMatch(goal.version) } }));
}

export function addStep(goal: Pick<Goal, 'id' | 'version'>, title: string): Promise<Goal> {
  return answer(
    api.POST('/goals/{goalID}/steps', {
      params: { path: { goalID: goal.id }, header: ifMatch(goal.version) },
      body: { title },
    }),
  );
}

export function updateStep(goal: Pick<Goal, 'id' | 'version'>, stepId: string, body: GoalStepPatch): Promise<Goal> {
  return answer(
    api.PATCH('/goals/{goalID}/steps/{stepID}', {
      params: { path: { goalID: goal.id, stepID: stepId }, header: ifMatch(goal.version) },
      body,
    }),
  );
}

export function deleteStep(goal: Pick<Goal, 'id' | 'version'>, stepId: string): Promise<Goal> {
  return answer(
    api.DELETE('/goals/{goalID}/steps/{stepID}', {
      params: { path: { goalID: goal.id, stepID: stepId }, header: ifMatch(goal.version) },
    }),
  );
}

/** After a goal changed: the new goal in the cache, and the overview that counts it fetched again. */
export async function goalChanged(queryClient: QueryClient, goal: Goal): Promise<void> {
  queryClient.setQueryData(goalKeys.detail(goal.id), goal);
  await queryClient.invalidateQueries({ queryKey: goalKeys.mine(goal.cohortId, goal.owner.id) });
}
