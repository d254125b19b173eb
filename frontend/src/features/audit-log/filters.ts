import { fromDateTimeLocal } from '../evaluation-forms/amsterdamTime';

/*
 * The audit log's filters live in the page's address (so a search can be bookmarked and Back undoes it), under
 * Dutch names: ?handeling=login.&wie=<id>&over=<id>&van=2026-10-01&tot=2026-10-31&objecttype=goal&object=<id>.
 * Days are Amsterdam days: van is inclusive from its midnight, tot inclusive up to the next midnight.
 */

export interface AuditFilters {
  action: string;
  actor: string;
  subject: string;
  from: string; // YYYY-MM-DD
  to: string; // YYYY-MM-DD, inclusive
  objectType: string;
  objectId: string;
}

export type FilterField = keyof AuditFilters;

export const emptyFilters: AuditFilters = { action: '', actor: '', subject: '', from: '', to: '', objectType: '', objectId: '' };

const paramNames: Record<FilterField, string> = {
  action: 'handeling',
  actor: 'wie',
  subject: 'over',
  from: 'van',
  to: 'tot',
  objectType: 'objecttype',
  objectId: 'object',
};

const fields = Object.keys(paramNames) as FilterField[];

export function filtersFromParams(params: URLSearchParams): AuditFilters {
  const filters = { ...emptyFilters };
  for (const field of fields) filters[field] = (params.get(paramNames[field]) ?? '').trim();
  return filters;
}

/** The address's query for the filters: only those that are set, in a fixed order. */
export function filtersToParams(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const field of fields) {
    const value = filters[field].trim();
    if (value !== '') params.set(paramNames[field], value);
  }
  return params;
}

export const hasFilters = (filters: AuditFilters) => fields.some((field) => filters[field] !== '');

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written as YYYY-MM-DD (what a date input gives). */
export function isDay(value: string): boolean {
  const match = dayPattern.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The day after a YYYY-MM-DD day. */
export function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** Midnight at the start of an Amsterdam day, as ISO 8601 with its offset: "2026-10-01T00:00:00+02:00". */
export function dayStart(day: string): string {
  const instant = fromDateTimeLocal(`${day}T00:00`);
  if (!instant) throw new Error(`not a day: ${day}`);
  return instant;
}

/** What is wrong with filters before they are sent, by field; messages are i18n keys. */
export function filterErrors(filters: AuditFilters): Partial<Record<FilterField, 'date' | 'toBeforeFrom'>> {
  const errors: Partial<Record<FilterField, 'date' | 'toBeforeFrom'>> = {};
  if (filters.from !== '' && !isDay(filters.from)) errors.from = 'date';
  if (filters.to !== '' && !isDay(filters.to)) errors.to = 'date';
  if (!errors.from && !errors.to && filters.from !== '' && filters.to !== '' && filters.to < filters.from) {
    errors.to = 'toBeforeFrom';
  }
  return errors;
}

export type AuditQuery = Partial<Record<'actor' | 'subject' | 'action' | 'objectType' | 'objectId' | 'from' | 'to', string>>;

/** The API's query for valid filters: only the set ones; tot becomes the (exclusive) start of the next day. */
export function apiQuery(filters: AuditFilters): AuditQuery {
  const query: AuditQuery = {};
  if (filters.actor) query.actor = filters.actor;
  if (filters.subject) query.subject = filters.subject;
  if (filters.action) query.action = filters.action;
  if (filters.objectType) query.objectType = filters.objectType;
  if (filters.objectId) query.objectId = filters.objectId;
  if (filters.from) query.from = dayStart(filters.from);
  if (filters.to) query.to = dayStart(nextDay(filters.to));
  return query;
}

/** The DOM id of a filter's control, also for the server's field names (from, to, actor, …). */
export const filterFieldId = (field: string) => `audit-${field}`;
