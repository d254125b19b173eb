import type { AttendanceRecord, AttendanceStatus, AttendanceUpdate } from './types';

/**
 * A facilitator's unsaved choices on one sheet, by participant. Each line remembers the version of the record it
 * was changed from, so that the save tells the server what it was based on and a concurrent change is caught.
 */
export interface DraftLine {
  status: AttendanceStatus;
  baseVersion: number | null;
}
export type Draft = Readonly<Record<string, DraftLine>>;

export const emptyDraft: Draft = {};

/** What the form shows for a participant: their unsaved choice, else what is recorded. */
export function shownStatus(record: AttendanceRecord, draft: Draft): AttendanceStatus | null {
  return draft[record.userId]?.status ?? record.status;
}

/** Chooses a status; choosing what is already recorded undoes the change. */
export function choose(draft: Draft, record: AttendanceRecord, status: AttendanceStatus): Draft {
  const baseVersion = draft[record.userId]?.baseVersion ?? record.version;
  const next = { ...draft };
  if (status === record.status && baseVersion === record.version) delete next[record.userId];
  else next[record.userId] = { status, baseVersion };
  return next;
}

/** "Iedereen aanwezig": everyone on the sheet present, to correct the few who were not. */
export function everyonePresent(draft: Draft, records: AttendanceRecord[]): Draft {
  return records.reduce((next, record) => choose(next, record, 'present'), draft);
}

/** The lines to send: only the changed ones, so a save never touches what someone else recorded meanwhile. */
export function changedLines(draft: Draft): AttendanceUpdate['records'] {
  return Object.entries(draft).map(([userId, line]) =>
    line.baseVersion === null ? { userId, status: line.status } : { userId, status: line.status, version: line.baseVersion },
  );
}

/**
 * After a refused save (someone else recorded meanwhile), bases the draft on the fresh sheet. Lines that now
 * match what is recorded are dropped; lines whose record changed under them are returned as conflicts, for the
 * facilitator to look at before saving again.
 */
export function rebase(draft: Draft, fresh: AttendanceRecord[]): { draft: Draft; conflicts: AttendanceRecord[] } {
  const next: Record<string, DraftLine> = {};
  const conflicts: AttendanceRecord[] = [];
  for (const record of fresh) {
    const line = draft[record.userId];
    if (!line) continue;
    if (line.status === record.status) continue;
    if (line.baseVersion !== record.version) conflicts.push(record);
    next[record.userId] = { status: line.status, baseVersion: record.version };
  }
  return { draft: next, conflicts };
}
