import type { CohortModule } from '../../api/types';
import type { AttendanceStatus, MyAttendance } from '../attendance/types';
import type { ProgrammeSession } from './queries';

export interface ModuleSchedule {
  module: CohortModule;
  sessions: ProgrammeSession[];
}

/** The modules in their order, each with its sessions earliest first. */
export function scheduleByModule(modules: CohortModule[], sessions: ProgrammeSession[]): ModuleSchedule[] {
  const byStart = [...sessions].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  return [...modules]
    .sort((a, b) => a.position - b.position)
    .map((module) => ({ module, sessions: byStart.filter((session) => session.moduleId === module.id) }));
}

/** Has the session ended by `now`? */
export const isPast = (session: Pick<ProgrammeSession, 'endsAt'>, now: Date) => new Date(session.endsAt) <= now;

/** The next step: the first session that goes ahead and has not ended (it may be under way now). */
export function nextSession(sessions: ProgrammeSession[], now: Date): ProgrammeSession | null {
  return (
    [...sessions]
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
      .find((session) => session.status !== 'cancelled' && !isPast(session, now)) ?? null
  );
}

/** The participant's own recorded status per session of one cohort. */
export function attendanceBySession(mine: MyAttendance | undefined, cohortId: string): Map<string, AttendanceStatus | null> {
  const cohort = mine?.cohorts.find((c) => c.cohortId === cohortId);
  return new Map(cohort?.sessions.map((session) => [session.sessionId, session.status]) ?? []);
}
