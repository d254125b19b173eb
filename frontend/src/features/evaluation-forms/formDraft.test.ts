import { describe, expect, it } from 'vitest';
import { draftOfForm, inputField, inputOfForm, newQuestion, updateQuestion, validateForm, valueFromLabel } from './formDraft';
import { makeForm } from './testData';

describe('the builder’s draft', () => {
  it('round-trips a stored form, keeping the keys that tie answers to questions', () => {
    const form = makeForm();
    const input = inputOfForm(draftOfForm(form));
    expect(input.questions.map((question) => question.key)).toEqual(['waardering-bijeenkomst', 'aanbeveling', 'tempo', 'toelichting']);
    expect(input.questions[0]).toEqual({
      key: 'waardering-bijeenkomst',
      kind: 'scale',
      prompt: 'Hoe waardeert u de bijeenkomst?',
      helpText: '',
      required: true,
      labels: { '1': 'slecht', '5': 'uitstekend' },
    });
    // An open question sends neither labels nor options.
    expect(input.questions[3]).not.toHaveProperty('labels');
    expect(input.questions[3]).not.toHaveProperty('choices');
  });

  it('sends only the labels a kind has, and gives a new choice question two options', () => {
    let draft = { title: 'T', description: '', questions: [newQuestion('scale')] };
    const uid = draft.questions[0]!.uid;
    draft = updateQuestion(draft, uid, { prompt: 'Vraag', labels: { '1': ' slecht ', '3': '', '10': 'te ver' } });
    expect(inputOfForm(draft).questions[0]!.labels).toEqual({ '1': 'slecht' });
    draft = updateQuestion(draft, uid, { kind: 'choice' });
    expect(draft.questions[0]!.choices).toHaveLength(2);
    expect(inputOfForm(draft).questions[0]).not.toHaveProperty('labels');
  });

  it('checks titles, prompts and options before sending', () => {
    const question = { ...newQuestion('choice'), prompt: ' ' };
    question.choices = [
      { ...question.choices[0]!, value: 'goed', label: 'Goed' },
      { ...question.choices[1]!, value: 'goed', label: '' },
    ];
    expect(validateForm({ title: '', description: '', questions: [question] })).toEqual({
      title: 'evaluations.builder.errors.title',
      'questions[0].prompt': 'evaluations.builder.errors.prompt',
      'questions[0].choices[1].label': 'evaluations.builder.errors.choiceLabel',
      'questions[0].choices[1].value': 'evaluations.builder.errors.choiceDuplicate',
    });
    expect(validateForm({ title: 'T', description: '', questions: [] })).toEqual({ questions: 'evaluations.builder.errors.noQuestions' });
  });

  it('finds the input for the server’s field names', () => {
    const draft = draftOfForm(makeForm());
    expect(inputField('questions[2].choices[1]', draft)).toBe('questions[2].choices[1].label');
    expect(inputField('questions[2].choices[1].value', draft)).toBe('questions[2].choices[1].value');
    expect(inputField('questions[0].labels', draft)).toBe('questions[0].labels.1');
    expect(inputField('questions[1].labels', draft)).toBe('questions[1].labels.0');
    expect(inputField('questions[1].labels.10', draft)).toBe('questions[1].labels.10');
    expect(inputField('questions[2].choices', draft)).toBe('questions[2].choices[0].label');
    expect(inputField('questions[3].labels', draft)).toBe('questions[3].kind');
    expect(inputField('questions', draft)).toBe('addQuestion');
    expect(inputField('title', draft)).toBe('title');
  });

  it('makes option values as the server makes keys', () => {
    expect(valueFromLabel('Heel nuttig!')).toBe('heel-nuttig');
    expect(valueFromLabel('  Één keer per maand ')).toBe('een-keer-per-maand');
  });
});
