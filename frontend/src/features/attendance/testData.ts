import { cohort2026Id, makeModules, programmeName } from '../../test/cohorts';
import type { AttendanceRecord, AttendanceTally, CohortAttendance, SessionAttendance, SessionAttendanceSummary } from './types';

// Test data shaped like the demo's 2026–2027 cohort: two sessions held, one ahead.
export const heldSessionId = '00000000-0000-4000-8000-00000000a002';
export const earlierSessionId = '00000000-0000-4000-8000-00000000a001';
export const futureSessionId = '00000000-0000-4000-8000-00000000a003';
export const nico = '00000000-0000-4000-8000-0000000000b1';
export const annemiek = '00000000-0000-4000-8000-0000000000b2';
export const joost = '00000000-0000-4000-8000-0000000000b3';

const [context, netwerken] = makeModules(2026);

export function tally(held: number, present: number, excused: number, absent: number, unrecorded: number): AttendanceTally {
  return {
    held,
    present,
    excused,
    absent,
    unrecorded,
    rate: held > 0 ? present / held : null,
    rateExcludingExcused: held - excused > 0 ? present / (held - excused) : null,
  };
}

function summary(overrides: Partial<SessionAttendanceSummary>): SessionAttendanceSummary {
  return {
    id: heldSessionId,
    moduleId: context!.id,
    moduleTitle: context!.title,
    title: 'Datagericht werken in de praktijk',
    startsAt: '2026-10-08T11:30:00Z',
    endsAt: '2026-10-08T15:00:00Z',
    status: 'scheduled',
    held: true,
    expected: 3,
    present: 0,
    excused: 0,
    absent: 0,
    unrecorded: 3,
    ...overrides,
  };
}

export function makeRates(overrides: Partial<CohortAttendance> = {}): CohortAttendance {
  return {
    cohortId: cohort2026Id,
    cohortName: '2026–2027',
    programmeName,
    sessionsHeld: 2,
    participantCount: 3,
    cohort: tally(6, 4, 1, 1, 0),
    modules: [
      { moduleId: context!.id, position: 1, title: context!.title, sessionsHeld: 2, participantCount: 3, tally: tally(6, 4, 1, 1, 0) },
      { moduleId: netwerken!.id, position: 2, title: netwerken!.title, sessionsHeld: 0, participantCount: 0, tally: tally(0, 0, 0, 0, 0) },
    ],
    participants: [
      { userId: annemiek, name: 'Annemiek de Vries', gemeente: 'Zwolle', enrolmentStatus: 'active', tally: tally(2, 2, 0, 0, 0) },
      { userId: joost, name: 'Joost Hendriks', gemeente: 'Deventer', enrolmentStatus: 'withdrawn', tally: tally(2, 1, 0, 1, 0) },
      { userId: nico, name: 'Nico Middelbos', gemeente: 'Kampen', enrolmentStatus: 'active', tally: tally(2, 1, 1, 0, 0) },
    ],
    sessions: [
      summary({ id: earlierSessionId, title: 'Aftrap', startsAt: '2026-09-17T11:30:00Z', endsAt: '2026-09-17T15:00:00Z', present: 3, unrecorded: 0 }),
      summary({}),
      summary({
        id: futureSessionId,
        moduleId: netwerken!.id,
        moduleTitle: netwerken!.title,
        title: 'Informatieveiligheid als gezamenlijke opgave',
        startsAt: '2026-12-10T12:30:00Z',
        endsAt: '2026-12-10T16:00:00Z',
        held: false,
      }),
    ],
    minimumGroupSize: null,
    ...overrides,
  };
}

export function record(overrides: Partial<AttendanceRecord>): AttendanceRecord {
  return {
    userId: nico,
    name: 'Nico Middelbos',
    gemeente: 'Kampen',
    enrolmentStatus: 'active',
    status: null,
    version: null,
    recordedAt: null,
    recordedByName: null,
    ...overrides,
  };
}

/** A sheet; its register is at version 4 unless said otherwise. */
export function makeSheet(
  overrides: Partial<SessionAttendance['session']> = {},
  records?: AttendanceRecord[],
  version = 4,
): SessionAttendance {
  return {
    version,
    session: {
      id: heldSessionId,
      cohortId: cohort2026Id,
      moduleId: context!.id,
      moduleTitle: context!.title,
      title: 'Datagericht werken in de praktijk',
      startsAt: '2026-10-08T11:30:00Z',
      endsAt: '2026-10-08T15:00:00Z',
      status: 'scheduled',
      started: true,
      ...overrides,
    },
    records: records ?? [
      record({ userId: annemiek, name: 'Annemiek de Vries', gemeente: 'Zwolle' }),
      record({ userId: joost, name: 'Joost Hendriks', gemeente: 'Deventer', status: 'absent', version: 2, recordedAt: '2026-10-08T16:00:00Z', recordedByName: 'Ruud Verbeek' }),
      record({}),
    ],
  };
}
