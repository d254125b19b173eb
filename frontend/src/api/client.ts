import createClient, { type Middleware } from 'openapi-fetch';
import { getAccessToken, signIn, signOut } from '../auth/session';
import { retryPolicy, withRetries } from './retry';
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
      // A 503 (database away) or a lost connection is tried again a couple of times before giving up: the server
      // accepts the same refresh token once more when the answer to its first use never arrived.
      for (let attempt = 0; ; attempt++) {
        const delay = retryPolicy.delaysMs[attempt];
        try {
          const { data, response } = await authClient.POST('/auth/refresh');
          if (data) {
            signIn(data);
            return true;
          }
          if (response.status !== 503 || delay === undefined) break;
        } catch {
          if (delay === undefined) break; // still unreachable: the login form reports the network error
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
      signOut();
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

/**
 * Gives every POST a fresh Idempotency-Key unless the caller brought one (a form that keeps its key across the
 * user's own retries): the server replays the first answer for a repeated key, so a retried submit never creates
 * twice. The /auth endpoints have no idempotency layer (and go through authClient anyway).
 */
export const idempotencyKey: Middleware = {
  onRequest({ request, schemaPath }) {
    if (request.method !== 'POST' || schemaPath.startsWith('/auth/') || request.headers.has('Idempotency-Key')) {
      return undefined;
    }
    request.headers.set('Idempotency-Key', crypto.randomUUID());
    return request;
  },
};

/**
 * The client for every authenticated endpoint. The key is set before bearerAuth keeps its copy, so the retry after a
 * refresh carries the same key; transient failures of keyed requests are retried beneath the middleware (in fetch),
 * for the first try and for that retry alike.
 */
export const api = createClient<paths>({
  baseUrl: baseUrl(),
  fetch: withRetries(callFetch),
  credentials: 'same-origin',
});
api.use(idempotencyKey, bearerAuth);
