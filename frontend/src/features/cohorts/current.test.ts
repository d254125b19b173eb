import { describe, expect, it } from 'vitest';
import type { CohortOverview } from '../../api/types';
import { makeCohort } from '../../test/cohorts';

import { splitCohorts } from './current';

const cohort = (name: string, status: CohortOverview['status'], startsOn: string) =>
  makeCohort({ id: name, name, status, startsOn });

const names = (cohorts: CohortOverview[]) => cohorts.map((c) => c.name);

describe('choosing the current cohort', () => {
  it('puts a running cohort first, whatever else there is', () => {
    const { current, earlier, other } = splitCohorts([
      cohort('2021–2022', 'completed', '2021-09-01'),
      cohort('2028', 'planned', '2028-01-01'),
      cohort('2026–2027', 'running', '2026-09-01'),
      cohort('2019', 'archived', '2019-09-01'),
    ]);

    expect(current?.name).toBe('2026–2027');
    expect(names(earlier)).toEqual(['2021–2022', '2019']); // newest first
    expect(names(other)).toEqual(['2028']);
  });

  it('takes the soonest planned cohort when none is running', () => {
    const { current, other } = splitCohorts([
      cohort('2029', 'planned', '2029-01-01'),
      cohort('2021–2022', 'completed', '2021-09-01'),
      cohort('2028', 'planned', '2028-01-01'),
    ]);

    expect(current?.name).toBe('2028');
    expect(names(other)).toEqual(['2029']);
  });

  it('falls back to the latest cohort when all are over', () => {
    const { current, earlier } = splitCohorts([
      cohort('2023', 'completed', '2023-09-01'),
      cohort('2021–2022', 'completed', '2021-09-01'),
    ]);

    expect(current?.name).toBe('2023');
    expect(names(earlier)).toEqual(['2021–2022']);
  });

  it('has nothing to show for no cohorts', () => {
    expect(splitCohorts([])).toEqual({ current: null, earlier: [], other: [] });
  });
});
