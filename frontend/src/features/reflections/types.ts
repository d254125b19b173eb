import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type Reflection = Schemas['Reflection'];
export type ReflectionDetail = Schemas['ReflectionDetail'];
export type ReflectionPage = Schemas['ReflectionPage'];
export type ReflectionInput = Schemas['ReflectionInput'];
export type ReflectionPatch = Schemas['ReflectionPatch'];
export type Visibility = Schemas['Visibility'];
export type Comment = Schemas['Comment'];

/** From the most private to the most open: the order the choice is offered in. */
export const visibilities: Visibility[] = ['private', 'facilitators', 'cohort'];

/** The logbook's filters, as in the URL. */
export interface LogbookFilters {
  cohortId?: string | undefined;
  moduleId?: string | undefined;
  visibility?: Visibility | undefined;
  q?: string | undefined;
}
