import { queryOptions } from '@tanstack/react-query';
import { ApiError } from '../../api/ApiError';
import { api } from '../../api/client';
import { asProblem } from '../../api/problem';
import type { components } from '../../api/schema';

export type Speaker = components['schemas']['Speaker'];
export type SpeakerInput = components['schemas']['SpeakerInput'];
export type SpeakerPatch = components['schemas']['SpeakerPatch'];

export const speakerKeys = {
  all: ['speakers'] as const,
  programme: (programmeId: string) => [...speakerKeys.all, 'programme', programmeId] as const,
};

function fail(status: number, error: unknown): never {
  throw new ApiError(status, asProblem(error));
}

/** A programme's directory and the shared one, with contact details (facilitators and admins only). */
export const programmeSpeakersQuery = (programmeId: string) =>
  queryOptions({
    queryKey: speakerKeys.programme(programmeId),
    queryFn: async (): Promise<Speaker[]> => {
      const { data, error, response } = await api.GET('/programmes/{programmeID}/speakers', {
        params: { path: { programmeID: programmeId } },
      });
      return data?.speakers ?? fail(response.status, error);
    },
  });

export async function createSpeaker(programmeId: string, body: SpeakerInput): Promise<Speaker> {
  const { data, error, response } = await api.POST('/programmes/{programmeID}/speakers', {
    params: { path: { programmeID: programmeId } },
    body,
  });
  return data ?? fail(response.status, error);
}

export async function updateSpeaker(speaker: Pick<Speaker, 'id' | 'version'>, body: SpeakerPatch): Promise<Speaker> {
  const { data, error, response } = await api.PATCH('/speakers/{speakerID}', {
    params: { path: { speakerID: speaker.id }, header: { 'If-Match': `"${speaker.version}"` } },
    body,
  });
  return data ?? fail(response.status, error);
}
