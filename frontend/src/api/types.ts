import type { components } from './schema';

export type Me = components['schemas']['Me'];
export type Grant = components['schemas']['Grant'];
export type Role = components['schemas']['Role'];
export type Problem = components['schemas']['Problem'];
export type FieldError = components['schemas']['FieldError'];
export type TokenResponse = components['schemas']['TokenResponse'];
export type CohortOverview = components['schemas']['CohortOverview'];
export type CohortModule = components['schemas']['Module'];
export type SessionSummary = components['schemas']['SessionSummary'];
