import { queryOptions } from '@tanstack/react-query';
import { ApiError } from '../../api/ApiError';
import { api } from '../../api/client';
import { asProblem } from '../../api/problem';
import type { components } from '../../api/schema';

export type ProgrammeSession = components['schemas']['Session'];
export type SpeakerProfile = components['schemas']['SpeakerProfile'];

export const programmeKeys = {
  sessions: (cohortId: string) => ['programme', 'sessions', cohortId] as const,
};

/** The cohort's whole schedule, earliest first, with the confirmed speakers' public profiles. */
export const cohortSessionsQuery = (cohortId: string) =>
  queryOptions({
    queryKey: programmeKeys.sessions(cohortId),
    queryFn: async (): Promise<ProgrammeSession[]> => {
      const { data, error, response } = await api.GET('/cohorts/{cohortID}/sessions', {
        params: { path: { cohortID: cohortId } },
      });
      if (data) return data.sessions;
      throw new ApiError(response.status, asProblem(error));
    },
  });
