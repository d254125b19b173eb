import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type CoachingOverview = Schemas['CoachingOverview'];
export type CoachingLine = Schemas['CoachingLine'];
export type AspectCoverage = Schemas['AspectCoverage'];
export type CoverageGroup = AspectCoverage['groups'][number];
export type ParticipantGoals = Schemas['ParticipantGoals'];
export type Goal = Schemas['Goal'];
export type GoalStatus = Schemas['GoalStatus'];
export type GoalModule = Schemas['GoalModule'];
export type Reflection = Schemas['Reflection'];
export type ReflectionPage = Schemas['ReflectionPage'];
export type Visibility = Schemas['Visibility'];

/** The goal statuses in the order a participant goes through them. */
export const goalStatuses: GoalStatus[] = ['draft', 'active', 'achieved', 'dropped'];
