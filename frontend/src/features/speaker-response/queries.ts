import { ApiError } from '../../api/ApiError';
import { authClient } from '../../api/client';
import { asProblem } from '../../api/problem';
import type { components } from '../../api/schema';

export type Invitation = components['schemas']['SpeakerInvitation'];

// The speaker has no account: these calls go without a bearer token and never try to refresh one. They are not
// cached in React Query either, whose cache is emptied whenever nobody is signed in, which a speaker never is.

export async function fetchInvitation(token: string, signal?: AbortSignal): Promise<Invitation> {
  const { data, error, response } = await authClient.GET('/speaker-invitations/{token}', {
    params: { path: { token } },
    ...(signal ? { signal } : {}),
  });
  if (data) return data;
  throw new ApiError(response.status, asProblem(error));
}

export async function answerInvitation(token: string, response: 'confirm' | 'decline'): Promise<Invitation> {
  const { data, error, response: res } = await authClient.POST('/speaker-invitations/{token}', {
    params: { path: { token } },
    body: { response },
  });
  if (data) return data;
  throw new ApiError(res.status, asProblem(error));
}
