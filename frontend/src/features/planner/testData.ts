import { cohort2026Id, makeModules } from '../../test/cohorts';
import type { Session, Speaker } from './types';

// Fixtures shaped like the demo's running cohort.
export const ruudId = '00000000-0000-4000-8000-00000000f001';
export const modules2026 = makeModules(2026);

export function makePlannedSession(overrides: Partial<Session> = {}): Session {
  return {
    id: '00000000-0000-4000-8000-00000000e101',
    cohortId: cohort2026Id,
    moduleId: modules2026[2]!.id,
    moduleTitle: modules2026[2]!.title,
    modulePosition: 3,
    title: 'Digitaliseren van processen: sturen op digitalisering',
    startsAt: '2026-12-03T12:30:00Z',
    endsAt: '2026-12-03T16:00:00Z',
    date: '2026-12-03',
    startTime: '13:30',
    endDate: '2026-12-03',
    endTime: '17:00',
    venue: 'Stadhuis Amsterdam, Amstel 1, Amsterdam',
    onlineUrl: null,
    agenda: '13:30 Inloop',
    topics: ['Digitaliseren van processen'],
    status: 'scheduled',
    version: 1,
    facilitators: [{ id: ruudId, name: 'Ruud Verbeek' }],
    speakers: [],
    bookings: [],
    warnings: [],
    ...overrides,
  };
}

export function makeSpeaker(overrides: Partial<Speaker> = {}): Speaker {
  return {
    id: '00000000-0000-4000-8000-00000000d001',
    name: 'Mark Crooijmans',
    roleTitle: 'Stedelijk directeur',
    organisation: 'Gemeente Amsterdam',
    bio: 'Over gerichte sturing op digitalisering.',
    topics: ['Sturing op digitalisering'],
    programmeId: null,
    email: 'm.crooijmans@amsterdam.example',
    phone: '+31 20 000 0103',
    version: 1,
    ...overrides,
  };
}
