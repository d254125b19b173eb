import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type Goal = Schemas['Goal'];
export type GoalStep = Schemas['GoalStep'];
export type GoalStatus = Schemas['GoalStatus'];
export type GoalInput = Schemas['GoalInput'];
export type GoalPatch = Schemas['GoalPatch'];
export type GoalStepPatch = Schemas['GoalStepPatch'];
export type GoalModule = Schemas['GoalModule'];
export type ParticipantGoals = Schemas['ParticipantGoals'];
export type Framework = Schemas['Framework'];
export type FrameworkGroup = Schemas['FrameworkGroup'];

/** The statuses in the order a goal usually goes through them. */
export const goalStatuses: GoalStatus[] = ['draft', 'active', 'achieved', 'dropped'];
