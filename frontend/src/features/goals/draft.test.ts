import { describe, expect, it } from 'vitest';
import { baseVersion, draftOf, emptyDraft, formField, inputOf, patchOf, validateGoal } from './draft';
import { makeGoal } from './testData';

describe('goal draft', () => {
  it('sends no empty step rows and trims the title of a new goal', () => {
    const draft = { ...emptyDraft('m1'), title: '  Regie op data  ', steps: ['Eerste stap', '  ', ' Tweede stap '] };
    expect(inputOf(draft)).toEqual({
      title: 'Regie op data',
      description: '',
      successCriteria: '',
      moduleId: 'm1',
      targetDate: null,
      status: 'draft',
      aspectKeys: [],
      steps: ['Eerste stap', 'Tweede stap'],
    });
  });

  it('clears module and target date with null when changing a goal', () => {
    const draft = { ...draftOf(makeGoal()), moduleId: '', targetDate: '' };
    expect(patchOf(draft)).toMatchObject({ moduleId: null, targetDate: null, aspectKeys: ['structuur'] });
    expect(patchOf(draft)).not.toHaveProperty('steps');
  });

  it('asks for a title', () => {
    expect(validateGoal(emptyDraft())).toEqual({ title: 'goals.form.errors.titleRequired' });
    expect(validateGoal({ ...emptyDraft(), title: 'Iets' })).toEqual({});
  });

  it('saves on top of a newer version only when just the steps changed', () => {
    const base = makeGoal({ version: 3 });
    // Steps ticked on the page: same fields, newer version.
    expect(baseVersion(base, makeGoal({ version: 5, stepsDone: 1 }))).toBe(5);
    // The title changed elsewhere: keep the form's version, so the server refuses it (412).
    expect(baseVersion(base, makeGoal({ version: 4, title: 'Door een ander gewijzigd' }))).toBe(3);
    expect(baseVersion(base, undefined)).toBe(3);
  });

  it('shows every aspectKeys[i] problem at the aspects', () => {
    expect(formField('aspectKeys[2]')).toBe('aspectKeys');
    expect(formField('steps[1]')).toBe('steps[1]');
  });
});
