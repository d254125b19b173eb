// Where the evaluation pages live, for links from this feature and others.
export const templatesPath = (programmeId: string) => `/beheer/leergangen/${programmeId}/evaluaties`;
export const newFormPath = (programmeId: string) => `/beheer/leergangen/${programmeId}/evaluaties/nieuw`;
export const formPath = (formId: string) => `/beheer/evaluatieformulieren/${formId}`;
export const cohortFormsPath = (cohortId: string) => `/groepen/${cohortId}/evaluaties`;
export const progressPath = (cohortId: string, formId: string) => `/groepen/${cohortId}/evaluaties/${formId}`;
/** The evaluation report of a programme, narrowed to one cohort (another feature's page). */
export const reportPath = (programmeId: string, cohortId?: string) =>
  `/leergangen/${programmeId}/evaluatierapport${cohortId ? `?groep=${cohortId}` : ''}`;
