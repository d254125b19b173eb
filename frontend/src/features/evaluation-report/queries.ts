import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { ApiError } from '../../api/ApiError';
import { api } from '../../api/client';
import { downloadedFile, type DownloadedFile } from '../../api/download';
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

const extensions: Record<ExportFormat, string> = { csv: 'csv', xlsx: 'xlsx', pdf: 'pdf' };

/** The file name when the server gives none. */
export function fallbackFileName(format: ExportFormat, today = new Date()): string {
  return `evaluatierapport-${today.toISOString().slice(0, 10)}.${extensions[format]}`;
}

/** Fetches an export with the same filter as the page (see api/download.ts). */
export async function fetchReportExport(
  programmeId: string,
  cohortId: string | null,
  format: ExportFormat,
): Promise<DownloadedFile> {
  const result = await api.GET('/programmes/{programmeID}/evaluation-report/export/{format}', {
    params: { path: { programmeID: programmeId, format }, query: cohortId ? { cohortId } : {} },
    parseAs: 'blob',
  });
  return downloadedFile(result, fallbackFileName(format));
}
