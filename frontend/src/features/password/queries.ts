import { authClient } from '../../api/client';
import { answer } from '../../api/answer';
import type { components } from '../../api/schema';

export type InvitationInfo = components['schemas']['InvitationInfo'];

/** Whose invitation a token is; the server answers 400 with a Dutch explanation for an unknown, used or expired one. */
export const lookupInvitation = (token: string): Promise<InvitationInfo> =>
  answer(authClient.POST('/auth/invitation', { body: { token } }));

export const setPassword = (token: string, password: string): Promise<{ email: string }> =>
  answer(authClient.POST('/auth/set-password', { body: { token, password } }));

/** Asks for a reset mail; the server answers the same 202 for every well-formed address. */
export const requestPasswordReset = (email: string): Promise<{ message: string }> =>
  answer(authClient.POST('/auth/password-reset', { body: { email } }));
