import { describe, expect, it } from 'vitest';
import type { Grant } from '../api/types';
import { makeUser } from '../test/fakeApi';
import { grantsFor, hasHome, homePathFor, homesFor } from './roles';

const grant = (role: Grant['role'], cohortName: string | null = '2021–2022'): Grant => ({
  role,
  programmeId: '00000000-0000-4000-8000-0000000000a1',
  programmeName: 'Leergang Digitaal Leiderschap',
  cohortId: cohortName ? '00000000-0000-4000-8000-0000000000c1' : null,
  cohortName,
});

describe('role homes', () => {
  it('sends an admin to /beheer, whatever other roles they hold', () => {
    const user = makeUser({ isAdmin: true, grants: [grant('participant'), grant('facilitator')] });
    expect(homePathFor(user)).toBe('/beheer');
    expect(homesFor(user)).toEqual(['admin', 'facilitator', 'participant']);
  });

  it('prefers facilitator over reviewer over participant', () => {
    expect(homePathFor(makeUser({ grants: [grant('participant'), grant('facilitator')] }))).toBe('/begeleider');
    expect(homePathFor(makeUser({ grants: [grant('participant'), grant('reviewer', null)] }))).toBe('/fonds');
    expect(homePathFor(makeUser({ grants: [grant('participant')] }))).toBe('/deelnemer');
  });

  it('gives no home to an account without roles', () => {
    const user = makeUser({ grants: [] });
    expect(homePathFor(user)).toBeNull();
    expect(homesFor(user)).toEqual([]);
  });

  it('checks each home against the grants, not the landing page', () => {
    const user = makeUser({ grants: [grant('facilitator'), grant('participant')] });
    expect(hasHome(user, 'participant')).toBe(true);
    expect(hasHome(user, 'facilitator')).toBe(true);
    expect(hasHome(user, 'reviewer')).toBe(false);
    expect(hasHome(user, 'admin')).toBe(false);
  });

  it('lists only the grants of one role', () => {
    const user = makeUser({ grants: [grant('facilitator', '2022–2023'), grant('participant', '2021–2022')] });
    expect(grantsFor(user, 'participant').map((g) => g.cohortName)).toEqual(['2021–2022']);
  });
});
