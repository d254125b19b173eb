import type { Session, SessionInput } from './types';

/** The session form's values, as the inputs hold them (strings; topics one per line). */
export interface SessionDraft {
  moduleId: string;
  title: string;
  date: string;
  startTime: string;
  endTime: string;
  /** Empty unless the session runs over several days. */
  endDate: string;
  venue: string;
  onlineUrl: string;
  agenda: string;
  topics: string;
  facilitatorIds: string[];
}

export type SessionField = keyof SessionDraft;

/** The fields in the order the form shows them, which is also the order of the error summary. */
export const sessionFields: SessionField[] = [
  'moduleId',
  'title',
  'date',
  'startTime',
  'endTime',
  'endDate',
  'venue',
  'onlineUrl',
  'agenda',
  'topics',
  'facilitatorIds',
];

export function emptyDraft(facilitatorIds: string[] = []): SessionDraft {
  return {
    moduleId: '',
    title: '',
    date: '',
    startTime: '13:30',
    endTime: '17:00',
    endDate: '',
    venue: '',
    onlineUrl: '',
    agenda: '',
    topics: '',
    facilitatorIds,
  };
}

export function draftOf(session: Session): SessionDraft {
  return {
    moduleId: session.moduleId,
    title: session.title,
    date: session.date,
    startTime: session.startTime,
    endTime: session.endTime,
    endDate: session.endDate === session.date ? '' : session.endDate,
    venue: session.venue,
    onlineUrl: session.onlineUrl ?? '',
    agenda: session.agenda,
    topics: session.topics.join('\n'),
    facilitatorIds: session.facilitators.map((facilitator) => facilitator.id),
  };
}

/** The request body; the same shape creates a session (POST) and replaces its fields (PATCH). */
export function inputOf(draft: SessionDraft): SessionInput {
  return {
    moduleId: draft.moduleId,
    title: draft.title.trim(),
    date: draft.date,
    startTime: draft.startTime,
    endTime: draft.endTime,
    endDate: draft.endDate === '' ? null : draft.endDate,
    venue: draft.venue.trim(),
    onlineUrl: draft.onlineUrl.trim() === '' ? null : draft.onlineUrl.trim(),
    agenda: draft.agenda,
    topics: draft.topics
      .split('\n')
      .map((topic) => topic.trim())
      .filter(Boolean),
    facilitatorIds: draft.facilitatorIds,
  };
}
