import { infiniteQueryOptions } from '@tanstack/react-query';
import { ApiError } from '../../api/ApiError';
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

export interface DownloadedFile {
  blob: Blob;
  fileName: string;
}

/** The file name the server gave (Content-Disposition), or one of our own with today's date. */
export function fileNameFrom(disposition: string | null, kind: ExportKind, today = new Date()): string {
  const match = disposition ? /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition) : null;
  if (match?.[1]) {
    const name = decodeURIComponent(match[1]).replace(/[/\\]/g, '');
    if (name) return name;
  }
  const day = today.toISOString().slice(0, 10);
  return `leergang-mijn-gegevens-${day}.${kind === 'json' ? 'json' : 'html'}`;
}

/**
 * Fetches an export through the API client, so the bearer token goes along (a plain link could not send it) and
 * an expired token is refreshed as for any other call.
 */
export async function fetchExport(kind: ExportKind): Promise<DownloadedFile> {
  const { data, error, response } =
    kind === 'json'
      ? await api.GET('/me/export', { parseAs: 'blob' })
      : await api.GET('/me/export/document', { parseAs: 'blob' });
  if (!response.ok || !data) {
    // With parseAs blob an error body arrives as a Blob too; read it as the problem it should be.
    let body: unknown = error;
    if (error instanceof Blob) {
      try {
        body = JSON.parse(await error.text());
      } catch {
        body = null;
      }
    }
    throw new ApiError(response.status, asProblem(body));
  }
  return { blob: data as Blob, fileName: fileNameFrom(response.headers.get('Content-Disposition'), kind) };
}

/** Hands a fetched file to the browser as a download, through a temporary object URL and an <a download>. */
export function saveFile({ blob, fileName }: DownloadedFile): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has been handled; the download keeps its own copy.
  window.setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
