import { infiniteQueryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { components } from '../../api/schema';
import { answer } from '../../api/answer';
import type { AuditQuery } from './filters';

export type AuditLogLine = components['schemas']['AuditLogLine'];
export type AuditLogPage = components['schemas']['AuditLogPage'];
export type AuditPerson = components['schemas']['AuditPerson'];

export const pageSize = 50;

export const auditKeys = {
  all: ['audit-log'] as const,
  search: (query: AuditQuery) => [...auditKeys.all, query] as const,
};

/**
 * The lines matching the filters, newest first, a page at a time by cursor. Every search is itself logged, so
 * the log is not searched again behind the admin's back (no refetch on focus or reconnect).
 */
export const auditLogQuery = (query: AuditQuery, enabled = true) =>
  infiniteQueryOptions({
    queryKey: auditKeys.search(query),
    queryFn: ({ pageParam }): Promise<AuditLogPage> =>
      answer(
        api.GET('/admin/audit-log', {
          params: { query: { ...query, limit: pageSize, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
    staleTime: 0,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
