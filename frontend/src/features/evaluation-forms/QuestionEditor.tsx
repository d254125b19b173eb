import {
  Button,
  ButtonGroup,
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Paragraph,
  SelectOption,
} from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { labelValues, valueFromLabel, type ChoiceDraft, type QuestionDraft } from './formDraft';
import { questionKinds, type EvaluationQuestionKind } from './types';

/** What the builder hands each question's editor. */
export interface QuestionActions {
  change: (change: Partial<QuestionDraft>) => void;
  changeChoice: (choiceUid: string, change: Partial<ChoiceDraft>) => void;
  addChoice: () => void;
  removeChoice: (choice: ChoiceDraft, index: number) => void;
  moveChoice: (choice: ChoiceDraft, index: number, delta: -1 | 1) => void;
  move: (delta: -1 | 1) => void;
  remove: () => void;
}

/**
 * One question of the builder: its kind, prompt, help text and whether it is required, then what its kind needs
 * (labels for a scale, options for a choice). Order and removal go by buttons, each named after its question. On
 * a form with answers, a stored question keeps its kind and place in the comparison: it cannot go, and a stored
 * option keeps its value.
 */
export function QuestionEditor({
  question,
  index,
  count,
  locked,
  id,
  buttonId,
  errorOf,
  actions,
}: {
  question: QuestionDraft;
  index: number;
  count: number;
  locked: boolean;
  /** The DOM id of an input by its server field name. */
  id: (field: string) => string;
  /** The DOM id of a button by the uid of what it acts on. */
  buttonId: (uid: string, action: string) => string;
  errorOf: (field: string) => string | undefined;
  actions: QuestionActions;
}) {
  const { t } = useTranslation();
  const at = `questions[${index}]`;
  const number = index + 1;
  const fixed = locked && question.saved;
  const name = question.prompt.trim() || t('evaluations.builder.untitled');

  return (
    <li className="lg-eval-question">
      <Fieldset>
        <FieldsetLegend className="lg-eval-question__legend">
          {t('evaluations.builder.questionLegend', { n: number, prompt: name })}
        </FieldsetLegend>
        <SelectField
          id={id(`${at}.kind`)}
          label={t('evaluations.builder.kind')}
          value={question.kind}
          disabled={fixed}
          description={fixed ? t('evaluations.builder.kindFixed') : undefined}
          error={errorOf(`${at}.kind`)}
          onChange={(event) => actions.change({ kind: event.target.value as EvaluationQuestionKind })}
        >
          {questionKinds.map((kind) => (
            <SelectOption key={kind} value={kind}>
              {t(`evaluations.kind.${kind}`)}
            </SelectOption>
          ))}
        </SelectField>
        <TextAreaField
          id={id(`${at}.prompt`)}
          label={t('evaluations.builder.prompt')}
          value={question.prompt}
          rows={2}
          maxLength={1000}
          required
          error={errorOf(`${at}.prompt`)}
          onChange={(event) => actions.change({ prompt: event.target.value })}
        />
        <TextAreaField
          id={id(`${at}.helpText`)}
          label={t('evaluations.builder.helpText')}
          description={t('evaluations.builder.helpTextHint')}
          value={question.helpText}
          rows={2}
          maxLength={2000}
          error={errorOf(`${at}.helpText`)}
          onChange={(event) => actions.change({ helpText: event.target.value })}
        />
        <RequiredBox question={question} locked={locked} id={id(`${at}.required`)} error={errorOf(`${at}.required`)} actions={actions} />
        {question.saved ? (
          <Paragraph className="lg-eval-muted">{t('evaluations.builder.keyFixed', { key: question.key })}</Paragraph>
        ) : (
          <TextField
            id={id(`${at}.key`)}
            label={t('evaluations.builder.key')}
            description={t('evaluations.builder.keyHint')}
            value={question.key}
            maxLength={60}
            spellCheck={false}
            error={errorOf(`${at}.key`)}
            onChange={(event) => actions.change({ key: event.target.value })}
          />
        )}
        {(question.kind === 'scale' || question.kind === 'recommendation') && (
          <LabelsEditor question={question} at={at} id={id} errorOf={errorOf} actions={actions} />
        )}
        {question.kind === 'choice' && (
          <ChoicesEditor question={question} at={at} locked={locked} id={id} buttonId={buttonId} errorOf={errorOf} actions={actions} />
        )}
        {question.kind === 'text' && <Paragraph className="lg-eval-muted">{t('evaluations.builder.textNote')}</Paragraph>}
        <ButtonGroup className="lg-eval-question__actions">
          <Button
            id={buttonId(question.uid, 'up')}
            type="button"
            appearance="secondary-action-button"
            disabled={index === 0}
            aria-label={t('evaluations.builder.upLabel', { n: number })}
            onClick={() => actions.move(-1)}
          >
            {t('evaluations.builder.up')}
          </Button>
          <Button
            id={buttonId(question.uid, 'down')}
            type="button"
            appearance="secondary-action-button"
            disabled={index === count - 1}
            aria-label={t('evaluations.builder.downLabel', { n: number })}
            onClick={() => actions.move(1)}
          >
            {t('evaluations.builder.down')}
          </Button>
          {/* A stored question of a form with answers cannot go: the server refuses, so it is not offered. */}
          {!fixed && (
            <Button
              type="button"
              appearance="subtle-button"
              hint="danger"
              aria-label={t('evaluations.builder.removeLabel', { n: number })}
              onClick={actions.remove}
            >
              {t('evaluations.builder.remove')}
            </Button>
          )}
        </ButtonGroup>
      </Fieldset>
    </li>
  );
}

function RequiredBox({
  question,
  locked,
  id,
  error,
  actions,
}: {
  question: QuestionDraft;
  locked: boolean;
  id: string;
  error: string | undefined;
  actions: QuestionActions;
}) {
  const { t } = useTranslation();
  // Earlier answers lack a question added later: on a form with answers, a new question cannot be required.
  const blocked = locked && !question.saved && !question.required;
  const describedBy = [blocked ? `${id}-description` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <FormField type="checkbox" invalid={Boolean(error)} className="lg-checkbox lg-eval-required">
      <FormLabel htmlFor={id} type="checkbox" disabled={blocked}>
        <Checkbox
          id={id}
          className="utrecht-form-field__input"
          checked={question.required}
          disabled={blocked}
          invalid={Boolean(error)}
          aria-describedby={describedBy}
          onChange={(event) => actions.change({ required: event.target.checked })}
        />{' '}
        {t('evaluations.builder.required')}
      </FormLabel>
      {blocked && (
        <FormFieldDescription id={`${id}-description`} className="utrecht-form-field__description">
          {t('evaluations.builder.requiredBlocked')}
        </FormFieldDescription>
      )}
      {error && (
        <FormFieldErrorMessage id={`${id}-error`} className="utrecht-form-field__error-message">
          {error}
        </FormFieldErrorMessage>
      )}
    </FormField>
  );
}

function LabelsEditor({
  question,
  at,
  id,
  errorOf,
  actions,
}: {
  question: QuestionDraft;
  at: string;
  id: (field: string) => string;
  errorOf: (field: string) => string | undefined;
  actions: QuestionActions;
}) {
  const { t } = useTranslation();
  const error = errorOf(`${at}.labels`);
  const groupId = id(`${at}.labels`);
  return (
    <Fieldset invalid={Boolean(error)} aria-describedby={error ? `${groupId}-error` : `${groupId}-description`} className="lg-eval-subgroup">
      <FieldsetLegend>
        {t(question.kind === 'scale' ? 'evaluations.builder.scaleLabels' : 'evaluations.builder.recommendationLabels')}
      </FieldsetLegend>
      <FormFieldDescription id={`${groupId}-description`} className="utrecht-form-field__description">
        {t(question.kind === 'scale' ? 'evaluations.builder.scaleLabelsHint' : 'evaluations.builder.recommendationLabelsHint')}
      </FormFieldDescription>
      {error && (
        <FormFieldErrorMessage id={`${groupId}-error`} className="utrecht-form-field__error-message">
          {error}
        </FormFieldErrorMessage>
      )}
      <div className="lg-eval-labels">
        {labelValues(question.kind).map((value) => (
          <TextField
            key={value}
            id={id(`${at}.labels.${value}`)}
            label={t('evaluations.builder.labelFor', { value })}
            value={question.labels[value] ?? ''}
            maxLength={100}
            invalid={Boolean(error)}
            error={errorOf(`${at}.labels.${value}`)}
            onChange={(event) => actions.change({ labels: { ...question.labels, [value]: event.target.value } })}
          />
        ))}
      </div>
    </Fieldset>
  );
}

function ChoicesEditor({
  question,
  at,
  locked,
  id,
  buttonId,
  errorOf,
  actions,
}: {
  question: QuestionDraft;
  at: string;
  locked: boolean;
  id: (field: string) => string;
  buttonId: (uid: string, action: string) => string;
  errorOf: (field: string) => string | undefined;
  actions: QuestionActions;
}) {
  const { t } = useTranslation();
  const error = errorOf(`${at}.choices`);
  const groupId = id(`${at}.choices`);
  return (
    <Fieldset invalid={Boolean(error)} aria-describedby={error ? `${groupId}-error` : undefined} className="lg-eval-subgroup">
      <FieldsetLegend>{t('evaluations.builder.choices')}</FieldsetLegend>
      {error && (
        <FormFieldErrorMessage id={`${groupId}-error`} className="utrecht-form-field__error-message">
          {error}
        </FormFieldErrorMessage>
      )}
      <ol className="lg-eval-choices">
        {question.choices.map((choice, j) => {
          const choiceAt = `${at}.choices[${j}]`;
          const n = j + 1;
          const fixed = locked && choice.saved;
          return (
            <li key={choice.uid} className="lg-eval-choice">
              <div className="lg-eval-row">
                <TextField
                  id={id(`${choiceAt}.label`)}
                  label={t('evaluations.builder.choiceLabel', { n })}
                  value={choice.label}
                  maxLength={200}
                  error={errorOf(`${choiceAt}.label`) ?? errorOf(choiceAt)}
                  onChange={(event) => actions.changeChoice(choice.uid, { label: event.target.value })}
                  onBlur={() => {
                    if (!choice.saved && choice.value.trim() === '' && choice.label.trim() !== '') {
                      actions.changeChoice(choice.uid, { value: valueFromLabel(choice.label) });
                    }
                  }}
                />
                <TextField
                  id={id(`${choiceAt}.value`)}
                  label={t('evaluations.builder.choiceValue', { n })}
                  description={fixed ? t('evaluations.builder.choiceValueFixed') : t('evaluations.builder.choiceValueHint')}
                  value={choice.value}
                  maxLength={200}
                  spellCheck={false}
                  readOnly={fixed}
                  error={errorOf(`${choiceAt}.value`)}
                  onChange={(event) => actions.changeChoice(choice.uid, { value: event.target.value })}
                />
              </div>
              <ButtonGroup>
                <Button
                  id={buttonId(choice.uid, 'up')}
                  type="button"
                  appearance="subtle-button"
                  disabled={j === 0}
                  aria-label={t('evaluations.builder.choiceUpLabel', { n })}
                  onClick={() => actions.moveChoice(choice, j, -1)}
                >
                  {t('evaluations.builder.up')}
                </Button>
                <Button
                  id={buttonId(choice.uid, 'down')}
                  type="button"
                  appearance="subtle-button"
                  disabled={j === question.choices.length - 1}
                  aria-label={t('evaluations.builder.choiceDownLabel', { n })}
                  onClick={() => actions.moveChoice(choice, j, 1)}
                >
                  {t('evaluations.builder.down')}
                </Button>
                {!fixed && (
                  <Button
                    type="button"
                    appearance="subtle-button"
                    hint="danger"
                    aria-label={t('evaluations.builder.choiceRemoveLabel', { n })}
                    onClick={() => actions.removeChoice(choice, j)}
                  >
                    {t('evaluations.builder.remove')}
                  </Button>
                )}
              </ButtonGroup>
            </li>
          );
        })}
      </ol>
      <Button
        id={id(`${at}.addChoice`)}
        type="button"
        appearance="secondary-action-button"
        disabled={question.choices.length >= 20}
        onClick={actions.addChoice}
      >
        {t('evaluations.builder.addChoice')}
      </Button>
    </Fieldset>
  );
}
