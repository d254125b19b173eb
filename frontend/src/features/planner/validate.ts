import '../../i18n/staff';
import type { SessionDraft, SessionField } from './draft';

/** Per invalid field, the i18n key of what to fix. */
export type SessionErrors = Partial<Record<SessionField, string>>;

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const timePattern = /^([01]\d|2[0-3]):[0-5]\d$/;

function isWebLink(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * The checks the browser can make before sending; the server checks everything again, including times that do
 * not exist when the clocks go forward, and its messages are shown as it sends them.
 */
export function validateSession(draft: SessionDraft): SessionErrors {
  const errors: SessionErrors = {};
  if (draft.moduleId === '') errors.moduleId = 'planner.errors.moduleRequired';
  if (draft.title.trim() === '') errors.title = 'planner.errors.titleRequired';
  else if (draft.title.trim().length > 200) errors.title = 'planner.errors.titleTooLong';

  if (draft.date === '') errors.date = 'planner.errors.dateRequired';
  else if (!datePattern.test(draft.date)) errors.date = 'planner.errors.dateInvalid';
  if (draft.startTime === '') errors.startTime = 'planner.errors.startRequired';
  else if (!timePattern.test(draft.startTime)) errors.startTime = 'planner.errors.timeInvalid';
  if (draft.endTime === '') errors.endTime = 'planner.errors.endRequired';
  else if (!timePattern.test(draft.endTime)) errors.endTime = 'planner.errors.timeInvalid';
  if (draft.endDate !== '' && !datePattern.test(draft.endDate)) errors.endDate = 'planner.errors.dateInvalid';

  const endDate = draft.endDate === '' ? draft.date : draft.endDate;
  if (!errors.date && !errors.endDate && endDate < draft.date) errors.endDate = 'planner.errors.endDateBeforeStart';
  else if (!errors.startTime && !errors.endTime && !errors.date && !errors.endDate && endDate === draft.date &&
    draft.endTime <= draft.startTime) {
    errors.endTime = 'planner.errors.endBeforeStart';
  }

  const link = draft.onlineUrl.trim();
  if (draft.venue.trim() === '' && link === '') errors.venue = 'planner.errors.placeRequired';
  if (link !== '' && !isWebLink(link)) errors.onlineUrl = 'planner.errors.linkInvalid';
  return errors;
}
