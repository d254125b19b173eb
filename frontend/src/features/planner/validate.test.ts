import { describe, expect, it } from 'vitest';
import { emptyDraft, inputOf, type SessionDraft } from './draft';
import { validateSession } from './validate';

const valid: SessionDraft = {
  ...emptyDraft(),
  moduleId: 'm1',
  title: 'Informatieveiligheid',
  date: '2027-03-28',
  venue: 'VNG, Den Haag',
};

describe('validateSession', () => {
  it('accepts a complete session', () => {
    expect(validateSession(valid)).toEqual({});
  });

  it('asks for module, title, date and times', () => {
    expect(validateSession({ ...valid, moduleId: '', title: ' ', date: '', startTime: '', endTime: '' })).toEqual({
      moduleId: 'planner.errors.moduleRequired',
      title: 'planner.errors.titleRequired',
      date: 'planner.errors.dateRequired',
      startTime: 'planner.errors.startRequired',
      endTime: 'planner.errors.endRequired',
    });
  });

  it('wants the end after the start on a one-day session, but not across days', () => {
    expect(validateSession({ ...valid, startTime: '17:00', endTime: '13:30' })).toEqual({ endTime: 'planner.errors.endBeforeStart' });
    expect(validateSession({ ...valid, endTime: '13:30' })).toEqual({ endTime: 'planner.errors.endBeforeStart' });
    expect(validateSession({ ...valid, startTime: '17:00', endTime: '13:00', endDate: '2027-03-29' })).toEqual({});
    expect(validateSession({ ...valid, endDate: '2027-03-27' })).toEqual({ endDate: 'planner.errors.endDateBeforeStart' });
  });

  it('needs a venue or an online link, and a link must be a web address', () => {
    expect(validateSession({ ...valid, venue: '' })).toEqual({ venue: 'planner.errors.placeRequired' });
    expect(validateSession({ ...valid, venue: '', onlineUrl: 'https://meet.example/vgs' })).toEqual({});
    expect(validateSession({ ...valid, onlineUrl: 'javascript:alert(1)' })).toEqual({ onlineUrl: 'planner.errors.linkInvalid' });
  });
});

describe('inputOf', () => {
  it('sends topics one per line, no empty end date or link, trimmed text', () => {
    expect(inputOf({ ...valid, title: '  Titel ', topics: 'Data\n\n Veiligheid \n', onlineUrl: ' ' })).toMatchObject({
      title: 'Titel',
      topics: ['Data', 'Veiligheid'],
      endDate: null,
      onlineUrl: null,
      startTime: '13:30',
      endTime: '17:00',
    });
  });
});
