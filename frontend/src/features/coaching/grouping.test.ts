import { describe, expect, it } from 'vitest';
import { groupGoals } from './grouping';
import { makeGoal, makeParticipantGoals, moduleIds } from './testData';

describe('grouping a participant’s goals per module', () => {
  it('puts the whole programme first, then every module in order, counting without dropped goals', () => {
    const goals = [
      makeGoal({ id: 'g1', moduleId: moduleIds[0]!, status: 'achieved', stepsDone: 2, stepsTotal: 2 }),
      makeGoal({ id: 'g2', moduleId: null, status: 'active', stepsDone: 1, stepsTotal: 3 }),
      makeGoal({ id: 'g3', moduleId: moduleIds[0]!, status: 'dropped', stepsDone: 0, stepsTotal: 5 }),
      makeGoal({ id: 'g4', moduleId: moduleIds[0]!, status: 'active', stepsDone: 1, stepsTotal: 4 }),
    ];
    const groups = groupGoals(makeParticipantGoals(goals));

    expect(groups.map((group) => [group.title, group.goals.map((goal) => goal.id)])).toEqual([
      [null, ['g2']],
      ['De gemeentesecretaris in zijn/haar context', ['g1', 'g3', 'g4']],
      ['Samenwerking en netwerken', []],
    ]);
    expect(groups[1]).toMatchObject({ achieved: 1, counted: 2, stepsDone: 3, stepsTotal: 6 });
  });

  it('leaves out the whole-programme group when no goal is about the whole programme', () => {
    const groups = groupGoals(makeParticipantGoals([makeGoal({ moduleId: moduleIds[1]! })]));
    expect(groups.map((group) => group.moduleId)).toEqual([moduleIds[0], moduleIds[1]]);
  });
});
