import createClient, { type Middleware } from 'openapi-fetch';
import { getAccessToken, signIn, signOut } from '../auth/session';
import type { paths } from './schema';

// Resolved against the page's origin: the SPA is served by the same binary as the API.
const baseUrl = () => new URL('/api/v1', window.location.origin).href;

// Looked up at call time, not captured at import, so tests can stub globalThis.fetch.
const callFetch: typeof fetch = (input, init) => globalThis.fetch(input, init);

/**
 * For the auth endpoints themselves: no bearer token and no refresh-on-401 (that would recurse). Credentials are
 * same-origin so the httpOnly refresh cookie goes along.
 */
export const authClient = createClient<paths>({ baseUrl: baseUrl(), fetch: callFetch, credentials: 'same-origin' });

let refreshing: Promise<boolean> | null = null;

/**
 * Exchanges the httpOnly refresh cookie for a new access token. Concurrent callers share one request: the
 * refresh token rotates on every use and presenting a used one revokes the whole session, so two parallel
 * refreshes would sign the user out.
 */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      const { data } = await authClient.POST('/auth/refresh');
      if (data) {
        signIn(data);
        return true;
      }
      signOut();
      return false;
    } catch {
      signOut(); // server unreachable: treat as signed out; the login form reports the network error
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** Revokes the refresh cookie on the server; returns false when the server could not confirm that. */
export async function logout(): Promise<boolean> {
  try {
    const { response } = await authClient.POST('/auth/logout');
    return response.ok;
  } catch {
    return false;
  } finally {
    signOut(); // forget the token locally in any case
  }
}

// Per request: an unsent copy (a sent Request's body is used up) and the token it went out with.
const pending = new Map<string, { copy: Request; token: string | null }>();

export const bearerAuth: Middleware = {
  onRequest({ request, id }) {
    const token = getAccessToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    pending.set(id, { copy: request.clone(), token });
    return request;
  },
  async onResponse({ response, id, options }) {
    const sent = pending.get(id);
    pending.delete(id);
    if (response.status !== 401 || !sent) return undefined;
    // Another request may already have refreshed while this one was in flight; only refresh when it has not.
    if (getAccessToken() === sent.token && !(await refreshSession())) return undefined;
    const token = getAccessToken();
    if (!token) return undefined;
    sent.copy.headers.set('Authorization', `Bearer ${token}`);
    return options.fetch(sent.copy); // retried once, outside the middleware chain, so it cannot loop
  },
  onError({ id }) {
    pending.delete(id);
  },
};

/** The client for every authenticated endpoint. */
export const api = createClient<paths>({ baseUrl: baseUrl(), fetch: callFetch, credentials: 'same-origin' });
api.use(bearerAuth);
