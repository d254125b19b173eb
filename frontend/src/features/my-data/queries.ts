import { infiniteQueryOptions } from '@tanstack/react-query';
import { ApiError } from '../../api/ApiError';
import { downloadedFile, type DownloadedFile } from '../../api/download';
import { api } from '../../api/client';
import { asProblem } from '../../api/problem';
import type { components } from '../../api/schema';

export type AccessLogEntry = components['schemas']['AccessLogEntry'];
export type AccessLogPage = components['schemas']['AccessLogPage'];

export const myDataKeys = {
  all: ['my-data'] as const,
  accessLog: () => [...myDataKeys.all, 'access-log'] as const,
};

export const accessLogQuery = () =>
  infiniteQueryOptions({
    queryKey: myDataKeys.accessLog(),
    queryFn: async ({ pageParam }): Promise<AccessLogPage> => {
      const { data, error, response } = await api.GET('/me/access-log', {
        params: { query: { limit: 25, ...(pageParam ? { cursor: pageParam } : {}) } },
      });
      if (data) return data;
      throw new ApiError(response.status, asProblem(error));
    },
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Who looked at my data should be current whenever the page is opened.
    staleTime: 0,
  });

export type ExportKind = 'json' | 'document';

/** The file name when the server gives none. */
export function fallbackFileName(kind: ExportKind, today = new Date()): string {
  return `leergang-mijn-gegevens-${today.toISOString().slice(0, 10)}.${kind === 'json' ? 'json' : 'html'}`;
}

/**
 * Fetches an export through the API client, so the bearer token goes along and an expired token is refreshed.
 */
export async function fetchExport(kind: ExportKind): Promise<DownloadedFile> {
  const result =
    kind === 'json'
      ? await api.GET('/me/export', { parseAs: 'blob' })
      : await api.GET('/me/export/document', { parseAs: 'blob' });
  return downloadedFile(result, fallbackFileName(kind));
}
