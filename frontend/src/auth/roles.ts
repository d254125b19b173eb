import type { Grant, Me, Role } from '../api/types';

export type HomeKind = 'admin' | Role;

export const homePaths: Record<HomeKind, string> = {
  admin: '/beheer',
  facilitator: '/begeleider',
  reviewer: '/fonds',
  participant: '/deelnemer',
};

// Where a user lands first when they hold several roles: the broadest responsibility wins.
const precedence: HomeKind[] = ['admin', 'facilitator', 'reviewer', 'participant'];

export function hasHome(user: Me, kind: HomeKind): boolean {
  return kind === 'admin' ? user.isAdmin : user.grants.some((grant) => grant.role === kind);
}

/** The homes this user may open, in landing order. */
export function homesFor(user: Me): HomeKind[] {
  return precedence.filter((kind) => hasHome(user, kind));
}

/** The path to land on after login, or null for an account without any role yet. */
export function homePathFor(user: Me): string | null {
  const [first] = homesFor(user);
  return first ? homePaths[first] : null;
}

export function grantsFor(user: Me, role: Role): Grant[] {
  return user.grants.filter((grant) => grant.role === role);
}

/** The cohorts in which this user holds the role, each once. */
export function cohortIdsFor(user: Me, role: Role): string[] {
  return [...new Set(grantsFor(user, role).flatMap((grant) => grant.cohortId ?? []))];
}
