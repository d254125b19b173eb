import type { CohortOverview } from '../../api/types';

const byStart = (a: CohortOverview, b: CohortOverview) => a.startsOn.localeCompare(b.startsOn);
const finished = (cohort: CohortOverview) => cohort.status === 'completed' || cohort.status === 'archived';

export interface ParticipantCohorts {
  /** The one to show first: a running cohort, else the next planned one, else the most recent. */
  current: CohortOverview | null;
  /** Finished cohorts other than the current one, newest first. */
  earlier: CohortOverview[];
  /** Running or planned cohorts other than the current one, soonest first (rare: two at once). */
  other: CohortOverview[];
}

export function splitCohorts(cohorts: CohortOverview[]): ParticipantCohorts {
  const ascending = [...cohorts].sort(byStart);
  const current =
    ascending.findLast((cohort) => cohort.status === 'running') ??
    ascending.find((cohort) => cohort.status === 'planned') ??
    ascending.at(-1) ??
    null;
  const rest = ascending.filter((cohort) => cohort !== current);
  return {
    current,
    earlier: rest.filter(finished).reverse(),
    other: rest.filter((cohort) => !finished(cohort)),
  };
}
