import { describe, expect, it } from 'vitest';
import { groupGoals, progressOf } from './progress';
import { goalId, makeGoal, makeStep, modules, participantGoals } from './testData';

const step = (n: number, done: boolean) => makeStep({ id: `00000000-0000-4000-8000-0000000d000${n}`, position: n, done });

describe('goal grouping and progress', () => {
  it('puts goals for the whole programme first, then every module in order, also modules without goals', () => {
    const whole = makeGoal({ id: 'g-whole', moduleId: null, moduleTitle: null });
    const third = makeGoal({ id: 'g-third' });
    const first = makeGoal({ id: 'g-first', moduleId: modules[0]!.id, moduleTitle: modules[0]!.title });
    // The server's module list may come in any order; positions decide.
    const data = { ...participantGoals([third, whole, first]), modules: [...participantGoals([]).modules].reverse() };

    const groups = groupGoals(data);

    expect(groups.map((group) => group.module?.position ?? null)).toEqual([null, 1, 2, 3, 4, 5]);
    expect(groups.map((group) => group.goals.map((goal) => goal.id))).toEqual([['g-whole'], ['g-first'], [], ['g-third'], [], []]);
  });

  it('keeps a goal whose module is gone with the whole programme instead of hiding it', () => {
    const orphan = makeGoal({ id: 'g-orphan', moduleId: '00000000-0000-4000-8000-00000000ffff', moduleTitle: 'Vervallen module' });
    const groups = groupGoals(participantGoals([orphan]));
    expect(groups[0]!.goals.map((goal) => goal.id)).toEqual(['g-orphan']);
    expect(groups.slice(1).every((group) => group.goals.length === 0)).toBe(true);
  });

  it('counts achieved goals and ticked steps, leaving dropped goals out of both', () => {
    const progress = progressOf([
      makeGoal({ id: goalId, status: 'achieved', steps: [step(1, true), step(2, true)] }),
      makeGoal({ id: 'g2', status: 'active', steps: [step(1, true), step(2, false), step(3, false)] }),
      makeGoal({ id: 'g3', status: 'draft', steps: [] }),
      makeGoal({ id: 'g4', status: 'dropped', steps: [step(1, true), step(2, false)] }),
    ]);
    expect(progress).toEqual({ goalsAchieved: 1, goalsCounted: 3, stepsDone: 3, stepsTotal: 5 });
  });

  it('gives each module its own progress', () => {
    const groups = groupGoals(
      participantGoals([
        makeGoal({ id: 'a', status: 'achieved', steps: [step(1, true)] }),
        makeGoal({ id: 'b', status: 'active', steps: [step(1, false), step(2, true)] }),
      ]),
    );
    expect(groups[3]!.progress).toEqual({ goalsAchieved: 1, goalsCounted: 2, stepsDone: 2, stepsTotal: 3 });
    expect(groups[1]!.progress).toEqual({ goalsAchieved: 0, goalsCounted: 0, stepsDone: 0, stepsTotal: 0 });
  });
});
