import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type AttendanceStatus = Schemas['AttendanceStatus'];
export type SessionAttendance = Schemas['SessionAttendance'];
export type AttendanceRecord = Schemas['AttendanceRecord'];
export type AttendanceUpdate = Schemas['AttendanceUpdate'];
export type AttendanceTally = Schemas['AttendanceTally'];
export type CohortAttendance = Schemas['CohortAttendance'];
export type ModuleAttendance = Schemas['ModuleAttendance'];
export type ParticipantAttendance = Schemas['ParticipantAttendance'];
export type SessionAttendanceSummary = Schemas['SessionAttendanceSummary'];
export type MyAttendance = Schemas['MyAttendance'];
export type MyCohortAttendance = Schemas['MyCohortAttendance'];

/** The three statuses in the order the form offers them. */
export const attendanceStatuses: AttendanceStatus[] = ['present', 'excused', 'absent'];
