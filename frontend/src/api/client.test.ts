import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getAccessToken, getSession, resetSession, signIn } from '../auth/session';
import { fakeApi, json, makeUser, problem, tokenFor } from '../test/fakeApi';
import { api, authClient, logout, refreshSession } from './client';
import { retryPolicy } from './retry';

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

describe('idempotency keys and retries', () => {
  const route = 'POST /api/v1/programmes';
  const programme = { id: '00000000-0000-4000-8000-0000000000a9', name: 'Leergang Wendbaar Werken' };
  const create = () =>
    api.POST('/programmes', { body: { name: 'Leergang Wendbaar Werken', owner: 'Gemeente Kampen', kAnonymity: 5 } });
  const keyOf = (request: Request) => request.headers.get('Idempotency-Key');
  const unreachable = () => {
    throw new TypeError('Failed to fetch');
  };
  /** A handler answering with the given steps in turn, the last one for ever after. */
  const inTurn = (...steps: (() => Response)[]) => {
    let call = 0;
    return () => steps[Math.min(call++, steps.length - 1)]!();
  };
  const busy = (retryAfter: string) =>
    new Response(JSON.stringify({ type: 'about:blank', status: 409, title: 'Verzoek wordt nog verwerkt' }), {
      status: 409,
      headers: { 'Content-Type': 'application/problem+json', 'Retry-After': retryAfter },
    });

  const testSetup = { ...retryPolicy };

  beforeEach(() => {
    resetSession();
    signIn(tokenFor(user, 'token-a'));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    // The product's timing, whatever the shared test setup chose to speed up other tests.
    Object.assign(retryPolicy, { delaysMs: [500, 1500], maxRetryAfterMs: 3000 });
  });

  afterEach(() => {
    vi.useRealTimers();
    Object.assign(retryPolicy, testSetup);
  });

  it('gives every POST a fresh key, but not GETs or the auth endpoints', async () => {
    const { calls } = fakeApi({
      [route]: () => json(programme, 201),
      'GET /api/v1/me': () => json(user),
      'POST /api/v1/auth/logout': () => new Response(null, { status: 204 }),
    });

    await create();
    await create();
    await api.GET('/me');
    await api.POST('/auth/logout');
    await authClient.POST('/auth/logout');

    const [first, second] = calls(route).map(keyOf);
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(second).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).not.toBe(first);
    expect(calls('GET /api/v1/me').map(keyOf)).toEqual([null]);
    expect(calls('POST /api/v1/auth/logout').map(keyOf)).toEqual([null, null]);
  });

  it('keeps the key the caller brought', async () => {
    const submission = 'POST /api/v1/me/evaluations/f1/submission';
    const receipt = { formId: 'f1', submittedAt: '2026-12-04T14:05:00Z', answered: 1 };
    const { calls } = fakeApi({ [submission]: () => json(receipt, 201) });

    await api.POST('/me/evaluations/{formID}/submission', {
      params: { path: { formID: 'f1' }, header: { 'Idempotency-Key': 'poging-van-het-formulier' } },
      body: { answers: {} },
    });

    expect(calls(submission).map(keyOf)).toEqual(['poging-van-het-formulier']);
  });

  it('after a network error sends the same request again with the same key, half a second later', async () => {
    const { calls } = fakeApi({ [route]: inTurn(unreachable, () => json(programme, 201)) });

    const result = create();
    await vi.advanceTimersByTimeAsync(499);
    expect(calls(route)).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    const { data, error } = await result;

    expect(error).toBeUndefined();
    expect(data).toEqual(programme);
    const [first, retry] = calls(route);
    expect(calls(route)).toHaveLength(2);
    expect(keyOf(retry!)).toBe(keyOf(first!));
    expect(await retry!.json()).toEqual({ name: 'Leergang Wendbaar Werken', owner: 'Gemeente Kampen', kAnonymity: 5 });
  });

  it('gives up after two retries (0.5 s, then 1.5 s) and returns the last 503', async () => {
    const { calls } = fakeApi({ [route]: () => problem(503, { title: 'Database niet bereikbaar' }) });

    const result = create();
    await vi.advanceTimersByTimeAsync(500);
    expect(calls(route)).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1499);
    expect(calls(route)).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    const { data, error, response } = await result;

    expect(data).toBeUndefined();
    expect(response.status).toBe(503);
    expect(error).toMatchObject({ title: 'Database niet bereikbaar' });
    expect(calls(route)).toHaveLength(3);
    expect(new Set(calls(route).map(keyOf)).size).toBe(1);
  });

  it('rejects with the network error when the server stays unreachable', async () => {
    const { calls } = fakeApi({ [route]: unreachable });

    const result = create();
    const settled = expect(result).rejects.toThrow('Failed to fetch');
    await vi.advanceTimersByTimeAsync(2000);
    await settled;

    expect(calls(route)).toHaveLength(3);
  });

  it('waits as long as Retry-After asks while the first request with the key still runs, up to 3 s', async () => {
    const { calls } = fakeApi({ [route]: inTurn(() => busy('1'), () => busy('60'), () => json(programme, 201)) });

    const result = create();
    await vi.advanceTimersByTimeAsync(999);
    expect(calls(route)).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls(route)).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(2999);
    expect(calls(route)).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    const { data } = await result;

    expect(data).toEqual(programme);
    expect(new Set(calls(route).map(keyOf)).size).toBe(1);
  });

  it('does not retry other client errors, nor a 409 that is a real conflict', async () => {
    const { calls } = fakeApi({
      [route]: inTurn(
        () => problem(400, { title: 'Ongeldige invoer' }),
        () => problem(409, { title: 'Bestaat al' }),
        () => problem(422, { title: 'Andere inhoud onder dezelfde sleutel' }),
      ),
    });

    expect((await create()).response.status).toBe(400);
    expect((await create()).response.status).toBe(409);
    expect((await create()).response.status).toBe(422);
    expect(calls(route)).toHaveLength(3);
  });

  it('does not retry a request without a key', async () => {
    const { calls } = fakeApi({ 'GET /api/v1/me': () => problem(503, { title: 'Database niet bereikbaar' }) });

    const { response } = await api.GET('/me');

    expect(response.status).toBe(503);
    expect(calls('GET /api/v1/me')).toHaveLength(1);
  });

  it('does not retry a request the caller aborted', async () => {
    const { calls } = fakeApi({ [route]: unreachable });
    const abort = new AbortController();

    const result = api.POST('/programmes', { body: { name: 'X', owner: 'Y', kAnonymity: 5 }, signal: abort.signal });
    const settled = expect(result).rejects.toThrow();
    abort.abort();
    await vi.advanceTimersByTimeAsync(2000);
    await settled;

    expect(calls(route)).toHaveLength(1);
  });

  it('keeps the key on the retry after a refresh, and retries that one too when it fails in transit', async () => {
    signIn(tokenFor(user, 'expired'));
    const { calls } = fakeApi({
      [route]: inTurn(() => problem(401, { title: 'Niet ingelogd' }), unreachable, () => json(programme, 201)),
      'POST /api/v1/auth/refresh': () => json(tokenFor(user, 'fresh')),
    });

    const result = create();
    await vi.advanceTimersByTimeAsync(500);
    const { data } = await result;

    expect(data).toEqual(programme);
    expect(calls(route).map(bearer)).toEqual(['Bearer expired', 'Bearer fresh', 'Bearer fresh']);
    expect(new Set(calls(route).map(keyOf)).size).toBe(1);
    expect(keyOf(calls(route)[0]!)).not.toBeNull();
    expect(calls('POST /api/v1/auth/refresh')).toHaveLength(1);
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

  it('tries a refresh again while the database is away (503) or the answer is lost, then signs in', async () => {
    let attempts = 0;
    const { calls } = fakeApi({
      'POST /api/v1/auth/refresh': () => {
        attempts += 1;
        if (attempts === 1) return problem(503, { title: 'Tijdelijk niet beschikbaar' });
        if (attempts === 2) throw new TypeError('Failed to fetch');
        return json(tokenFor(user, 'after-outage'));
      },
    });

    await expect(refreshSession()).resolves.toBe(true);

    expect(calls('POST /api/v1/auth/refresh')).toHaveLength(3);
    expect(getAccessToken()).toBe('after-outage');
  });

  it('gives up on a refresh after three 503s and is signed out', async () => {
    const { calls } = fakeApi({ 'POST /api/v1/auth/refresh': () => problem(503, { title: 'Tijdelijk niet beschikbaar' }) });

    await expect(refreshSession()).resolves.toBe(false);

    expect(calls('POST /api/v1/auth/refresh')).toHaveLength(3);
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
