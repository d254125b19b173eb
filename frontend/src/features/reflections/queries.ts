import { infiniteQueryOptions, queryOptions, type QueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { answer, done, ifMatch } from '../../api/answer';
import type {
  Comment,
  LogbookFilters,
  Reflection,
  ReflectionDetail,
  ReflectionInput,
  ReflectionPage,
  ReflectionPatch,
} from './types';

export const reflectionKeys = {
  all: ['reflections'] as const,
  mine: (filters: LogbookFilters) => [...reflectionKeys.all, 'mine', filters] as const,
  shared: (cohortId: string, authorId: string | null) => [...reflectionKeys.all, 'shared', cohortId, authorId] as const,
  detail: (reflectionId: string) => [...reflectionKeys.all, 'detail', reflectionId] as const,
};

const pageSize = 20;

/** One's own logbook, newest first, page by page; with a search (q) the best matches, in one page. */
export const myReflectionsQuery = (filters: LogbookFilters) =>
  infiniteQueryOptions({
    queryKey: reflectionKeys.mine(filters),
    queryFn: ({ pageParam }): Promise<ReflectionPage> =>
      answer(
        api.GET('/me/reflections', {
          params: {
            query: {
              ...(filters.cohortId ? { cohortId: filters.cohortId } : {}),
              ...(filters.moduleId ? { moduleId: filters.moduleId } : {}),
              ...(filters.visibility ? { visibility: filters.visibility } : {}),
              ...(filters.q ? { q: filters.q } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
              limit: pageSize,
            },
          },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

/** What a cohort shares with the caller, newest first, page by page; optionally one author's only. */
export const sharedReflectionsQuery = (cohortId: string, authorId: string | null) =>
  infiniteQueryOptions({
    queryKey: reflectionKeys.shared(cohortId, authorId),
    queryFn: ({ pageParam }): Promise<ReflectionPage> =>
      answer(
        api.GET('/cohorts/{cohortID}/reflections', {
          params: {
            path: { cohortID: cohortId },
            query: {
              ...(authorId ? { authorId } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
              limit: pageSize,
            },
          },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Facilitators' reads are logged per author: no refetch merely because the window got focus again.
    refetchOnWindowFocus: false,
  });

export const reflectionQuery = (reflectionId: string) =>
  queryOptions({
    queryKey: reflectionKeys.detail(reflectionId),
    queryFn: (): Promise<ReflectionDetail> =>
      answer(api.GET('/reflections/{reflectionID}', { params: { path: { reflectionID: reflectionId } } })),
    refetchOnWindowFocus: false,
  });

export function createReflection(cohortId: string, body: ReflectionInput): Promise<ReflectionDetail> {
  return answer(api.POST('/cohorts/{cohortID}/reflections', { params: { path: { cohortID: cohortId } }, body }));
}

export function updateReflection(reflectionId: string, version: number, body: ReflectionPatch): Promise<ReflectionDetail> {
  return answer(
    api.PATCH('/reflections/{reflectionID}', {
      params: { path: { reflectionID: reflectionId }, header: ifMatch(version) },
      body,
    }),
  );
}

export function deleteReflection(reflection: Pick<Reflection, 'id' | 'version'>): Promise<void> {
  return done(
    api.DELETE('/reflections/{reflectionID}', {
      params: { path: { reflectionID: reflection.id }, header: ifMatch(reflection.version) },
    }),
  );
}

export function addComment(reflectionId: string, body: string): Promise<Comment> {
  return answer(
    api.POST('/reflections/{reflectionID}/comments', { params: { path: { reflectionID: reflectionId } }, body: { body } }),
  );
}

export function updateComment(reflectionId: string, comment: Pick<Comment, 'id' | 'version'>, body: string): Promise<Comment> {
  return answer(
    api.PATCH('/reflections/{reflectionID}/comments/{commentID}', {
      params: { path: { reflectionID: reflectionId, commentID: comment.id }, header: ifMatch(comment.version) },
      body: { body },
    }),
  );
}

export function deleteComment(reflectionId: string, comment: Pick<Comment, 'id' | 'version'>): Promise<void> {
  return done(
    api.DELETE('/reflections/{reflectionID}/comments/{commentID}', {
      params: { path: { reflectionID: reflectionId, commentID: comment.id }, header: ifMatch(comment.version) },
    }),
  );
}

/** After a reflection or its comments changed: every list that shows it is fetched again when next seen. */
export async function reflectionsChanged(queryClient: QueryClient, reflectionId?: string): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: [...reflectionKeys.all, 'mine'] }),
    queryClient.invalidateQueries({ queryKey: [...reflectionKeys.all, 'shared'] }),
    ...(reflectionId ? [queryClient.invalidateQueries({ queryKey: reflectionKeys.detail(reflectionId) })] : []),
  ]);
}
