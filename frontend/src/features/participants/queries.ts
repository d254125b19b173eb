import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { answer, ifMatch } from '../../api/answer';
import type { EnrolRequest, ImportReport, Participant } from './types';

export const participantKeys = {
  all: ['participants'] as const,
  cohort: (cohortId: string) => [...participantKeys.all, cohortId] as const,
};

export const participantsQuery = (cohortId: string) =>
  queryOptions({
    queryKey: participantKeys.cohort(cohortId),
    queryFn: async (): Promise<Participant[]> =>
      (await answer(api.GET('/cohorts/{cohortID}/participants', { params: { path: { cohortID: cohortId } } })))
        .participants,
  });

export const enrol = (cohortId: string, body: EnrolRequest): Promise<Participant> =>
  answer(api.POST('/cohorts/{cohortID}/participants', { params: { path: { cohortID: cohortId } }, body }));

/** Sends the CSV as it is (text/csv); with dryRun the server only reports what an import would do. */
export const importParticipants = (cohortId: string, csv: string, dryRun: boolean): Promise<ImportReport> =>
  answer(
    api.POST('/cohorts/{cohortID}/participants/import', {
      params: { path: { cohortID: cohortId }, query: { dryRun } },
      body: csv,
      bodySerializer: (body: string) => body,
      headers: { 'Content-Type': 'text/csv; charset=utf-8' },
    }),
  );

export const withdraw = (participant: Pick<Participant, 'id' | 'version'>): Promise<Participant> =>
  answer(
    api.POST('/enrolments/{enrolmentID}/withdraw', {
      params: { path: { enrolmentID: participant.id }, header: ifMatch(participant.version) },
    }),
  );

export const resendInvitation = (enrolmentId: string): Promise<void> =>
  answer(api.POST('/enrolments/{enrolmentID}/invitation', { params: { path: { enrolmentID: enrolmentId } } }));
