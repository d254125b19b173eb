import type { Me } from '../../api/types';

/**
 * Whether to offer the planner for a cohort: its facilitators (cohort or programme grant) and admins. Only a hint
 * for links; the API decides.
 */
export function canPlan(user: Me, cohort: { id: string; programmeId: string }): boolean {
  return (
    user.isAdmin ||
    user.grants.some(
      (grant) =>
        grant.role === 'facilitator' &&
        grant.programmeId === cohort.programmeId &&
        (grant.cohortId === null || grant.cohortId === undefined || grant.cohortId === cohort.id),
    )
  );
}
