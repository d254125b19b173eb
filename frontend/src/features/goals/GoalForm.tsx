import { Button, ButtonGroup, Fieldset, FieldsetLegend, FormFieldDescription, SelectOption } from '@utrecht/component-library-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { fieldDomId } from '../../components/formProblem';
import { AspectFields } from './AspectFields';
import { baseVersion, draftOf, emptyDraft, formField, inputOf, patchOf, validateGoal, type GoalDraft } from './draft';
import { clientErrors, saveProblem } from './problems';
import { createGoal, goalChanged, goalKeys, goalQuery, updateGoal } from './queries';
import { goalStatuses, type Framework, type Goal, type GoalModule } from './types';

type Problem = ReturnType<typeof saveProblem>;

/**
 * Writes a new learning goal or changes one. Problems are listed at the top (focused, each a link to its field)
 * and shown at the fields. A goal changed elsewhere in the meantime is never overwritten: the form says so and
 * offers the latest version.
 */
export function GoalForm({
  cohortId,
  modules,
  framework,
  goal,
  initialModuleId = '',
  onSaved,
  onCancel,
}: {
  cohortId: string;
  modules: GoalModule[];
  framework: Framework | null;
  /** The goal to change; absent for a new one. */
  goal?: Goal;
  initialModuleId?: string;
  onSaved: (goal: Goal) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const prefix = useId();
  const [base, setBase] = useState<Goal | undefined>(goal);
  const [draft, setDraft] = useState<GoalDraft>(() => (goal ? draftOf(goal) : emptyDraft(initialModuleId)));
  const [problem, setProblem] = useState<Problem | null>(null);
  // Where focus goes after a step row was added or removed (-1: the add button); a new object each time.
  const [focusStep, setFocusStep] = useState<{ at: number } | null>(null);
  const addStepRef = useRef<HTMLButtonElement>(null);

  const idOf = (field: string) => (field === 'steps' ? fieldDomId(prefix, 'steps[0]') : fieldDomId(prefix, formField(field)));

  useEffect(() => {
    if (focusStep === null) return;
    if (focusStep.at < 0) addStepRef.current?.focus();
    else document.getElementById(fieldDomId(prefix, `steps[${focusStep.at}]`))?.focus();
  }, [focusStep, prefix]);

  const save = useMutation({
    mutationFn: (next: GoalDraft) => {
      if (!base) return createGoal(cohortId, inputOf(next));
      const latest = queryClient.getQueryData<Goal>(goalKeys.detail(base.id));
      return updateGoal(base.id, baseVersion(base, latest), patchOf(next));
    },
    onSuccess: async (saved) => {
      await goalChanged(queryClient, saved);
      if (base) {
        setBase(saved);
        setDraft(draftOf(saved));
      }
      onSaved(saved);
    },
    onError: (error) => setProblem(saveProblem(error)),
  });

  const reload = useMutation({
    mutationFn: async () => {
      if (!base) throw new Error('no goal');
      return queryClient.fetchQuery({ ...goalQuery(base.id), staleTime: 0 });
    },
    onSuccess: (fresh) => {
      setBase(fresh);
      setDraft(draftOf(fresh));
      setProblem(null);
    },
    onError: (error) => setProblem(saveProblem(error)),
  });

  function change<K extends keyof GoalDraft>(field: K, value: GoalDraft[K]) {
    setDraft((current) => ({ ...current, [field]: value }));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (save.isPending) return; // the button keeps focus; a second press is ignored
    const invalid = clientErrors(validateGoal(draft));
    setProblem(invalid);
    if (!invalid) save.mutate(draft);
  }

  const errorOf = (field: string): string | undefined => {
    if (!problem) return undefined;
    const entry = Object.entries(problem.fields).find(([name]) => formField(name) === field);
    return entry?.[1];
  };
  const ordered = [...modules].sort((a, b) => a.position - b.position);

  return (
    <form noValidate onSubmit={onSubmit} className="lg-form lg-learning-form" aria-busy={save.isPending}>
      {problem && <ErrorSummary problem={problem} fieldId={idOf} />}
      {problem?.stale && base && (
        <Button type="button" appearance="secondary-action-button" busy={reload.isPending} onClick={() => reload.mutate()}>
          {t('learningNav.stale.reload')}
        </Button>
      )}
      <TextField
        id={idOf('title')}
        label={t('goals.form.title')}
        value={draft.title}
        onChange={(event) => change('title', event.target.value)}
        error={errorOf('title')}
        maxLength={200}
        required
      />
      <TextAreaField
        id={idOf('description')}
        label={t('goals.form.description')}
        description={t('goals.form.descriptionHelp')}
        value={draft.description}
        onChange={(event) => change('description', event.target.value)}
        error={errorOf('description')}
        rows={4}
        maxLength={10000}
      />
      <TextAreaField
        id={idOf('successCriteria')}
        label={t('goals.form.successCriteria')}
        description={t('goals.form.successCriteriaHelp')}
        value={draft.successCriteria}
        onChange={(event) => change('successCriteria', event.target.value)}
        error={errorOf('successCriteria')}
        rows={3}
        maxLength={5000}
      />
      <SelectField
        id={idOf('moduleId')}
        label={t('goals.form.module')}
        value={draft.moduleId}
        onChange={(event) => change('moduleId', event.target.value)}
        error={errorOf('moduleId')}
      >
        <SelectOption value="">{t('goals.wholeProgramme')}</SelectOption>
        {ordered.map((module) => (
          <SelectOption key={module.id} value={module.id}>
            {t('goals.module', { position: module.position, title: module.title })}
          </SelectOption>
        ))}
      </SelectField>
      <div className="lg-learning-row">
        <TextField
          id={idOf('targetDate')}
          type="date"
          label={t('goals.form.targetDate')}
          description={t('goals.form.targetDateHelp')}
          value={draft.targetDate}
          onChange={(event) => change('targetDate', event.target.value)}
          error={errorOf('targetDate')}
        />
        <SelectField
          id={idOf('status')}
          label={t('goals.form.status')}
          value={draft.status}
          onChange={(event) => change('status', event.target.value as GoalDraft['status'])}
          error={errorOf('status')}
        >
          {goalStatuses.map((status) => (
            <SelectOption key={status} value={status}>
              {t(`goals.status.${status}`)}
            </SelectOption>
          ))}
        </SelectField>
      </div>
      {framework && framework.groups.length > 0 && (
        <AspectFields
          id={idOf('aspectKeys')}
          framework={framework}
          checked={draft.aspectKeys}
          onChange={(keys) => change('aspectKeys', keys)}
          error={errorOf('aspectKeys')}
        />
      )}
      {!base && (
        <Fieldset className="lg-new-steps">
          <FieldsetLegend>{t('goals.form.steps')}</FieldsetLegend>
          <FormFieldDescription className="utrecht-form-field__description">{t('goals.form.stepsHelp')}</FormFieldDescription>
          {errorOf('steps') && (
            <p className="utrecht-form-field-error-message" id={`${prefix}-steps-error`}>
              {errorOf('steps')}
            </p>
          )}
          <ol className="lg-new-steps__list">
            {draft.steps.map((step, index) => (
              <li key={index} className="lg-new-steps__item">
                <TextField
                  id={fieldDomId(prefix, `steps[${index}]`)}
                  label={t('goals.form.stepLabel', { number: index + 1 })}
                  value={step}
                  onChange={(event) =>
                    change(
                      'steps',
                      draft.steps.map((other, at) => (at === index ? event.target.value : other)),
                    )
                  }
                  error={errorOf(`steps[${index}]`)}
                  maxLength={300}
                />
                <Button
                  type="button"
                  appearance="subtle-button"
                  onClick={() => {
                    change(
                      'steps',
                      draft.steps.filter((_, at) => at !== index),
                    );
                    setFocusStep({ at: draft.steps.length > 1 ? Math.max(0, index - 1) : -1 });
                  }}
                >
                  {t('goals.form.removeStep', { number: index + 1 })}
                </Button>
              </li>
            ))}
          </ol>
          <Button
            ref={addStepRef}
            type="button"
            appearance="secondary-action-button"
            disabled={draft.steps.length >= 50}
            onClick={() => {
              change('steps', [...draft.steps, '']);
              setFocusStep({ at: draft.steps.length });
            }}
          >
            {t('goals.form.addStep')}
          </Button>
        </Fieldset>
      )}
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button" busy={save.isPending}>
          {save.isPending ? t('learningNav.form.saving') : base ? t('goals.form.saveChanges') : t('goals.form.create')}
        </Button>
        {onCancel && (
          <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
            {t('learningNav.form.cancel')}
          </Button>
        )}
      </ButtonGroup>
    </form>
  );
}
