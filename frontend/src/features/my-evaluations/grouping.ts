import type { MyEvaluationSummary } from './types';

export interface EvaluationGroups {
  /** Open and not answered, soonest closing first. */
  open: MyEvaluationSummary[];
  /** Not open yet, soonest opening first. */
  upcoming: MyEvaluationSummary[];
  /** Answered or closed, most recent first. */
  done: MyEvaluationSummary[];
}

const byTime = (pick: (evaluation: MyEvaluationSummary) => string, direction: 1 | -1) =>
  (a: MyEvaluationSummary, b: MyEvaluationSummary) => direction * (Date.parse(pick(a)) - Date.parse(pick(b)));

export function groupEvaluations(evaluations: MyEvaluationSummary[]): EvaluationGroups {
  const open = evaluations.filter((evaluation) => evaluation.state === 'open' && !evaluation.submittedAt);
  const upcoming = evaluations.filter((evaluation) => evaluation.state === 'upcoming' && !evaluation.submittedAt);
  const done = evaluations.filter((evaluation) => evaluation.submittedAt || evaluation.state === 'closed');
  return {
    open: open.sort(byTime((evaluation) => evaluation.closesAt, 1)),
    upcoming: upcoming.sort(byTime((evaluation) => evaluation.opensAt, 1)),
    done: done.sort(byTime((evaluation) => evaluation.submittedAt ?? evaluation.closesAt, -1)),
  };
}

/** How many evaluations wait for an answer now. */
export const openCount = (evaluations: MyEvaluationSummary[]) => groupEvaluations(evaluations).open.length;
