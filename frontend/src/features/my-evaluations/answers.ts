import type { EvaluationAnswerInput, EvaluationAnswersInput, EvaluationDraft, EvaluationQuestion } from './types';

/** One answer as the form holds it, whatever the question's kind. */
export interface AnswerDraft {
  value: number | null;
  choice: string | null;
  text: string;
  shareWithFunder: boolean;
}

/** The answers by question key. */
export type AnswersDraft = Record<string, AnswerDraft>;

export const emptyAnswer = (): AnswerDraft => ({ value: null, choice: null, text: '', shareWithFunder: false });

export function answersOf(questions: EvaluationQuestion[], draft: EvaluationDraft | null): AnswersDraft {
  return Object.fromEntries(
    questions.map((question) => {
      const saved = draft?.answers[question.key];
      return [
        question.key,
        {
          value: saved?.value ?? null,
          choice: saved?.choice ?? null,
          text: saved?.text ?? '',
          shareWithFunder: saved?.shareWithFunder ?? false,
        },
      ];
    }),
  );
}

export function isAnswered(question: EvaluationQuestion, answer: AnswerDraft | undefined): boolean {
  if (!answer) return false;
  switch (question.kind) {
    case 'scale':
    case 'recommendation':
      return answer.value !== null;
    case 'choice':
      return answer.choice !== null && answer.choice !== '';
    case 'text':
      return answer.text.trim() !== '';
  }
}

/** The request body: only answered questions, each with what its kind takes. */
export function inputOfAnswers(questions: EvaluationQuestion[], answers: AnswersDraft): EvaluationAnswersInput {
  const out: Record<string, EvaluationAnswerInput> = {};
  for (const question of questions) {
    const answer = answers[question.key];
    if (!answer || !isAnswered(question, answer)) continue;
    if (question.kind === 'choice') out[question.key] = { choice: answer.choice };
    else if (question.kind === 'text') out[question.key] = { text: answer.text, shareWithFunder: answer.shareWithFunder };
    else out[question.key] = { value: answer.value };
  }
  return { answers: out };
}

/** The required questions still without an answer, as field names (answers.<key>) in the form's order. */
export function missingRequired(questions: EvaluationQuestion[], answers: AnswersDraft): string[] {
  return [...questions]
    .sort((a, b) => a.position - b.position)
    .filter((question) => question.required && !isAnswered(question, answers[question.key]))
    .map((question) => `answers.${question.key}`);
}
