import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { ApiError } from '../../api/ApiError';
import { api } from '../../api/client';
import { asProblem } from '../../api/problem';
import type { EvaluationReport, ExportFormat } from './types';

export const reportKeys = {
  all: ['evaluation-report'] as const,
  report: (programmeId: string, cohortId: string | null) =>
    [...reportKeys.all, programmeId, cohortId ?? 'all'] as const,
};

/** The report of the whole programme (cohortId null) or of one cohort; the API decides who may read which. */
export const reportQuery = (programmeId: string, cohortId: string | null) =>
  queryOptions({
    queryKey: reportKeys.report(programmeId, cohortId),
    queryFn: async (): Promise<EvaluationReport> => {
      const { data, error, response } = await api.GET('/programmes/{programmeID}/evaluation-report', {
        params: { path: { programmeID: programmeId }, query: cohortId ? { cohortId } : {} },
      });
      if (response.ok && data) return data;
      throw new ApiError(response.status, asProblem(error));
    },
    // While another cohort's report of the same programme loads, the current one stays on screen (and the filter
    // keeps its focus); another programme's report never stands in.
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[1] === programmeId ? keepPreviousData(previous) : undefined,
    // Answers keep coming in while a form is open; a report a few minutes old is still a fair picture.
    staleTime: 60_000,
  });

export interface DownloadedFile {
  blob: Blob;
  fileName: string;
}

const extensions: Record<ExportFormat, string> = { csv: 'csv', xlsx: 'xlsx', pdf: 'pdf' };

/**
 * The file name the server gave in Content-Disposition (RFC 6266: filename* preferred over filename), without
 * any path; else one of our own with the day.
 */
export function fileNameFrom(disposition: string | null, format: ExportFormat, today = new Date()): string {
  const candidates: string[] = [];
  if (disposition) {
    const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
    if (extended?.[1]) {
      try {
        candidates.push(decodeURIComponent(extended[1].trim().replace(/^"|"$/g, '')));
      } catch {
        // a malformed escape: fall back to the plain name
      }
    }
    const plain = /(?:^|;)\s*filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(disposition);
    const name = plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2]?.trim();
    if (name) candidates.push(name);
  }
  for (const candidate of candidates) {
    const name = candidate.replace(/[/\\]/g, '').replace(/^\.+/, '').trim();
    if (name) return name;
  }
  return `evaluatierapport-${today.toISOString().slice(0, 10)}.${extensions[format]}`;
}

/**
 * Fetches an export through the API client, so the bearer token goes along (a plain link could not send it)
 * and an expired token is refreshed as for any other call. The same filter as the page.
 */
export async function fetchReportExport(
  programmeId: string,
  cohortId: string | null,
  format: ExportFormat,
): Promise<DownloadedFile> {
  const { data, error, response } = await api.GET('/programmes/{programmeID}/evaluation-report/export/{format}', {
    params: { path: { programmeID: programmeId, format }, query: cohortId ? { cohortId } : {} },
    parseAs: 'blob',
  });
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
  return { blob: data as Blob, fileName: fileNameFrom(response.headers.get('Content-Disposition'), format) };
}
