import type { Goal, ParticipantGoals } from './types';

/** How far a set of goals is: achieved goals and ticked-off steps. */
export interface Progress {
  goalsAchieved: number;
  /** Goals that count: a dropped goal was let go on purpose and is no longer something to achieve. */
  goalsCounted: number;
  stepsDone: number;
  stepsTotal: number;
}

export interface GoalGroup {
  /** null: goals for the whole programme. */
  moduleId: string | null;
  /** The module's position and title; null for the whole programme. */
  module: { position: number; title: string } | null;
  goals: Goal[];
  progress: Progress;
}

export function progressOf(goals: Goal[]): Progress {
  const counted = goals.filter((goal) => goal.status !== 'dropped');
  return {
    goalsAchieved: counted.filter((goal) => goal.status === 'achieved').length,
    goalsCounted: counted.length,
    stepsDone: counted.reduce((sum, goal) => sum + goal.stepsDone, 0),
    stepsTotal: counted.reduce((sum, goal) => sum + goal.stepsTotal, 0),
  };
}

/**
 * The goals by module: those for the whole programme first, then every module of the cohort in order, also
 * the ones without goals yet (the page invites a goal there). Within a group the server's order stays.
 */
export function groupGoals({ modules, goals }: Pick<ParticipantGoals, 'modules' | 'goals'>): GoalGroup[] {
  const ordered = [...modules].sort((a, b) => a.position - b.position);
  const known = new Set(ordered.map((module) => module.id));
  const group = (moduleId: string | null, module: GoalGroup['module'], members: Goal[]): GoalGroup => ({
    moduleId,
    module,
    goals: members,
    progress: progressOf(members),
  });
  // A goal whose module the list does not name (removed from the cohort) is shown with the whole programme
  // rather than hidden.
  const whole = goals.filter((goal) => goal.moduleId === null || !known.has(goal.moduleId));
  return [
    group(null, null, whole),
    ...ordered.map((module) =>
      group(
        module.id,
        { position: module.position, title: module.title },
        goals.filter((goal) => goal.moduleId === module.id),
      ),
    ),
  ];
}
