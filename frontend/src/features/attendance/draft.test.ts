import { describe, expect, it } from 'vitest';
import { changedLines, choose, emptyDraft, everyonePresent, rebase, shownStatus } from './draft';
import { annemiek, joost, makeSheet, nico, record } from './testData';

const sheet = makeSheet();
const { records } = sheet;
const [annemiekLine, joostLine, nicoLine] = records as [typeof records[0], typeof records[0], typeof records[0]];

describe('the attendance draft', () => {
  it('sends only changed lines, each with the version it was changed from, based on the register version shown', () => {
    let draft = choose(emptyDraft, sheet, annemiekLine, 'present');
    draft = choose(draft, sheet, joostLine, 'excused');

    expect(changedLines(draft)).toEqual([
      { userId: annemiek, status: 'present' },
      { userId: joost, status: 'excused', version: 2 },
    ]);
    expect(draft.baseVersion).toBe(4);
    expect(shownStatus(joostLine, draft)).toBe('excused');
    expect(shownStatus(nicoLine, draft)).toBeNull();
  });

  it('keeps the register version of its first choice when a newer sheet arrives in the background', () => {
    const draft = choose(emptyDraft, sheet, annemiekLine, 'present');
    const newer = makeSheet({}, records, 5);

    expect(choose(draft, newer, nicoLine, 'absent').baseVersion).toBe(4);
  });

  it('forgets a change that is chosen back to what is recorded, and with the last one its base version', () => {
    const draft = choose(choose(emptyDraft, sheet, joostLine, 'present'), sheet, joostLine, 'absent');

    expect(draft).toEqual(emptyDraft);
  });

  it('marks everyone present, including those recorded otherwise, for the facilitator to correct', () => {
    const draft = everyonePresent(emptyDraft, sheet);

    expect(records.map((line) => shownStatus(line, draft))).toEqual(['present', 'present', 'present']);
    expect(changedLines(draft)).toHaveLength(3);
  });

  it('after a refused save, keeps the choices on the fresh versions and names the lines someone else changed', () => {
    let draft = choose(emptyDraft, sheet, annemiekLine, 'present');
    draft = choose(choose(draft, sheet, joostLine, 'present'), sheet, nicoLine, 'excused');
    const fresh = makeSheet(
      {},
      [
        // Annemiek: recorded present meanwhile, as chosen here: nothing left to do.
        record({ userId: annemiek, name: 'Annemiek de Vries', status: 'present', version: 1, recordedByName: 'Lotte' }),
        // Joost: changed to excused meanwhile: a conflict.
        record({ userId: joost, name: 'Joost Hendriks', status: 'excused', version: 3, recordedByName: 'Lotte' }),
        // Nico: untouched.
        record({ userId: nico }),
      ],
      6,
    );

    const { draft: next, conflicts } = rebase(draft, fresh);

    expect(conflicts.map((line) => line.name)).toEqual(['Joost Hendriks']);
    expect(next.baseVersion).toBe(6);
    expect(changedLines(next)).toEqual([
      { userId: joost, status: 'present', version: 3 },
      { userId: nico, status: 'excused' },
    ]);
  });

  it('after a refused save whose choices someone else already recorded, has nothing left to save', () => {
    const draft = choose(emptyDraft, sheet, annemiekLine, 'present');
    const fresh = makeSheet({}, [record({ userId: annemiek, name: 'Annemiek de Vries', status: 'present', version: 1 })], 5);

    expect(rebase(draft, fresh)).toEqual({ draft: emptyDraft, conflicts: [] });
  });
});
