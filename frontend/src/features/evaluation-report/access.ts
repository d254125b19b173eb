import type { Me } from '../../api/types';

/** Admins and the programme's reviewers read the whole programme; facilitators one cohort they run at a time. */
export function readsWholeProgramme(user: Me, programmeId: string): boolean {
  return user.isAdmin || user.grants.some((grant) => grant.role === 'reviewer' && grant.programmeId === programmeId);
}

/** The cohort a facilitator's report opens on when the link named none: the first cohort they run here. */
export function facilitatedCohort(user: Me, programmeId: string): string | undefined {
  return user.grants.find((grant) => grant.role === 'facilitator' && grant.programmeId === programmeId && grant.cohortId)
    ?.cohortId ?? undefined;
}

/** The page's address, with the cohort filter when there is one. */
export function reportPath(programmeId: string, cohortId?: string | null): string {
  return `/leergangen/${programmeId}/evaluatierapport${cohortId ? `?groep=${encodeURIComponent(cohortId)}` : ''}`;
}
