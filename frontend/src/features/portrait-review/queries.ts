import { queryOptions } from '@tanstack/react-query';
import { ApiError } from '../../api/ApiError';
import { api } from '../../api/client';
import { ifMatch } from '../../api/answer';
import { asProblem } from '../../api/problem';
import type { components } from '../../api/schema';

export type PortraitForReview = components['schemas']['PortraitForReview'];
export type PortraitStatus = components['schemas']['PortraitStatus'];
export type ReviewFilter = 'submitted' | 'approved' | 'rejected' | 'all';

export const reviewFilters: ReviewFilter[] = ['submitted', 'approved', 'rejected', 'all'];

export const portraitReviewKeys = {
  all: ['portrait-review'] as const,
  list: (status: ReviewFilter) => [...portraitReviewKeys.all, status] as const,
};

async function answer<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok && data !== undefined) return data;
  throw new ApiError(response.status, asProblem(error));
}

export const portraitReviewQuery = (status: ReviewFilter) =>
  queryOptions({
    queryKey: portraitReviewKeys.list(status),
    queryFn: async (): Promise<PortraitForReview[]> =>
      (await answer(api.GET('/admin/portraits', { params: { query: { status } } }))).portraits,
    // Each fetch logs a read per portrait for its author: no refetch just because the window got focus.
    refetchOnWindowFocus: false,
  });

export function approvePortrait(portrait: PortraitForReview): Promise<PortraitForReview> {
  return answer(
    api.POST('/admin/portraits/{portraitID}/approve', {
      params: { path: { portraitID: portrait.id }, header: ifMatch(portrait.version) },
    }),
  );
}

export function rejectPortrait(portrait: PortraitForReview, note: string): Promise<PortraitForReview> {
  return answer(
    api.POST('/admin/portraits/{portraitID}/reject', {
      params: { path: { portraitID: portrait.id }, header: ifMatch(portrait.version) },
      body: { note },
    }),
  );
}
