import '../../i18n/staff';
import { Button, ButtonGroup, Paragraph, SelectOption } from '@utrecht/component-library-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/ApiError';
import { fieldErrors } from '../../api/problem';
import type { CohortModule } from '../../api/types';
import { cohortKeys } from '../cohorts/queries';
import { draftOf, emptyDraft, inputOf, sessionFields, type SessionDraft, type SessionField } from './draft';
import { FieldErrorSummary, type SummaryItem } from '../../components/ErrorSummary';
import { CheckboxGroup, SelectField, TextAreaField, TextField } from '../../components/fields';
import { createSession, plannerKeys, updateSession } from './queries';
import type { Session, SessionFacilitator } from './types';
import { validateSession, type SessionErrors } from './validate';

interface Failure {
  title: string;
  detail?: string | undefined;
  /** Someone else saved this session first: offer their version. */
  stale?: boolean;
}

/**
 * Plans a new session or changes one. Everything is typed in Amsterdam time, the way the session is announced.
 * Errors are listed at the top (focused) and at each field; saving with a conflict succeeds and the page shows
 * the warnings.
 */
export function SessionForm({
  cohortId,
  modules,
  facilitators,
  session,
  defaultFacilitatorIds = [],
  onSaved,
  onCancel,
}: {
  cohortId: string;
  modules: CohortModule[];
  facilitators: SessionFacilitator[];
  /** The session to change; absent for a new one. */
  session?: Session;
  defaultFacilitatorIds?: string[];
  onSaved: (session: Session) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const prefix = useId();
  const idOf = (field: SessionField) => `${prefix}-${field}`;
  const [draft, setDraft] = useState<SessionDraft>(() => (session ? draftOf(session) : emptyDraft(defaultFacilitatorIds)));
  // Client checks are i18n keys (they follow a language switch); the server's messages are shown as sent.
  const [clientErrors, setClientErrors] = useState<SessionErrors>({});
  const [serverErrors, setServerErrors] = useState<Partial<Record<SessionField, string>>>({});
  const [failure, setFailure] = useState<Failure | null>(null);
  const [summaryShown, setSummaryShown] = useState(0);
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (summaryShown > 0) alertRef.current?.focus();
  }, [summaryShown]);

  // The button that opened the form is gone: start keyboard users at its first field.
  useEffect(() => {
    document.getElementById(`${prefix}-moduleId`)?.focus();
  }, [prefix]);

  const save = useMutation({
    mutationFn: (next: SessionDraft) =>
      session ? updateSession(session, inputOf(next)) : createSession(cohortId, inputOf(next)),
    onSuccess: async (saved) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: plannerKeys.cohort(cohortId) }),
        queryClient.invalidateQueries({ queryKey: cohortKeys.detail(cohortId) }),
      ]);
      onSaved(saved);
    },
    onError: (error) => {
      const byField: Partial<Record<SessionField, string>> = {};
      const other: string[] = [];
      if (isApiError(error)) {
        for (const { field, message } of fieldErrors(error.problem)) {
          if ((sessionFields as string[]).includes(field)) byField[field as SessionField] = message;
          else other.push(message);
        }
      }
      setServerErrors(byField);
      if (isApiError(error, 412)) {
        void queryClient.invalidateQueries({ queryKey: plannerKeys.cohort(cohortId) });
        setFailure({ title: t('planner.form.staleTitle'), detail: t('planner.form.staleDetail'), stale: true });
      } else if (isApiError(error)) {
        const detail = [error.problem?.detail, ...other].filter(Boolean).join(' ') || undefined;
        setFailure({ title: error.problem?.title ?? t('planner.form.failed'), detail });
      } else {
        setFailure({ title: t('planner.form.network') });
      }
      setSummaryShown((n) => n + 1);
    },
  });

  function change<K extends SessionField>(field: K, value: SessionDraft[K]) {
    setDraft((current) => ({ ...current, [field]: value }));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (save.isPending) return; // the button stays enabled (keeps focus); a second press is ignored
    const errors = validateSession(draft);
    setClientErrors(errors);
    setServerErrors({});
    setFailure(null);
    if (Object.keys(errors).length > 0) {
      setSummaryShown((n) => n + 1);
      return;
    }
    save.mutate(draft);
  }

  function showLatest() {
    const latest = queryClient
      .getQueryData<{ sessions: Session[] }>(plannerKeys.cohort(cohortId))
      ?.sessions.find((candidate) => candidate.id === session?.id);
    if (latest) setDraft(draftOf(latest));
    setFailure(null);
  }

  const errorOf = (field: SessionField): string | undefined =>
    clientErrors[field] ? t(clientErrors[field]) : serverErrors[field];
  const summary: SummaryItem[] = sessionFields.flatMap((field) => {
    const message = errorOf(field);
    return message ? [{ id: idOf(field), message }] : [];
  });
  const ordered = [...modules].sort((a, b) => a.position - b.position);

  return (
    <form noValidate onSubmit={onSubmit} className="lg-form lg-session-form" aria-busy={save.isPending}>
      {(failure || summary.length > 0) && (
        <FieldErrorSummary
          alertRef={alertRef}
          title={failure?.title ?? t('planner.form.summaryTitle')}
          detail={failure?.detail}
          items={summary}
        />
      )}
      {failure?.stale && session && (
        <Button type="button" appearance="secondary-action-button" onClick={showLatest}>
          {t('planner.form.showLatest')}
        </Button>
      )}
      <SelectField
        id={idOf('moduleId')}
        label={t('planner.form.module')}
        value={draft.moduleId}
        onChange={(event) => change('moduleId', event.target.value)}
        error={errorOf('moduleId')}
        required
      >
        <SelectOption value="">{t('planner.form.modulePlaceholder')}</SelectOption>
        {ordered.map((module) => (
          <SelectOption key={module.id} value={module.id}>{`${module.position}. ${module.title}`}</SelectOption>
        ))}
      </SelectField>
      <TextField
        id={idOf('title')}
        label={t('planner.form.title')}
        value={draft.title}
        onChange={(event) => change('title', event.target.value)}
        error={errorOf('title')}
        maxLength={200}
        required
      />
      <div className="lg-form-row">
        <TextField
          id={idOf('date')}
          type="date"
          label={t('planner.form.date')}
          value={draft.date}
          onChange={(event) => change('date', event.target.value)}
          error={errorOf('date')}
          required
        />
        <TextField
          id={idOf('startTime')}
          type="time"
          label={t('planner.form.startTime')}
          value={draft.startTime}
          onChange={(event) => change('startTime', event.target.value)}
          error={errorOf('startTime')}
          required
        />
        <TextField
          id={idOf('endTime')}
          type="time"
          label={t('planner.form.endTime')}
          value={draft.endTime}
          onChange={(event) => change('endTime', event.target.value)}
          error={errorOf('endTime')}
          required
        />
      </div>
      <Paragraph small className="lg-form-note">
        {t('planner.form.timeZoneNote')}
      </Paragraph>
      <TextField
        id={idOf('endDate')}
        type="date"
        label={t('planner.form.endDate')}
        description={t('planner.form.endDateHelp')}
        value={draft.endDate}
        onChange={(event) => change('endDate', event.target.value)}
        error={errorOf('endDate')}
      />
      <TextField
        id={idOf('venue')}
        label={t('planner.form.venue')}
        description={t('planner.form.placeHelp')}
        value={draft.venue}
        onChange={(event) => change('venue', event.target.value)}
        error={errorOf('venue')}
        maxLength={300}
      />
      <TextField
        id={idOf('onlineUrl')}
        type="url"
        label={t('planner.form.onlineUrl')}
        value={draft.onlineUrl}
        onChange={(event) => change('onlineUrl', event.target.value)}
        error={errorOf('onlineUrl')}
        placeholder="https://"
        maxLength={2000}
      />
      <TextAreaField
        id={idOf('agenda')}
        label={t('planner.form.agenda')}
        value={draft.agenda}
        onChange={(event) => change('agenda', event.target.value)}
        error={errorOf('agenda')}
        rows={5}
      />
      <TextAreaField
        id={idOf('topics')}
        label={t('planner.form.topics')}
        description={t('planner.form.topicsHelp')}
        value={draft.topics}
        onChange={(event) => change('topics', event.target.value)}
        error={errorOf('topics')}
        rows={3}
      />
      {facilitators.length > 0 && (
        <CheckboxGroup
          id={idOf('facilitatorIds')}
          legend={t('planner.form.facilitators')}
          options={facilitators.map((facilitator) => ({ value: facilitator.id, label: facilitator.name }))}
          checked={draft.facilitatorIds}
          onChange={(ids) => change('facilitatorIds', ids)}
          error={errorOf('facilitatorIds')}
        />
      )}
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button" busy={save.isPending}>
          {save.isPending ? t('planner.form.saving') : session ? t('planner.form.saveChanges') : t('planner.form.create')}
        </Button>
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
          {t('planner.form.cancel')}
        </Button>
      </ButtonGroup>
    </form>
  );
}
