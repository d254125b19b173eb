import type { CohortModule, CohortOverview, Grant, SessionSummary } from '../api/types';

// Fixtures shaped like the demo data: the Leergang Digitaal Leiderschap with a completed and a running cohort.
export const programmeId = '00000000-0000-4000-8000-0000000000a1';
export const programmeName = 'Leergang Digitaal Leiderschap';
export const cohort2021Id = '00000000-0000-4000-8000-000000002021';
export const cohort2026Id = '00000000-0000-4000-8000-000000002026';

const moduleTitles = [
  'De gemeentesecretaris in zijn/haar context',
  'Samenwerking en netwerken',
  'Leiderschap aan de organisatie',
  '(Politiek-)bestuurlijk adviseren',
  'Keuzemodule en afsluiting',
];

export function makeModules(cohortNumber: number): CohortModule[] {
  return moduleTitles.map((title, index) => ({
    id: `00000000-0000-4000-8000-${String(cohortNumber * 10 + index + 1).padStart(12, '0')}`,
    position: index + 1,
    key: `module-${index + 1}`,
    title,
    description: `Beschrijving van ${title.toLowerCase()}.`,
  }));
}

export function makeSession(overrides: Partial<SessionSummary> = {}): SessionSummary {
  return {
    id: '00000000-0000-4000-8000-00000000e001',
    moduleId: '00000000-0000-4000-8000-000000020263',
    moduleTitle: 'Leiderschap aan de organisatie',
    title: 'Digitaliseren van processen: sturen op digitalisering',
    startsAt: '2026-12-03T12:30:00Z',
    endsAt: '2026-12-03T16:00:00Z',
    venue: 'Stadhuis Amsterdam, Amstel 1, Amsterdam',
    onlineUrl: null,
    status: 'scheduled',
    speakers: [],
    ...overrides,
  };
}

export function makeCohort(overrides: Partial<CohortOverview> = {}): CohortOverview {
  return {
    id: cohort2026Id,
    name: '2026–2027',
    programmeId,
    programmeName,
    startsOn: '2026-09-01',
    endsOn: '2027-06-30',
    status: 'running',
    modules: makeModules(2026),
    upcomingSessions: [makeSession()],
    ...overrides,
  };
}

export const cohort2021 = (): CohortOverview =>
  makeCohort({
    id: cohort2021Id,
    name: '2021–2022',
    startsOn: '2021-09-01',
    endsOn: '2022-03-31',
    status: 'completed',
    modules: makeModules(2021),
    upcomingSessions: [],
  });

export function cohortGrant(role: Grant['role'], cohort: Pick<CohortOverview, 'id' | 'name'>): Grant {
  return { role, programmeId, programmeName, cohortId: cohort.id, cohortName: cohort.name };
}
