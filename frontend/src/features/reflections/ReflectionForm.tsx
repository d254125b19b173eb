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
  RadioButton,
  SelectOption,
} from '@utrecht/component-library-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CohortOverview, Me } from '../../api/types';
import { currentLanguage } from '../../i18n';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { fieldDomId } from '../../components/formProblem';
import { formatDate, todayInAmsterdam } from '../goals/format';
import { clientErrors, saveProblem } from '../goals/problems';
import { myGoalsQuery } from '../goals/queries';
import { cohortSessionsQuery } from '../programme/queries';
import { draftOfReflection, emptyReflectionDraft, inputOfReflection, validateReflection, type ReflectionDraft } from './draft';
import { createReflection, reflectionQuery, reflectionsChanged, updateReflection } from './queries';
import { visibilities, type ReflectionDetail } from './types';

type Problem = ReturnType<typeof saveProblem>;

/** Server field names onto the form's: goalIds[2] is shown at the goals. */
const formField = (field: string) => (field.startsWith('goalIds') ? 'goalIds' : field);

/**
 * Writes a reflection in the logbook or changes one, including who may read it. Private is the default, and
 * each choice says in a sentence who can read the reflection.
 */
export function ReflectionForm({
  cohort,
  user,
  reflection,
  onSaved,
  onCancel,
}: {
  cohort: CohortOverview;
  user: Me;
  /** The reflection to change; absent for a new one. */
  reflection?: ReflectionDetail;
  onSaved: (reflection: ReflectionDetail) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const prefix = useId();
  const lng = currentLanguage();
  const [base, setBase] = useState(reflection);
  const [draft, setDraft] = useState<ReflectionDraft>(() =>
    reflection ? draftOfReflection(reflection) : emptyReflectionDraft(todayInAmsterdam()),
  );
  const [problem, setProblem] = useState<Problem | null>(null);
  const sessions = useQuery(cohortSessionsQuery(cohort.id));
  const goals = useQuery(myGoalsQuery(cohort.id, user.id));

  const idOf = (field: string) => fieldDomId(prefix, formField(field));

  const save = useMutation({
    mutationFn: (next: ReflectionDraft) =>
      base ? updateReflection(base.id, base.version, inputOfReflection(next)) : createReflection(cohort.id, inputOfReflection(next)),
    onSuccess: async (saved) => {
      queryClient.setQueryData(reflectionQuery(saved.id).queryKey, saved);
      await reflectionsChanged(queryClient);
      onSaved(saved);
    },
    onError: (error) => setProblem(saveProblem(error)),
  });

  const reload = useMutation({
    mutationFn: () => queryClient.fetchQuery({ ...reflectionQuery(base?.id ?? ''), staleTime: 0 }),
    onSuccess: (fresh) => {
      setBase(fresh);
      setDraft(draftOfReflection(fresh));
      setProblem(null);
    },
    onError: (error) => setProblem(saveProblem(error)),
  });

  function change<K extends keyof ReflectionDraft>(field: K, value: ReflectionDraft[K]) {
    setDraft((current) => ({ ...current, [field]: value }));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (save.isPending) return;
    const invalid = clientErrors(validateReflection(draft));
    setProblem(invalid);
    if (!invalid) save.mutate(draft);
  }

  const errorOf = (field: string): string | undefined =>
    problem ? Object.entries(problem.fields).find(([name]) => formField(name) === field)?.[1] : undefined;

  const modules = [...cohort.modules].sort((a, b) => a.position - b.position);
  const sessionOptions = (sessions.data ?? []).filter(
    (session) => !draft.moduleId || session.moduleId === draft.moduleId || session.id === draft.sessionId,
  );
  const goalOptions = goals.data?.goals ?? [];
  const visibilityError = errorOf('visibility');
  const goalsError = errorOf('goalIds');

  return (
    <form noValidate onSubmit={onSubmit} className="lg-form lg-learning-form" aria-busy={save.isPending}>
      {problem && <ErrorSummary problem={problem} fieldId={idOf} />}
      {problem?.stale && base && (
        <Button type="button" appearance="secondary-action-button" busy={reload.isPending} onClick={() => reload.mutate()}>
          {t('learningNav.stale.reload')}
        </Button>
      )}
      <TextField
        id={idOf('writtenOn')}
        type="date"
        label={t('reflections.form.writtenOn')}
        description={t('reflections.form.writtenOnHelp')}
        value={draft.writtenOn}
        max={todayInAmsterdam()}
        onChange={(event) => change('writtenOn', event.target.value)}
        error={errorOf('writtenOn')}
        required
      />
      <TextField
        id={idOf('title')}
        label={t('reflections.form.title')}
        description={t('reflections.form.titleHelp')}
        value={draft.title}
        onChange={(event) => change('title', event.target.value)}
        error={errorOf('title')}
        maxLength={200}
      />
      <TextAreaField
        id={idOf('bodyMarkdown')}
        label={t('reflections.form.body')}
        description={
          <>
            {t('reflections.form.bodyHelp')} <code>**{t('reflections.form.bold')}**</code>, <code>*{t('reflections.form.italic')}*</code>,{' '}
            <code>- {t('reflections.form.listItem')}</code>, <code>[{t('reflections.form.linkText')}](https://…)</code>.
          </>
        }
        value={draft.bodyMarkdown}
        onChange={(event) => change('bodyMarkdown', event.target.value)}
        error={errorOf('bodyMarkdown')}
        rows={12}
        maxLength={100000}
        required
      />

      <Fieldset
        invalid={Boolean(visibilityError)}
        aria-describedby={visibilityError ? `${idOf('visibility')}-error` : undefined}
        className="lg-visibility-choice"
      >
        <FieldsetLegend>{t('reflections.form.visibility')}</FieldsetLegend>
        {visibilityError && (
          <FormFieldErrorMessage id={`${idOf('visibility')}-error`} className="utrecht-form-field__error-message">
            {visibilityError}
          </FormFieldErrorMessage>
        )}
        {visibilities.map((visibility, index) => {
          const id = index === 0 ? idOf('visibility') : `${idOf('visibility')}-${visibility}`;
          return (
            <FormField key={visibility} type="radio" className="lg-radio">
              <div className="utrecht-form-field__input">
                <RadioButton
                  id={id}
                  name={`${prefix}-visibility`}
                  value={visibility}
                  checked={draft.visibility === visibility}
                  aria-describedby={`${id}-description`}
                  onChange={() => change('visibility', visibility)}
                />
              </div>
              <div className="utrecht-form-field__label utrecht-form-field__label--radio">
                <FormLabel htmlFor={id} type="radio" checked={draft.visibility === visibility}>
                  {t(`reflections.visibility.${visibility}.label`)}
                </FormLabel>
              </div>
              <FormFieldDescription id={`${id}-description`} className="utrecht-form-field__description">
                {t(`reflections.visibility.${visibility}.description`)}
              </FormFieldDescription>
            </FormField>
          );
        })}
        {base && base.visibility !== 'private' && draft.visibility === 'private' && (
          <Paragraph className="lg-learning-note">{t('reflections.form.makingPrivate')}</Paragraph>
        )}
      </Fieldset>

      <SelectField
        id={idOf('moduleId')}
        label={t('reflections.form.module')}
        value={draft.moduleId}
        onChange={(event) => {
          const moduleId = event.target.value;
          const session = sessions.data?.find((candidate) => candidate.id === draft.sessionId);
          // A session of another module no longer fits: let go of it rather than send a contradiction.
          setDraft((current) => ({
            ...current,
            moduleId,
            sessionId: moduleId && session && session.moduleId !== moduleId ? '' : current.sessionId,
          }));
        }}
        error={errorOf('moduleId')}
      >
        <SelectOption value="">{t('reflections.form.noModule')}</SelectOption>
        {modules.map((module) => (
          <SelectOption key={module.id} value={module.id}>
            {t('goals.module', { position: module.position, title: module.title })}
          </SelectOption>
        ))}
      </SelectField>
      <SelectField
        id={idOf('sessionId')}
        label={t('reflections.form.session')}
        description={sessions.error ? t('reflections.form.sessionsFailed') : t('reflections.form.sessionHelp')}
        value={draft.sessionId}
        onChange={(event) => {
          const sessionId = event.target.value;
          const session = sessions.data?.find((candidate) => candidate.id === sessionId);
          // Choosing a session says which module it was in, too.
          setDraft((current) => ({ ...current, sessionId, moduleId: session ? session.moduleId : current.moduleId }));
        }}
        error={errorOf('sessionId')}
      >
        <SelectOption value="">{t('reflections.form.noSession')}</SelectOption>
        {sessionOptions.map((session) => (
          <SelectOption key={session.id} value={session.id}>
            {`${formatDate(session.date, lng)} — ${session.title}`}
          </SelectOption>
        ))}
      </SelectField>

      <Fieldset
        invalid={Boolean(goalsError)}
        aria-describedby={[`${idOf('goalIds')}-hint`, goalsError ? `${idOf('goalIds')}-error` : ''].filter(Boolean).join(' ')}
        className="lg-goal-choice"
      >
        <FieldsetLegend>{t('reflections.form.goals')}</FieldsetLegend>
        <FormFieldDescription id={`${idOf('goalIds')}-hint`} className="utrecht-form-field__description">
          {goals.error ? t('reflections.form.goalsFailed') : goalOptions.length === 0 ? t('reflections.form.noGoals') : t('reflections.form.goalsHelp')}
        </FormFieldDescription>
        {goalsError && (
          <FormFieldErrorMessage id={`${idOf('goalIds')}-error`} className="utrecht-form-field__error-message">
            {goalsError}
          </FormFieldErrorMessage>
        )}
        {goalOptions.map((goal, index) => {
          const id = index === 0 ? idOf('goalIds') : `${idOf('goalIds')}-${goal.id}`;
          return (
            <FormField key={goal.id} type="checkbox" className="lg-checkbox">
              <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
                <FormLabel htmlFor={id} type="checkbox">
                  <Checkbox
                    id={id}
                    className="utrecht-form-field__input"
                    checked={draft.goalIds.includes(goal.id)}
                    onChange={(event) =>
                      change(
                        'goalIds',
                        event.target.checked ? [...draft.goalIds, goal.id] : draft.goalIds.filter((other) => other !== goal.id),
                      )
                    }
                  />{' '}
                  {goal.title}
                </FormLabel>
              </div>
            </FormField>
          );
        })}
      </Fieldset>

      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button" busy={save.isPending}>
          {save.isPending ? t('learningNav.form.saving') : base ? t('reflections.form.saveChanges') : t('reflections.form.create')}
        </Button>
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
          {t('learningNav.form.cancel')}
        </Button>
      </ButtonGroup>
    </form>
  );
}
