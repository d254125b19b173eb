import type { CohortStatus } from './types';

/**
 * The steps an admin can take from each status, as the server allows them: forward through planned → running →
 * completed → archived, and a completed cohort can be reopened. Archiving is final.
 */
export const statusSteps: Record<CohortStatus, CohortStatus[]> = {
  planned: ['running'],
  running: ['completed'],
  completed: ['running', 'archived'],
  archived: [],
};
