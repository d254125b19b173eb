import { vi } from 'vitest';
import type { Me, Problem, TokenResponse } from '../api/types';

type Handler = (request: Request) => Response | Promise<Response>;

/**
 * Replaces global fetch with a tiny fake server: handlers keyed by "METHOD /path". Every request is recorded
 * (as a clone, so tests can read bodies and headers); unknown routes answer 404 so a test never hangs.
 */
export function fakeApi(routes: Record<string, Handler>) {
  const requests: Request[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    requests.push(request.clone());
    const handler = routes[`${request.method} ${new URL(request.url).pathname}`];
    return handler ? handler(request) : problem(404, { title: 'Niet gevonden' });
  });
  vi.stubGlobal('fetch', fetchMock);
  const calls = (route: string) =>
    requests.filter((request) => `${request.method} ${new URL(request.url).pathname}` === route);
  return { fetchMock, requests, calls };
}

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

export function problem(status: number, fields: Partial<Problem> & { title: string }): Response {
  return new Response(JSON.stringify({ type: 'about:blank', status, ...fields }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

export function makeUser(overrides: Partial<Me> = {}): Me {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    email: 'nico.middelbos@kampen.example',
    name: 'Nico Middelbos',
    isAdmin: false,
    locale: 'nl',
    grants: [
      {
        role: 'participant',
        programmeId: '00000000-0000-4000-8000-0000000000a1',
        programmeName: 'Leergang Digitaal Leiderschap',
        cohortId: '00000000-0000-4000-8000-0000000000c1',
        cohortName: '2021–2022',
      },
    ],
    ...overrides,
  };
}

export function tokenFor(user: Me, accessToken = 'access-1'): TokenResponse {
  return { accessToken, tokenType: 'Bearer', expiresIn: 900, user };
}
