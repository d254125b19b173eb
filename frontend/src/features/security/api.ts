import { queryOptions } from '@tanstack/react-query';
import { ApiError } from '../../api/ApiError';
import { api, authClient } from '../../api/client';
import { asProblem } from '../../api/problem';
import type { components } from '../../api/schema';
import type { TokenResponse } from '../../api/types';

export type SecondFactorChallenge = components['schemas']['SecondFactorChallenge'];
export type TotpEnrolment = components['schemas']['TotpEnrolment'];
export type SecondFactorStatus = components['schemas']['SecondFactorStatus'];
export type LoginSession = components['schemas']['LoginSession'];

/** The body of a 2xx answer, or the ApiError of any other (its problem document when the server sent one). */
async function answer<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  throw new ApiError(response.status, asProblem(error));
}

// The login's second step: no bearer token yet, the challenge from the 202 is the key.

/** A code from the app (`code`) or a recovery code (`recoveryCode`): finishes the login. */
export const verifySecondFactor = (challenge: string, answerTo: { code: string } | { recoveryCode: string }) =>
  answer<TokenResponse>(authClient.POST('/auth/second-factor', { body: { challenge, ...answerTo } }));

export const startLoginEnrolment = (challenge: string) =>
  answer<TotpEnrolment>(authClient.POST('/auth/second-factor/enrolment', { body: { challenge } }));

/** Turns the new authenticator on and logs in; the answer carries the recovery codes, this once. */
export const confirmLoginEnrolment = (challenge: string, code: string) =>
  answer<TokenResponse>(authClient.POST('/auth/second-factor/enrolment/confirm', { body: { challenge, code } }));

// The signed-in person's own security settings.

export const securityKeys = {
  all: ['security'] as const,
  secondFactor: () => [...securityKeys.all, 'second-factor'] as const,
  sessions: () => [...securityKeys.all, 'sessions'] as const,
};

export const secondFactorQuery = () =>
  queryOptions({
    queryKey: securityKeys.secondFactor(),
    queryFn: () => answer<SecondFactorStatus>(api.GET('/me/second-factor')),
    staleTime: 0,
  });

export const sessionsQuery = () =>
  queryOptions({
    queryKey: securityKeys.sessions(),
    queryFn: async () => (await answer(api.GET('/me/sessions'))).sessions,
    // Where one is logged in should be current whenever the page is opened.
    staleTime: 0,
  });

export const changeMyPassword = (currentPassword: string, newPassword: string) =>
  answer(api.POST('/me/password', { body: { currentPassword, newPassword } }));

export const startMyEnrolment = () => answer<TotpEnrolment>(api.POST('/me/second-factor/enrolment'));

export const enableMySecondFactor = (code: string) => answer(api.POST('/me/second-factor', { body: { code } }));

export const disableMySecondFactor = (password: string) =>
  answer(api.POST('/me/second-factor/disable', { body: { password } }));

export const regenerateMyRecoveryCodes = (code: string) =>
  answer(api.POST('/me/second-factor/recovery-codes', { body: { code } }));

export const revokeMySession = (id: string) =>
  answer(api.DELETE('/me/sessions/{loginSessionID}', { params: { path: { loginSessionID: id } } }));

export const revokeMyOtherSessions = () => answer(api.POST('/me/sessions/revoke-others'));
