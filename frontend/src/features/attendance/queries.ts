import { queryOptions } from '@tanstack/react-query';
import { ApiError } from '../../api/ApiError';
import { api } from '../../api/client';
import { asProblem } from '../../api/problem';
import type { AttendanceUpdate, CohortAttendance, MyAttendance, SessionAttendance } from './types';

export const attendanceKeys = {
  all: ['attendance'] as const,
  cohort: (cohortId: string) => [...attendanceKeys.all, 'cohort', cohortId] as const,
  session: (sessionId: string) => [...attendanceKeys.all, 'session', sessionId] as const,
  mine: () => [...attendanceKeys.all, 'mine'] as const,
};

export const cohortAttendanceQuery = (cohortId: string) =>
  queryOptions({
    queryKey: attendanceKeys.cohort(cohortId),
    queryFn: async (): Promise<CohortAttendance> => {
      const { data, error, response } = await api.GET('/cohorts/{cohortID}/attendance', {
        params: { path: { cohortID: cohortId } },
      });
      if (data) return data;
      throw new ApiError(response.status, asProblem(error));
    },
    // Someone else may be recording at the same time: never show a sheet or rates older than a few seconds.
    staleTime: 5_000,
  });

export const sessionAttendanceQuery = (sessionId: string) =>
  queryOptions({
    queryKey: attendanceKeys.session(sessionId),
    queryFn: async (): Promise<SessionAttendance> => {
      const { data, error, response } = await api.GET('/sessions/{sessionID}/attendance', {
        params: { path: { sessionID: sessionId } },
      });
      if (data) return data;
      throw new ApiError(response.status, asProblem(error));
    },
    staleTime: 5_000,
  });

export const myAttendanceQuery = () =>
  queryOptions({
    queryKey: attendanceKeys.mine(),
    queryFn: async (): Promise<MyAttendance> => {
      const { data, error, response } = await api.GET('/me/attendance');
      if (data) return data;
      throw new ApiError(response.status, asProblem(error));
    },
  });

/**
 * Saves the changed lines of a sheet, based on the register's version as read (If-Match; 412 when someone else
 * saved since); resolves with the sheet as the server now has it, with its new version.
 */
export async function saveAttendance(sessionId: string, version: number, update: AttendanceUpdate): Promise<SessionAttendance> {
  const { data, error, response } = await api.PUT('/sessions/{sessionID}/attendance', {
    params: { path: { sessionID: sessionId }, header: { 'If-Match': `"${version}"` } },
    body: update,
  });
  if (data) return data;
  throw new ApiError(response.status, asProblem(error));
}
