import { refreshSession } from './api/client';
import { startEarly } from './api/early';
import type { Me } from './api/types';
import { cohortIdsFor, homePathFor, homePaths } from './auth/roles';
import { getSession, subscribe } from './auth/session';
import { cohortKeys, fetchCohort } from './features/cohorts/api';
import { splitCohorts } from './features/cohorts/current';
import { fetchMyGoals, goalKeys } from './features/goals/api';
import { fetchMyEvaluations, myEvaluationKeys } from './features/my-evaluations/api';

/**
 * Restores the session from the refresh cookie and, for a participant opening their home, asks for what the home
 * shows the moment the session is known: the same requests the home makes (it takes these answers, see
 * api/early.ts), only started while React and the page's code are still downloading. Kept free of React and React
 * Query for that reason: this module is part of the small entry chunk. Settles once the session is known.
 */
export function startFirstPage(pathname: string): Promise<unknown> {
  // Subscribed before the app exists, so this runs before any page can react to the session and ask itself.
  const unsubscribe = subscribe(() => {
    const session = getSession();
    if (session.status === 'loading') return;
    unsubscribe();
    if (session.status !== 'signedIn') return;
    const page = pathname === '/' ? homePathFor(session.user) : pathname.replace(/(.)\/+$/, '$1');
    if (page === homePaths.participant) startParticipantHome(session.user);
  });
  return refreshSession();
}

function startParticipantHome(user: Me): void {
  const cohorts = cohortIdsFor(user, 'participant').map((id) => {
    const cohort = fetchCohort(id);
    startEarly(cohortKeys.detail(id), () => cohort);
    return cohort;
  });
  startEarly(myEvaluationKeys.list(), fetchMyEvaluations);
  // The goals shown are those of the current cohort, which is known once every cohort is in (as on the home).
  Promise.all(cohorts).then(
    (all) => {
      const { current } = splitCohorts(all);
      if (current) startEarly(goalKeys.mine(current.id, user.id), () => fetchMyGoals(current.id, user.id));
    },
    () => undefined, // the home reports the failed cohort itself
  );
}
