import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { ApiError } from '../../api/ApiError';
import { api } from '../../api/client';
import { asProblem } from '../../api/problem';
import type { AspectCoverage, CoachingOverview, ParticipantGoals, ReflectionPage } from './types';

export const coachingKeys = {
  all: ['coaching'] as const,
  overview: (cohortId: string) => [...coachingKeys.all, 'overview', cohortId] as const,
  coverage: (cohortId: string) => [...coachingKeys.all, 'coverage', cohortId] as const,
  goals: (cohortId: string, userId: string) => [...coachingKeys.all, 'goals', cohortId, userId] as const,
  reflections: (cohortId: string, userId: string) => [...coachingKeys.all, 'reflections', cohortId, userId] as const,
};

/** The answer's data, or an ApiError with the problem the server sent. */
async function answer<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok && data !== undefined) return data;
  throw new ApiError(response.status, asProblem(error));
}

export const coachingOverviewQuery = (cohortId: string) =>
  queryOptions({
    queryKey: coachingKeys.overview(cohortId),
    queryFn: (): Promise<CoachingOverview> =>
      answer(api.GET('/cohorts/{cohortID}/coaching', { params: { path: { cohortID: cohortId } } })),
    // Participants keep working on their goals: an overview a few minutes old could mislead a coaching talk.
    staleTime: 15_000,
  });

export const aspectCoverageQuery = (cohortId: string) =>
  queryOptions({
    queryKey: coachingKeys.coverage(cohortId),
    queryFn: (): Promise<AspectCoverage> =>
      answer(api.GET('/cohorts/{cohortID}/goal-aspects', { params: { path: { cohortID: cohortId } } })),
    staleTime: 15_000,
  });

/** A participant's goals; every fetch is a logged read, so it is not refetched on every focus or visit. */
export const participantGoalsQuery = (cohortId: string, userId: string) =>
  queryOptions({
    queryKey: coachingKeys.goals(cohortId, userId),
    queryFn: (): Promise<ParticipantGoals> =>
      answer(
        api.GET('/cohorts/{cohortID}/participants/{userID}/goals', {
          params: { path: { cohortID: cohortId, userID: userId } },
        }),
      ),
    refetchOnWindowFocus: false,
  });

export const sharedReflectionsQuery = (cohortId: string, userId: string) =>
  infiniteQueryOptions({
    queryKey: coachingKeys.reflections(cohortId, userId),
    queryFn: ({ pageParam }): Promise<ReflectionPage> =>
      answer(
        api.GET('/cohorts/{cohortID}/reflections', {
          params: {
            path: { cohortID: cohortId },
            query: { authorId: userId, limit: 10, ...(pageParam ? { cursor: pageParam } : {}) },
          },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchOnWindowFocus: false,
  });
