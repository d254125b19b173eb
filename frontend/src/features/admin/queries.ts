import { queryOptions } from '@tanstack/react-query';
import { answer, ifMatch } from '../../api/answer';
import { api } from '../../api/client';
import type {
  CohortModules,
  CohortModulesInput,
  CohortPatch,
  CohortStatus,
  CohortSummary,
  NewCohort,
  NewGrant,
  NewPerson,
  NewProgramme,
  Person,
  Programme,
  ProgrammePatch,
  ProgrammeSummary,
  RoleGrant,
} from './types';

export const adminKeys = {
  all: ['admin'] as const,
  programmes: () => [...adminKeys.all, 'programmes'] as const,
  programme: (id: string) => [...adminKeys.all, 'programme', id] as const,
  cohorts: (programmeId: string) => [...adminKeys.programme(programmeId), 'cohorts'] as const,
  grants: (programmeId: string) => [...adminKeys.programme(programmeId), 'grants'] as const,
  people: (query: string) => [...adminKeys.all, 'people', query] as const,
  cohortModules: (cohortId: string) => [...adminKeys.all, 'cohort-modules', cohortId] as const,
};

export const programmesQuery = () =>
  queryOptions({
    queryKey: adminKeys.programmes(),
    queryFn: async (): Promise<ProgrammeSummary[]> => (await answer(api.GET('/programmes'))).programmes,
  });

export const programmeQuery = (id: string) =>
  queryOptions({
    queryKey: adminKeys.programme(id),
    queryFn: () => answer(api.GET('/programmes/{programmeID}', { params: { path: { programmeID: id } } })),
  });

export const programmeCohortsQuery = (programmeId: string) =>
  queryOptions({
    queryKey: adminKeys.cohorts(programmeId),
    queryFn: async (): Promise<CohortSummary[]> =>
      (await answer(api.GET('/programmes/{programmeID}/cohorts', { params: { path: { programmeID: programmeId } } })))
        .cohorts,
  });

export const grantsQuery = (programmeId: string) =>
  queryOptions({
    queryKey: adminKeys.grants(programmeId),
    queryFn: async (): Promise<RoleGrant[]> =>
      (await answer(api.GET('/programmes/{programmeID}/grants', { params: { path: { programmeID: programmeId } } })))
        .grants,
  });

export const peopleQuery = (query: string) =>
  queryOptions({
    queryKey: adminKeys.people(query),
    queryFn: async (): Promise<Person[]> =>
      (await answer(api.GET('/users', { params: { query: { query } } }))).users,
    enabled: query.trim().length >= 2,
    staleTime: 0,
  });

export const cohortModulesQuery = (cohortId: string) =>
  queryOptions({
    queryKey: adminKeys.cohortModules(cohortId),
    queryFn: () => answer(api.GET('/cohorts/{cohortID}/modules', { params: { path: { cohortID: cohortId } } })),
  });

export const createProgramme = (body: NewProgramme): Promise<Programme> => answer(api.POST('/programmes', { body }));

export const updateProgramme = (programme: Pick<Programme, 'id' | 'version'>, body: ProgrammePatch): Promise<Programme> =>
  answer(
    api.PATCH('/programmes/{programmeID}', {
      params: { path: { programmeID: programme.id }, header: ifMatch(programme.version) },
      body,
    }),
  );

export const createCohort = (programmeId: string, body: NewCohort): Promise<CohortSummary> =>
  answer(api.POST('/programmes/{programmeID}/cohorts', { params: { path: { programmeID: programmeId } }, body }));

export const changeCohortStatus = (cohort: Pick<CohortSummary, 'id' | 'version'>, status: CohortStatus): Promise<CohortSummary> =>
  answer(
    api.POST('/cohorts/{cohortID}/status', {
      params: { path: { cohortID: cohort.id }, header: ifMatch(cohort.version) },
      body: { status },
    }),
  );

export const replaceCohortModules = (
  cohort: Pick<CohortModules, 'cohortId' | 'version'>,
  body: CohortModulesInput,
): Promise<CohortModules> =>
  answer(
    api.PUT('/cohorts/{cohortID}/modules', {
      params: { path: { cohortID: cohort.cohortId }, header: ifMatch(cohort.version) },
      body,
    }),
  );

export const grantRole = (programmeId: string, body: NewGrant): Promise<RoleGrant> =>
  answer(api.POST('/programmes/{programmeID}/grants', { params: { path: { programmeID: programmeId } }, body }));

export const revokeGrant = (grantId: string): Promise<void> =>
  answer(api.DELETE('/grants/{grantID}', { params: { path: { grantID: grantId } } }));

export const createPerson = (body: NewPerson): Promise<Person> => answer(api.POST('/users', { body }));

export const updateCohort = (cohort: Pick<CohortSummary, 'id' | 'version'>, body: CohortPatch): Promise<CohortSummary> =>
  answer(
    api.PATCH('/cohorts/{cohortID}', {
      params: { path: { cohortID: cohort.id }, header: ifMatch(cohort.version) },
      body,
    }),
  );
