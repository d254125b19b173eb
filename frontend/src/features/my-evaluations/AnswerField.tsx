import { Button, Checkbox, FormField, FormLabel } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { TextAreaField } from '../../components/fields';
import { RadioGroup, type RadioOption } from '../../components/RadioGroup';
import { isAnswered, type AnswerDraft } from './answers';
import type { EvaluationQuestion } from './types';

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}

/** The prompt as legend or label, with "(verplicht)" in words for a required question. */
function Prompt({ question }: { question: EvaluationQuestion }) {
  const { t } = useTranslation();
  return (
    <>
      {question.prompt}
      {question.required && (
        <>
          {' '}
          <span className="lg-eval-required-mark">{t('evaluations.fill.required')}</span>
        </>
      )}
    </>
  );
}

/**
 * One question to answer: a scale (1–5) or a recommendation (0–10) as a radio group with its labels, a choice as
 * radios, an open question as a text area with the participant's own choice whether it may reach the funder.
 */
export function AnswerField({
  question,
  id,
  answer,
  error,
  onChange,
}: {
  question: EvaluationQuestion;
  /** The DOM id of the first input, for the error summary. */
  id: string;
  answer: AnswerDraft;
  error: string | undefined;
  onChange: (change: Partial<AnswerDraft>) => void;
}) {
  const { t } = useTranslation();

  if (question.kind === 'text') {
    const shareId = `${id}-share`;
    return (
      <div className="lg-eval-answer lg-eval-answer--text">
        <TextAreaField
          id={id}
          label={<Prompt question={question} />}
          description={question.helpText || undefined}
          value={answer.text}
          rows={5}
          maxLength={10000}
          required={question.required}
          error={error}
          onChange={(event) => onChange({ text: event.target.value })}
        />
        <FormField type="checkbox" className="lg-checkbox lg-eval-share">
          <FormLabel htmlFor={shareId} type="checkbox">
            <Checkbox
              id={shareId}
              className="utrecht-form-field__input"
              checked={answer.shareWithFunder}
              onChange={(event) => onChange({ shareWithFunder: event.target.checked })}
            />{' '}
            {t('evaluations.fill.share')}
          </FormLabel>
        </FormField>
      </div>
    );
  }

  let options: RadioOption[];
  let selected: string | null;
  let pick: (value: string) => void;
  if (question.kind === 'choice') {
    options = question.choices.map((choice) => ({ value: choice.value, label: choice.label }));
    selected = answer.choice;
    pick = (value) => onChange({ choice: value });
  } else {
    const values = question.kind === 'scale' ? range(1, 5) : range(0, 10);
    options = values.map((value) => {
      const label = question.labels[String(value)];
      return { value: String(value), label: label ? t('evaluations.fill.valueWithLabel', { value, label }) : String(value) };
    });
    selected = answer.value === null ? null : String(answer.value);
    pick = (value) => onChange({ value: Number(value) });
  }

  return (
    <div className={`lg-eval-answer lg-eval-answer--${question.kind}`}>
      <RadioGroup
        id={id}
        name={id}
        legend={<Prompt question={question} />}
        description={question.helpText || undefined}
        error={error}
        options={options}
        value={selected}
        required={question.required}
        onChange={pick}
        className={question.kind === 'choice' ? undefined : 'lg-radios--scale'}
      />
      {!question.required && isAnswered(question, answer) && (
        <Button
          type="button"
          appearance="subtle-button"
          className="lg-eval-clear"
          aria-label={t('evaluations.fill.clearOf', { prompt: question.prompt })}
          onClick={() => {
            onChange({ value: null, choice: null });
            // The button goes with the answer: focus returns to the question.
            setTimeout(() => document.getElementById(id)?.focus());
          }}
        >
          {t('evaluations.fill.clear')}
        </Button>
      )}
    </div>
  );
}
