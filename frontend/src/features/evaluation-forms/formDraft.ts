import type { EvaluationForm, EvaluationFormInput, EvaluationQuestionInput, EvaluationQuestionKind } from './types';

/** One option of a choice question as the builder holds it. */
export interface ChoiceDraft {
  uid: string;
  value: string;
  label: string;
  /** Stored on the server already: on a form with answers, its value can no longer change or go. */
  saved: boolean;
}

/** One question as the builder holds it; labels for every value of its scale, empty when unlabelled. */
export interface QuestionDraft {
  uid: string;
  /** Stored on the server already: on a form with answers it cannot go or change kind. */
  saved: boolean;
  key: string;
  kind: EvaluationQuestionKind;
  prompt: string;
  helpText: string;
  required: boolean;
  labels: Record<string, string>;
  choices: ChoiceDraft[];
}

export interface FormDraft {
  title: string;
  description: string;
  questions: QuestionDraft[];
}

let counter = 0;
const nextUid = () => `q${++counter}`;

/** The values a scale question's labels belong to; a recommendation is labelled at its ends. */
export function labelValues(kind: EvaluationQuestionKind): string[] {
  if (kind === 'scale') return ['1', '2', '3', '4', '5'];
  if (kind === 'recommendation') return ['0', '10'];
  return [];
}

export function emptyChoice(): ChoiceDraft {
  return { uid: nextUid(), value: '', label: '', saved: false };
}

export function newQuestion(kind: EvaluationQuestionKind): QuestionDraft {
  return {
    uid: nextUid(),
    saved: false,
    key: '',
    kind,
    prompt: '',
    helpText: '',
    required: false,
    labels: {},
    choices: kind === 'choice' ? [emptyChoice(), emptyChoice()] : [],
  };
}

export const emptyFormDraft = (): FormDraft => ({ title: '', description: '', questions: [] });

export function draftOfForm(form: EvaluationForm): FormDraft {
  return {
    title: form.title,
    description: form.description,
    questions: [...form.questions]
      .sort((a, b) => a.position - b.position)
      .map((question) => ({
        uid: nextUid(),
        saved: true,
        key: question.key,
        kind: question.kind,
        prompt: question.prompt,
        helpText: question.helpText,
        required: question.required,
        labels: { ...question.labels },
        choices: question.choices.map((choice) => ({ uid: nextUid(), value: choice.value, label: choice.label, saved: true })),
      })),
  };
}

/** The request body: only what each kind has (labels for scales, choices for a choice question). */
export function inputOfForm(draft: FormDraft): EvaluationFormInput {
  return {
    title: draft.title.trim(),
    description: draft.description.trim(),
    questions: draft.questions.map((question): EvaluationQuestionInput => {
      const input: EvaluationQuestionInput = {
        kind: question.kind,
        prompt: question.prompt.trim(),
        helpText: question.helpText.trim(),
        required: question.required,
      };
      if (question.key.trim()) input.key = question.key.trim();
      if (question.kind === 'scale' || question.kind === 'recommendation') {
        const values = labelValues(question.kind);
        input.labels = Object.fromEntries(
          Object.entries(question.labels)
            .filter(([value, label]) => values.includes(value) && label.trim() !== '')
            .map(([value, label]) => [value, label.trim()]),
        );
      }
      if (question.kind === 'choice') {
        input.choices = question.choices.map((choice) => ({ value: choice.value.trim(), label: choice.label.trim() }));
      }
      return input;
    }),
  };
}

/** A stable handle made from a label, as the server makes keys: "Heel nuttig!" → "heel-nuttig". */
export function valueFromLabel(label: string): string {
  return label
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

export function moveItem<T extends { uid: string }>(items: T[], uid: string, delta: -1 | 1): T[] {
  const from = items.findIndex((item) => item.uid === uid);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= items.length) return items;
  const next = [...items];
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}

export function updateQuestion(draft: FormDraft, uid: string, change: Partial<QuestionDraft>): FormDraft {
  return {
    ...draft,
    questions: draft.questions.map((question) => {
      if (question.uid !== uid) return question;
      const next = { ...question, ...change };
      // A question that becomes a choice question starts with two empty options to fill in.
      if (change.kind === 'choice' && next.choices.length === 0) next.choices = [emptyChoice(), emptyChoice()];
      return next;
    }),
  };
}

export function updateChoice(draft: FormDraft, questionUid: string, choiceUid: string, change: Partial<ChoiceDraft>): FormDraft {
  return {
    ...draft,
    questions: draft.questions.map((question) =>
      question.uid !== questionUid
        ? question
        : { ...question, choices: question.choices.map((choice) => (choice.uid === choiceUid ? { ...choice, ...change } : choice)) },
    ),
  };
}

/**
 * Checks before sending, as i18n keys per server field name (questions[2].prompt …), so the messages land at the
 * same inputs as the server's would.
 */
export function validateForm(draft: FormDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!draft.title.trim()) errors.title = 'evaluations.builder.errors.title';
  if (draft.questions.length === 0) errors.questions = 'evaluations.builder.errors.noQuestions';
  draft.questions.forEach((question, index) => {
    const at = `questions[${index}]`;
    if (!question.prompt.trim()) errors[`${at}.prompt`] = 'evaluations.builder.errors.prompt';
    if (question.kind !== 'choice') return;
    if (question.choices.length < 2) errors[`${at}.choices`] = 'evaluations.builder.errors.choiceCount';
    const seen = new Set<string>();
    question.choices.forEach((choice, j) => {
      const value = choice.value.trim();
      if (!choice.label.trim()) errors[`${at}.choices[${j}].label`] = 'evaluations.builder.errors.choiceLabel';
      if (!value) errors[`${at}.choices[${j}].value`] = 'evaluations.builder.errors.choiceValue';
      else if (seen.has(value)) errors[`${at}.choices[${j}].value`] = 'evaluations.builder.errors.choiceDuplicate';
      seen.add(value);
    });
  });
  return errors;
}

/**
 * The input a server field name belongs to. The server names an option as a whole (questions[2].choices[0]) and
 * a scale's labels as a whole (questions[1].labels): those go to the option's label and the first label.
 */
export function inputField(field: string, draft: FormDraft): string {
  const choice = /^(questions\[\d+\]\.choices\[\d+\])$/.exec(field);
  if (choice) return `${choice[1]}.label`;
  const question = /^questions\[(\d+)\]\.(labels|choices)$/.exec(field);
  if (question) {
    const index = Number(question[1]);
    const draftQuestion = draft.questions[index];
    if (question[2] === 'labels') {
      const first = draftQuestion ? labelValues(draftQuestion.kind)[0] : undefined;
      return first ? `questions[${index}].labels.${first}` : `questions[${index}].kind`;
    }
    return draftQuestion && draftQuestion.choices.length > 0
      ? `questions[${index}].choices[0].label`
      : `questions[${index}].addChoice`;
  }
  const labelValue = /^questions\[(\d+)\]\.labels(?:\.|\[)"?(\d+)"?\]?$/.exec(field);
  if (labelValue) return `questions[${labelValue[1]}].labels.${labelValue[2]}`;
  if (field === 'questions') return 'addQuestion';
  return field;
}
