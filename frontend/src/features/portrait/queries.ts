import { queryOptions } from '@tanstack/react-query';
import { isApiError } from '../../api/ApiError';
import { api } from '../../api/client';
import { answer, ifMatch } from '../../api/answer';
import type { Portrait, PortraitInput } from './types';

export const portraitKeys = {
  all: ['portrait'] as const,
  mine: (cohortId: string) => [...portraitKeys.all, 'mine', cohortId] as const,
};

/** One's own portrait in a cohort; null while none has been written (the API's 404). */
export const myPortraitQuery = (cohortId: string) =>
  queryOptions({
    queryKey: portraitKeys.mine(cohortId),
    queryFn: async (): Promise<Portrait | null> => {
      try {
        return await answer(api.GET('/cohorts/{cohortID}/portrait', { params: { path: { cohortID: cohortId } } }));
      } catch (error) {
        if (isApiError(error, 404)) return null;
        throw error;
      }
    },
  });

/** The first save creates the portrait (no If-Match); later saves are based on its version. */
export function savePortrait(cohortId: string, version: number | null, body: PortraitInput): Promise<Portrait> {
  return answer(
    api.PUT('/cohorts/{cohortID}/portrait', {
      params: { path: { cohortID: cohortId }, ...(version === null ? {} : { header: ifMatch(version) }) },
      body,
    }),
  );
}

export function submitPortrait(portrait: Pick<Portrait, 'cohortId' | 'version'>): Promise<Portrait> {
  return answer(
    api.POST('/cohorts/{cohortID}/portrait/submit', {
      params: { path: { cohortID: portrait.cohortId }, header: ifMatch(portrait.version) },
      body: { consent: true },
    }),
  );
}

export function withdrawPortrait(portrait: Pick<Portrait, 'cohortId' | 'version'>): Promise<Portrait> {
  return answer(
    api.POST('/cohorts/{cohortID}/portrait/withdraw', {
      params: { path: { cohortID: portrait.cohortId }, header: ifMatch(portrait.version) },
    }),
  );
}
