import { useQueries } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import type { CohortOverview, Me } from '../../api/types';
import { grantsFor } from '../../auth/roles';
import { splitCohorts } from '../cohorts/current';
import { cohortQuery } from '../cohorts/queries';

export type ParticipantCohorts =
  | { status: 'none' }
  | { status: 'loading' }
  | {
      status: 'ready';
      /** The cohort to show: the one in ?groep= when the person takes part in it, else the current one. */
      cohort: CohortOverview | null;
      /** Every cohort that loaded, newest first, for the picker. */
      cohorts: CohortOverview[];
      errors: Error[];
    };

export function participantCohortIds(user: Me): string[] {
  return [...new Set(grantsFor(user, 'participant').flatMap((grant) => grant.cohortId ?? []))];
}

/** The cohorts a participant takes or took part in, and which one a page is about (?groep=<cohortId>). */
export function useParticipantCohorts(user: Me): ParticipantCohorts {
  const [params] = useSearchParams();
  const ids = participantCohortIds(user);
  const results = useQueries({ queries: ids.map((id) => cohortQuery(id)) });
  if (ids.length === 0) return { status: 'none' };
  // Wait for all: which one is current depends on every one of them.
  if (results.some((result) => result.isPending)) return { status: 'loading' };
  const cohorts = results.flatMap((result) => result.data ?? []);
  const chosen = cohorts.find((cohort) => cohort.id === params.get('groep'));
  return {
    status: 'ready',
    cohort: chosen ?? splitCohorts(cohorts).current,
    cohorts: [...cohorts].sort((a, b) => b.startsOn.localeCompare(a.startsOn)),
    errors: results.flatMap((result) => result.error ?? []),
  };
}
