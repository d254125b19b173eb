import { queryOptions } from '@tanstack/react-query';
import { ApiError } from '../../api/ApiError';
import { api } from '../../api/client';
import { ifMatch } from '../../api/answer';
import { asProblem } from '../../api/problem';
import type { Booking, BookingCreated, CohortSessions, Session, SessionInput, SessionPatch } from './types';

export const plannerKeys = {
  all: ['planner'] as const,
  cohort: (cohortId: string) => [...plannerKeys.all, 'cohort', cohortId] as const,
};

function fail(status: number, error: unknown): never {
  throw new ApiError(status, asProblem(error));
}

export const cohortSessionsQuery = (cohortId: string) =>
  queryOptions({
    queryKey: plannerKeys.cohort(cohortId),
    queryFn: async (): Promise<CohortSessions> => {
      const { data, error, response } = await api.GET('/cohorts/{cohortID}/sessions', {
        params: { path: { cohortID: cohortId } },
      });
      return data ?? fail(response.status, error);
    },
    // A colleague may be planning the same cohort: refetch when the planner comes back into view.
    staleTime: 10_000,
  });

export async function createSession(cohortId: string, body: SessionInput): Promise<Session> {
  const { data, error, response } = await api.POST('/cohorts/{cohortID}/sessions', {
    params: { path: { cohortID: cohortId } },
    body,
  });
  return data ?? fail(response.status, error);
}

export async function updateSession(session: Pick<Session, 'id' | 'version'>, body: SessionPatch): Promise<Session> {
  const { data, error, response } = await api.PATCH('/sessions/{sessionID}', {
    params: { path: { sessionID: session.id }, header: ifMatch(session.version) },
    body,
  });
  return data ?? fail(response.status, error);
}

export async function cancelSession(session: Pick<Session, 'id' | 'version'>): Promise<Session> {
  const { data, error, response } = await api.POST('/sessions/{sessionID}/cancel', {
    params: { path: { sessionID: session.id }, header: ifMatch(session.version) },
  });
  return data ?? fail(response.status, error);
}

export async function bookSpeaker(sessionId: string, speakerId: string): Promise<BookingCreated> {
  const { data, error, response } = await api.POST('/sessions/{sessionID}/bookings', {
    params: { path: { sessionID: sessionId } },
    body: { speakerId },
  });
  return data ?? fail(response.status, error);
}

export async function cancelBooking(booking: Pick<Booking, 'id' | 'version'>): Promise<Booking> {
  const { data, error, response } = await api.POST('/bookings/{bookingID}/cancel', {
    params: { path: { bookingID: booking.id }, header: ifMatch(booking.version) },
  });
  return data ?? fail(response.status, error);
}
