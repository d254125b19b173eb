import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { ApiError } from '../../api/ApiError';
import { api } from '../../api/client';
import { asProblem } from '../../api/problem';
import type { components } from '../../api/schema';

export type OutboxItem = components['schemas']['OutboxItem'];
export type OutboxPage = components['schemas']['OutboxPage'];
export type OutboxMail = components['schemas']['OutboxMail'];

const pageSize = 50;

export const outboxKeys = {
  all: ['outbox'] as const,
  list: () => [...outboxKeys.all, 'list'] as const,
  mail: (mailId: string) => [...outboxKeys.all, 'mail', mailId] as const,
};

/** The outbox newest first, a page at a time: each page's nextCursor is the next one's `before`. */
export const outboxQuery = () =>
  infiniteQueryOptions({
    queryKey: outboxKeys.list(),
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }): Promise<OutboxPage> => {
      const query = pageParam ? { before: pageParam, limit: pageSize } : { limit: pageSize };
      const { data, error, response } = await api.GET('/admin/outbox', { params: { query } });
      if (data) return data;
      throw new ApiError(response.status, asProblem(error));
    },
    getNextPageParam: (last) => last.nextCursor,
    // Mail keeps arriving and changing status; what an admin reads should be current.
    staleTime: 0,
  });

export const outboxMailQuery = (mailId: string) =>
  queryOptions({
    queryKey: outboxKeys.mail(mailId),
    queryFn: async (): Promise<OutboxMail> => {
      const { data, error, response } = await api.GET('/admin/outbox/{mailID}', { params: { path: { mailID: mailId } } });
      if (data) return data;
      throw new ApiError(response.status, asProblem(error));
    },
    staleTime: 0,
  });
