import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type ProgrammeSummary = Schemas['ProgrammeSummary'];
export type Programme = Schemas['Programme'];
export type TemplateModule = Schemas['TemplateModule'];
export type NewProgramme = Schemas['NewProgramme'];
export type ProgrammePatch = Schemas['ProgrammePatch'];
export type CohortSummary = Schemas['CohortSummary'];
export type CohortStatus = Schemas['CohortStatus'];
export type NewCohort = Schemas['NewCohort'];
export type CohortModules = Schemas['CohortModules'];
export type EditableModule = Schemas['EditableModule'];
export type CohortModulesInput = Schemas['CohortModulesInput'];
export type RoleGrant = Schemas['RoleGrant'];
export type NewGrant = Schemas['NewGrant'];
export type Person = Schemas['Person'];
export type NewPerson = Schemas['NewPerson'];
export type CohortPatch = Schemas['CohortPatch'];
