import type { AttendanceRecord, AttendanceStatus, AttendanceUpdate, SessionAttendance } from './types';

/**
 * A facilitator's unsaved choice for one participant. It remembers the version of the record it was changed
 * from, so that the save tells the server what it was based on and a concurrent change is caught.
 */
export interface DraftLine {
  status: AttendanceStatus;
  baseVersion: number | null;
}

/**
 * A facilitator's unsaved choices on one sheet, by participant, and the version of the register they were made
 * on. That version goes with the save as If-Match: if anyone saved the register since, the server refuses it
 * (412) rather than let one facilitator overwrite the other. It is null while there are no choices.
 */
export interface Draft {
  readonly baseVersion: number | null;
  readonly lines: Readonly<Record<string, DraftLine>>;
}

export const emptyDraft: Draft = { baseVersion: null, lines: {} };

/** What the form shows for a participant: their unsaved choice, else what is recorded. */
export function shownStatus(record: AttendanceRecord, draft: Draft): AttendanceStatus | null {
  return draft.lines[record.userId]?.status ?? record.status;
}

/**
 * Chooses a status on the sheet as shown; choosing what is already recorded undoes the change. The first choice
 * fixes the register version the draft is based on: a newer sheet arriving in the background does not move it.
 */
export function choose(draft: Draft, sheet: SessionAttendance, record: AttendanceRecord, status: AttendanceStatus): Draft {
  const baseVersion = draft.lines[record.userId]?.baseVersion ?? record.version;
  const lines = { ...draft.lines };
  if (status === record.status && baseVersion === record.version) delete lines[record.userId];
  else lines[record.userId] = { status, baseVersion };
  if (Object.keys(lines).length === 0) return emptyDraft;
  return { baseVersion: draft.baseVersion ?? sheet.version, lines };
}

/** "Iedereen aanwezig": everyone on the sheet present, to correct the few who were not. */
export function everyonePresent(draft: Draft, sheet: SessionAttendance): Draft {
  return sheet.records.reduce((next, record) => choose(next, sheet, record, 'present'), draft);
}

/** The lines to send: only the changed ones, so a save never touches what someone else recorded meanwhile. */
export function changedLines(draft: Draft): AttendanceUpdate['records'] {
  return Object.entries(draft.lines).map(([userId, line]) =>
    line.baseVersion === null ? { userId, status: line.status } : { userId, status: line.status, version: line.baseVersion },
  );
}

/**
 * After a refused save (someone else saved the register meanwhile), bases the draft on the fresh sheet and its
 * version. Lines that now match what is recorded are dropped; lines whose record changed under them are returned
 * as conflicts, for the facilitator to look at before saving again.
 */
export function rebase(draft: Draft, fresh: SessionAttendance): { draft: Draft; conflicts: AttendanceRecord[] } {
  const lines: Record<string, DraftLine> = {};
  const conflicts: AttendanceRecord[] = [];
  for (const record of fresh.records) {
    const line = draft.lines[record.userId];
    if (!line) continue;
    if (line.status === record.status) continue;
    if (line.baseVersion !== record.version) conflicts.push(record);
    lines[record.userId] = { status: line.status, baseVersion: record.version };
  }
  const next = Object.keys(lines).length === 0 ? emptyDraft : { baseVersion: fresh.version, lines };
  return { draft: next, conflicts };
}
