import { beforeEach, describe, expect, it } from 'vitest';
import { getAccessToken, getSession, resetSession, signIn } from '../auth/session';
import { fakeApi, json, makeUser, problem, tokenFor } from '../test/fakeApi';
import { api, logout, refreshSession } from './client';

const user = makeUser();
const bearer = (request: Request) => request.headers.get('Authorization');

describe('api client', () => {
  beforeEach(() => {
    resetSession();
  });

  it('sends the in-memory access token as a bearer token', async () => {
    signIn(tokenFor(user, 'token-a'));
    const { calls } = fakeApi({ 'GET /api/v1/me': () => json(user) });

    const { data } = await api.GET('/me');

    expect(data).toEqual(user);
    expect(calls('GET /api/v1/me').map(bearer)).toEqual(['Bearer token-a']);
  });

  it('on a 401 refreshes once and retries the request with the new token', async () => {
    signIn(tokenFor(user, 'expired'));
    const { calls } = fakeApi({
      'GET /api/v1/me': (request) => (bearer(request) === 'Bearer fresh' ? json(user) : problem(401, { title: 'Niet ingelogd' })),
      'POST /api/v1/auth/refresh': () => json(tokenFor(user, 'fresh')),
    });

    const { data, error } = await api.GET('/me');

    expect(error).toBeUndefined();
    expect(data).toEqual(user);
    expect(calls('GET /api/v1/me').map(bearer)).toEqual(['Bearer expired', 'Bearer fresh']);
    const [refresh] = calls('POST /api/v1/auth/refresh');
    expect(refresh?.headers.get('Authorization')).toBeNull(); // the cookie authenticates a refresh, not the token
    expect(getAccessToken()).toBe('fresh');
  });

  it('retries a request body intact', async () => {
    signIn(tokenFor(user, 'expired'));
    const seen: string[] = [];
    fakeApi({
      'POST /api/v1/auth/login': async (request) => {
        seen.push(await request.text());
        return bearer(request) === 'Bearer fresh' ? json(tokenFor(user)) : problem(401, { title: 'Niet ingelogd' });
      },
      'POST /api/v1/auth/refresh': () => json(tokenFor(user, 'fresh')),
    });

    // Any JSON endpoint will do to show the body survives the retry; login is the one with a body today.
    await api.POST('/auth/login', { body: { email: 'a@b.nl', password: 'geheim' } });

    expect(seen).toEqual([
      JSON.stringify({ email: 'a@b.nl', password: 'geheim' }),
      JSON.stringify({ email: 'a@b.nl', password: 'geheim' }),
    ]);
  });

  it('shares one refresh between concurrent 401s, because a reused refresh token revokes the session', async () => {
    signIn(tokenFor(user, 'expired'));
    const { calls } = fakeApi({
      'GET /api/v1/me': (request) => (bearer(request) === 'Bearer fresh' ? json(user) : problem(401, { title: 'Niet ingelogd' })),
      'POST /api/v1/auth/refresh': async () => {
        await new Promise((resolve) => setTimeout(resolve, 10));
        return json(tokenFor(user, 'fresh'));
      },
    });

    const results = await Promise.all([api.GET('/me'), api.GET('/me'), api.GET('/me')]);

    expect(results.map((result) => result.data)).toEqual([user, user, user]);
    expect(calls('POST /api/v1/auth/refresh')).toHaveLength(1);
  });

  it('signs out and returns the original 401 when the refresh fails', async () => {
    signIn(tokenFor(user, 'expired'));
    const { calls } = fakeApi({
      'GET /api/v1/me': () => problem(401, { title: 'Niet ingelogd', code: 'unauthorized' }),
      'POST /api/v1/auth/refresh': () => problem(401, { title: 'Sessie verlopen' }),
    });

    const { data, error, response } = await api.GET('/me');

    expect(data).toBeUndefined();
    expect(response.status).toBe(401);
    expect(error).toMatchObject({ title: 'Niet ingelogd', code: 'unauthorized' });
    expect(calls('GET /api/v1/me')).toHaveLength(1);
    expect(getSession()).toEqual({ status: 'signedOut' });
  });

  it('retries only once, so a server that keeps refusing cannot cause a loop', async () => {
    signIn(tokenFor(user, 'expired'));
    const { calls } = fakeApi({
      'GET /api/v1/me': () => problem(401, { title: 'Niet ingelogd' }),
      'POST /api/v1/auth/refresh': () => json(tokenFor(user, 'fresh')),
    });

    const { response } = await api.GET('/me');

    expect(response.status).toBe(401);
    expect(calls('GET /api/v1/me')).toHaveLength(2);
    expect(calls('POST /api/v1/auth/refresh')).toHaveLength(1);
  });

  it('leaves other errors alone', async () => {
    signIn(tokenFor(user, 'token-a'));
    const { calls } = fakeApi({ 'GET /api/v1/me': () => problem(403, { title: 'Geen toegang' }) });

    const { response } = await api.GET('/me');

    expect(response.status).toBe(403);
    expect(calls('POST /api/v1/auth/refresh')).toHaveLength(0);
    expect(getAccessToken()).toBe('token-a');
  });
});

describe('session restore and logout', () => {
  beforeEach(() => {
    resetSession();
  });

  it('restores the session from the refresh cookie', async () => {
    fakeApi({ 'POST /api/v1/auth/refresh': () => json(tokenFor(user, 'restored')) });

    await expect(refreshSession()).resolves.toBe(true);

    expect(getSession()).toEqual({ status: 'signedIn', user, accessToken: 'restored' });
  });

  it('treats a 401 from refresh as simply not signed in', async () => {
    fakeApi({ 'POST /api/v1/auth/refresh': () => problem(401, { title: 'Niet ingelogd' }) });

    await expect(refreshSession()).resolves.toBe(false);

    expect(getSession()).toEqual({ status: 'signedOut' });
  });

  it('treats an unreachable server as not signed in', async () => {
    fakeApi({
      'POST /api/v1/auth/refresh': () => {
        throw new TypeError('Failed to fetch');
      },
    });

    await expect(refreshSession()).resolves.toBe(false);

    expect(getSession()).toEqual({ status: 'signedOut' });
  });

  it('logs out on the server and forgets the token', async () => {
    signIn(tokenFor(user, 'token-a'));
    const { calls } = fakeApi({ 'POST /api/v1/auth/logout': () => new Response(null, { status: 204 }) });

    await expect(logout()).resolves.toBe(true);

    expect(calls('POST /api/v1/auth/logout')).toHaveLength(1);
    expect(getAccessToken()).toBeNull();
  });

  it('forgets the token even when the server cannot be reached', async () => {
    signIn(tokenFor(user, 'token-a'));
    fakeApi({
      'POST /api/v1/auth/logout': () => {
        throw new TypeError('Failed to fetch');
      },
    });

    await expect(logout()).resolves.toBe(false);

    expect(getSession()).toEqual({ status: 'signedOut' });
  });
});
