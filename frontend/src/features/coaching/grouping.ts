import type { Goal, ParticipantGoals } from './types';

export interface GoalGroup {
  /** The module's id, or null for goals about the whole programme. */
  moduleId: string | null;
  /** The module's title; null for the whole programme (the page names that group itself). */
  title: string | null;
  goals: Goal[];
  /** Achieved goals, and the goals that count: dropped ones do not. */
  achieved: number;
  counted: number;
  stepsDone: number;
  stepsTotal: number;
}

function group(moduleId: string | null, title: string | null, goals: Goal[]): GoalGroup {
  const counted = goals.filter((goal) => goal.status !== 'dropped');
  return {
    moduleId,
    title,
    goals,
    achieved: counted.filter((goal) => goal.status === 'achieved').length,
    counted: counted.length,
    stepsDone: counted.reduce((sum, goal) => sum + goal.stepsDone, 0),
    stepsTotal: counted.reduce((sum, goal) => sum + goal.stepsTotal, 0),
  };
}

/**
 * The goals per module, as the participant arranged them: the whole programme first (only when it has goals),
 * then every module in order, so that a module without goals shows as such. Goals keep the server's order.
 */
export function groupGoals({ modules, goals }: Pick<ParticipantGoals, 'modules' | 'goals'>): GoalGroup[] {
  const known = new Set(modules.map((module) => module.id));
  // A goal whose module is unknown (should not happen) is shown with the whole programme rather than lost.
  const general = goals.filter((goal) => goal.moduleId === null || !known.has(goal.moduleId));
  const groups = [...modules]
    .sort((a, b) => a.position - b.position)
    .map((module) => group(module.id, module.title, goals.filter((goal) => goal.moduleId === module.id)));
  return general.length > 0 ? [group(null, null, general), ...groups] : groups;
}
