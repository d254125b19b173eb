import { describe, expect, it } from 'vitest';
import { makeUser } from '../../test/fakeApi';
import { canPlan } from './access';

const programmeId = 'p1';
const cohort = { id: 'c1', programmeId };
const grant = (role: 'participant' | 'facilitator' | 'reviewer', cohortId: string | null, programme = programmeId) => ({
  role,
  programmeId: programme,
  programmeName: 'Leergang',
  cohortId,
  cohortName: cohortId,
});

describe('who is offered the planner', () => {
  it.each([
    ['an admin', makeUser({ isAdmin: true, grants: [] }), true],
    ['a facilitator of the cohort', makeUser({ grants: [grant('facilitator', 'c1')] }), true],
    ['a facilitator of the whole programme', makeUser({ grants: [grant('facilitator', null)] }), true],
    ['a facilitator of another cohort', makeUser({ grants: [grant('facilitator', 'c2')] }), false],
    ['a facilitator of another programme', makeUser({ grants: [grant('facilitator', null, 'p2')] }), false],
    ['a participant of the cohort', makeUser({ grants: [grant('participant', 'c1')] }), false],
    ['a reviewer of the programme', makeUser({ grants: [grant('reviewer', null)] }), false],
  ])('%s: %s', (_name, user, expected) => {
    expect(canPlan(user, cohort)).toBe(expected);
  });
});
