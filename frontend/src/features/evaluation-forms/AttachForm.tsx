import { Button, ButtonGroup, Paragraph, SelectOption } from '@utrecht/component-library-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CohortOverview } from '../../api/types';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { SelectField, TextField } from '../../components/fields';
import { fieldDomId } from '../../components/formProblem';
import { formatDay, formatMoment } from '../../i18n/dates';
import { cohortSessionsQuery } from '../planner/queries';
import { fromDateTimeLocal } from './amsterdamTime';
import { clientProblem, saveProblem, type SaveProblem } from './problems';
import { ProblemSummary } from './ProblemSummary';
import { attachForm, evaluationKeys, templatesQuery } from './queries';
import { RadioGroup } from '../../components/RadioGroup';
import { scopes, type EvaluationAttachInput, type EvaluationForm, type EvaluationScope } from './types';

interface AttachDraft {
  templateId: string;
  scope: EvaluationScope;
  moduleId: string;
  sessionId: string;
  title: string;
  opensAt: string;
  closesAt: string;
}

const emptyDraft = (): AttachDraft => ({
  templateId: '',
  scope: 'cohort',
  moduleId: '',
  sessionId: '',
  title: '',
  opensAt: '',
  closesAt: '',
});

/** Checks before sending, as i18n keys by the server's field names. */
export function validatePeriod(opensAt: string, closesAt: string): Record<string, string> {
  const errors: Record<string, string> = {};
  const opens = fromDateTimeLocal(opensAt);
  const closes = fromDateTimeLocal(closesAt);
  if (!opens) errors.opensAt = 'evaluations.period.errors.opensAt';
  if (!closes) errors.closesAt = 'evaluations.period.errors.closesAt';
  if (opens && closes && new Date(closes) <= new Date(opens)) errors.closesAt = 'evaluations.period.errors.order';
  return errors;
}

function validate(draft: AttachDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!draft.templateId) errors.templateId = 'evaluations.attach.errors.template';
  if (draft.scope === 'module' && !draft.moduleId) errors.moduleId = 'evaluations.attach.errors.module';
  if (draft.scope === 'session' && !draft.sessionId) errors.sessionId = 'evaluations.attach.errors.session';
  return { ...errors, ...validatePeriod(draft.opensAt, draft.closesAt) };
}

function inputOf(draft: AttachDraft): EvaluationAttachInput {
  const input: EvaluationAttachInput = {
    templateId: draft.templateId,
    scope: draft.scope,
    moduleId: draft.scope === 'module' ? draft.moduleId : null,
    sessionId: draft.scope === 'session' ? draft.sessionId : null,
    opensAt: fromDateTimeLocal(draft.opensAt) ?? draft.opensAt,
    closesAt: fromDateTimeLocal(draft.closesAt) ?? draft.closesAt,
  };
  if (draft.title.trim()) input.title = draft.title.trim();
  return input;
}

/**
 * Attaches a copy of one of the programme's templates to the whole cohort, one module or one session, open
 * between two moments typed in Amsterdam time (admins).
 */
export function AttachForm({ cohort, onAttached }: { cohort: CohortOverview; onAttached: (form: EvaluationForm) => void }) {
  const { t } = useTranslation();
  const prefix = useId();
  const queryClient = useQueryClient();
  const templates = useQuery(templatesQuery(cohort.programmeId));
  const sessions = useQuery(cohortSessionsQuery(cohort.id));
  const [draft, setDraft] = useState<AttachDraft>(emptyDraft);
  const [problem, setProblem] = useState<SaveProblem | null>(null);
  const id = (field: string) => fieldDomId(prefix, field);
  const errorOf = (field: string) => problem?.fields[field];
  const change = (next: Partial<AttachDraft>) => setDraft((current) => ({ ...current, ...next }));

  const save = useMutation({
    mutationFn: (next: AttachDraft) => attachForm(cohort.id, inputOf(next)),
    onSuccess: async (form) => {
      setProblem(null);
      setDraft(emptyDraft());
      await queryClient.invalidateQueries({ queryKey: evaluationKeys.cohortForms(cohort.id) });
      await queryClient.invalidateQueries({ queryKey: evaluationKeys.templates(cohort.programmeId) });
      onAttached(form);
    },
    onError: (error) => setProblem(saveProblem(error)),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (save.isPending) return;
    const invalid = clientProblem(validate(draft));
    setProblem(invalid);
    if (!invalid) save.mutate(draft);
  }

  const modules = [...cohort.modules].sort((a, b) => a.position - b.position);
  const plannable = [...(sessions.data?.sessions ?? [])]
    .filter((session) => session.status === 'scheduled')
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));

  return (
    <form noValidate onSubmit={onSubmit} className="lg-form lg-eval-attach" aria-busy={save.isPending}>
      {problem && <ProblemSummary problem={problem} fieldId={id} />}
      {templates.error && <QueryErrorAlert error={templates.error} />}
      <SelectField
        id={id('templateId')}
        label={t('evaluations.attach.template')}
        description={t('evaluations.attach.templateHint')}
        value={draft.templateId}
        error={errorOf('templateId')}
        required
        onChange={(event) => change({ templateId: event.target.value })}
      >
        <SelectOption value="">{t('evaluations.attach.templatePlaceholder')}</SelectOption>
        {(templates.data ?? []).map((template) => (
          <SelectOption key={template.id} value={template.id}>
            {t('evaluations.templates.nameWithRevision', { title: template.title, revision: template.revision })}
          </SelectOption>
        ))}
      </SelectField>
      <RadioGroup
        id={id('scope')}
        name={`${prefix}-scope`}
        legend={t('evaluations.attach.scope')}
        error={errorOf('scope')}
        value={draft.scope}
        required
        onChange={(value) => change({ scope: value as EvaluationScope })}
        options={scopes.map((scope) => ({ value: scope, label: t(`evaluations.attach.scopes.${scope}`) }))}
      />
      {draft.scope === 'module' && (
        <SelectField
          id={id('moduleId')}
          label={t('evaluations.attach.module')}
          value={draft.moduleId}
          error={errorOf('moduleId')}
          required
          onChange={(event) => change({ moduleId: event.target.value })}
        >
          <SelectOption value="">{t('evaluations.attach.modulePlaceholder')}</SelectOption>
          {modules.map((module) => (
            <SelectOption key={module.id} value={module.id}>
              {t('evaluations.attach.moduleOption', { position: module.position, title: module.title })}
            </SelectOption>
          ))}
        </SelectField>
      )}
      {draft.scope === 'session' && (
        <>
          {sessions.error && <QueryErrorAlert error={sessions.error} />}
          <SelectField
            id={id('sessionId')}
            label={t('evaluations.attach.session')}
            description={plannable.length === 0 && sessions.data ? t('evaluations.attach.noSessions') : undefined}
            value={draft.sessionId}
            error={errorOf('sessionId')}
            required
            onChange={(event) => change({ sessionId: event.target.value })}
          >
            <SelectOption value="">{t('evaluations.attach.sessionPlaceholder')}</SelectOption>
            {plannable.map((session) => (
              <SelectOption key={session.id} value={session.id}>
                {t('evaluations.attach.sessionOption', { day: formatDay(session.startsAt), title: session.title })}
              </SelectOption>
            ))}
          </SelectField>
        </>
      )}
      <TextField
        id={id('title')}
        label={t('evaluations.attach.title')}
        description={t('evaluations.attach.titleHint')}
        value={draft.title}
        maxLength={200}
        error={errorOf('title')}
        onChange={(event) => change({ title: event.target.value })}
      />
      <PeriodFields
        id={id}
        opensAt={draft.opensAt}
        closesAt={draft.closesAt}
        errorOf={errorOf}
        onChange={(next) => change(next)}
      />
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button" busy={save.isPending}>
          {save.isPending ? t('evaluations.form.saving') : t('evaluations.attach.submit')}
        </Button>
      </ButtonGroup>
    </form>
  );
}

/** Opening and closing moment as datetime-local inputs, in Amsterdam time whatever the device says. */
export function PeriodFields({
  id,
  opensAt,
  closesAt,
  errorOf,
  onChange,
}: {
  id: (field: string) => string;
  opensAt: string;
  closesAt: string;
  errorOf: (field: string) => string | undefined;
  onChange: (next: { opensAt?: string; closesAt?: string }) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Paragraph className="lg-eval-muted">{t('evaluations.period.timeZoneNote')}</Paragraph>
      <div className="lg-eval-row">
        <TextField
          id={id('opensAt')}
          type="datetime-local"
          label={t('evaluations.period.opensAt')}
          value={opensAt}
          error={errorOf('opensAt')}
          required
          onChange={(event) => onChange({ opensAt: event.target.value })}
        />
        <TextField
          id={id('closesAt')}
          type="datetime-local"
          label={t('evaluations.period.closesAt')}
          value={closesAt}
          error={errorOf('closesAt')}
          required
          onChange={(event) => onChange({ closesAt: event.target.value })}
        />
      </div>
    </>
  );
}

/** "van 1 okt 2026, 09:00 tot 15 okt 2026, 17:00" with machine-readable moments. */
export function PeriodText({ opensAt, closesAt }: { opensAt: string; closesAt: string }) {
  const { t } = useTranslation();
  return (
    <>
      {t('evaluations.period.from')} <time dateTime={opensAt}>{formatMoment(opensAt)}</time> {t('evaluations.period.until')}{' '}
      <time dateTime={closesAt}>{formatMoment(closesAt)}</time>
    </>
  );
}
