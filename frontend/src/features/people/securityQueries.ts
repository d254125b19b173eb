import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { components } from '../../api/schema';
import { answer } from '../../api/answer';

export type UserSecurity = components['schemas']['UserSecurity'];

export const securityKeys = {
  all: ['admin', 'user-security'] as const,
  user: (userId: string) => [...securityKeys.all, userId] as const,
};

/** A person's sign-in state (admins): second factor, active sessions, last login; always fresh. */
export const userSecurityQuery = (userId: string, enabled = true) =>
  queryOptions({
    queryKey: securityKeys.user(userId),
    queryFn: () => answer(api.GET('/admin/users/{userID}/security', { params: { path: { userID: userId } } })),
    enabled: enabled && userId !== '',
    staleTime: 0,
  });

/** Ends every login session of the person; how many were ended. */
export const revokeUserSessions = async (userId: string): Promise<number> =>
  (await answer(api.POST('/admin/users/{userID}/sessions/revoke', { params: { path: { userID: userId } } }))).revoked;

/** Removes the person's second factor (and ends their sessions); 409 for one's own. */
export const resetUserSecondFactor = async (userId: string): Promise<void> => {
  await answer(api.POST('/admin/users/{userID}/second-factor/reset', { params: { path: { userID: userId } } }));
};
