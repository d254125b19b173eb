import { ApiError } from '../../api/ApiError';
import { api } from '../../api/client';
import { asProblem } from '../../api/problem';
import type { components } from '../../api/schema';

export type ErasureReport = components['schemas']['ErasureReport'];

/** Erases a person; confirmEmail must repeat their address (the server checks it too, case-insensitively). */
export async function erasePerson(userId: string, confirmEmail: string): Promise<ErasureReport> {
  const { data, error, response } = await api.POST('/admin/users/{userID}/erase', {
    params: { path: { userID: userId } },
    body: { confirmEmail },
  });
  if (response.ok && data) return data;
  throw new ApiError(response.status, asProblem(error));
}

/** The kinds of data an erasure reports, in the order the report lists them (others follow as they come). */
export const erasureKinds = [
  'goals',
  'goalSteps',
  'reflections',
  'comments',
  'portraits',
  'enrolments',
  'attendance',
  'roleGrants',
  'evaluationSubmissions',
  'evaluationDrafts',
  'moduleChoices',
  'sessionFacilitations',
  'refreshTokens',
  'invitations',
  'calendarFeeds',
  'mails',
  'idempotencyKeys',
  'idempotencyAnswers',
] as const;

export type ErasureKind = (typeof erasureKinds)[number];

export const isErasureKind = (kind: string): kind is ErasureKind => (erasureKinds as readonly string[]).includes(kind);

/** The report's lines: the known kinds in their order, then any the server added, so nothing is left out. */
export function reportLines(removed: Record<string, number>): { kind: string; count: number }[] {
  const known = erasureKinds.filter((kind) => kind in removed).map((kind) => ({ kind, count: removed[kind] ?? 0 }));
  const other = Object.keys(removed)
    .filter((kind) => !isErasureKind(kind))
    .sort()
    .map((kind) => ({ kind, count: removed[kind] ?? 0 }));
  return [...known, ...other];
}

/** The typed confirmation matches the person's address, as the server compares it. */
export const emailMatches = (typed: string, email: string) => typed.trim().toLowerCase() === email.trim().toLowerCase();
