import { describe, expect, it } from 'vitest';
import { changedLines, choose, everyonePresent, rebase, shownStatus } from './draft';
import { annemiek, joost, makeSheet, nico, record } from './testData';

const { records } = makeSheet();
const [annemiekLine, joostLine, nicoLine] = records as [typeof records[0], typeof records[0], typeof records[0]];

describe('the attendance draft', () => {
  it('sends only changed lines, each with the version it was changed from', () => {
    let draft = choose({}, annemiekLine, 'present');
    draft = choose(draft, joostLine, 'excused');

    expect(changedLines(draft)).toEqual([
      { userId: annemiek, status: 'present' },
      { userId: joost, status: 'excused', version: 2 },
    ]);
    expect(shownStatus(joostLine, draft)).toBe('excused');
    expect(shownStatus(nicoLine, draft)).toBeNull();
  });

  it('forgets a change that is chosen back to what is recorded', () => {
    const draft = choose(choose({}, joostLine, 'present'), joostLine, 'absent');

    expect(draft).toEqual({});
  });

  it('marks everyone present, including those recorded otherwise, for the facilitator to correct', () => {
    const draft = everyonePresent({}, records);

    expect(records.map((line) => shownStatus(line, draft))).toEqual(['present', 'present', 'present']);
    expect(changedLines(draft)).toHaveLength(3);
  });

  it('after a refused save, keeps the choices on the fresh versions and names the lines someone else changed', () => {
    const draft = choose(choose(choose({}, annemiekLine, 'present'), joostLine, 'present'), nicoLine, 'excused');
    const fresh = [
      // Annemiek: recorded present meanwhile, as chosen here: nothing left to do.
      record({ userId: annemiek, name: 'Annemiek de Vries', status: 'present', version: 1, recordedByName: 'Lotte' }),
      // Joost: changed to excused meanwhile: a conflict.
      record({ userId: joost, name: 'Joost Hendriks', status: 'excused', version: 3, recordedByName: 'Lotte' }),
      // Nico: untouched.
      record({ userId: nico }),
    ];

    const { draft: next, conflicts } = rebase(draft, fresh);

    expect(conflicts.map((line) => line.name)).toEqual(['Joost Hendriks']);
    expect(changedLines(next)).toEqual([
      { userId: joost, status: 'present', version: 3 },
      { userId: nico, status: 'excused' },
    ]);
  });
});
