import '../../i18n/learning';
import {
  Alert,
  Button,
  Checkbox,
  FormField,
  FormFieldErrorMessage,
  FormLabel,
  Heading1,
  Heading2,
  Paragraph,
} from '@utrecht/component-library-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CohortOverview, Me } from '../../api/types';
import { ConfirmButton } from '../../components/ConfirmButton';
import { Loading } from '../../components/Loading';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { RichText } from '../../components/RichText';
import { usePageTitle } from '../../components/usePageTitle';
import { currentLanguage } from '../../i18n';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextAreaField, TextField } from '../../components/fields';
import { fieldDomId } from '../../components/formProblem';
import { cohortTitle } from '../cohorts/CohortDetails';
import { CohortPicker } from '../goals/CohortPicker';
import { formatInstant } from '../goals/format';
import { useParticipantCohorts } from '../goals/participantCohorts';
import { clientErrors, saveProblem } from '../goals/problems';
import { StatusNote } from '../goals/StatusNote';
import { myPortraitQuery, portraitKeys, savePortrait, submitPortrait, withdrawPortrait } from './queries';
import type { Portrait } from './types';
import '../goals/learning.css';

type Problem = ReturnType<typeof saveProblem>;

/** Whether a portrait may be submitted (again): a draft, or a rejected one after the note was read. */
export const canSubmit = (portrait: Portrait) => portrait.status === 'draft' || portrait.status === 'rejected';
/** Whether consent can be withdrawn: while it is waiting for review or published. */
export const canWithdraw = (portrait: Portrait) => portrait.status === 'submitted' || portrait.status === 'approved';

/**
 * /deelnemer/portret, "Mijn portret": the participant's story about the programme. Published only with their
 * consent (for exactly this text) and the programme office's approval; withdrawing consent takes it offline.
 */
export function PortraitPage({ user }: { user: Me }) {
  const { t } = useTranslation();
  usePageTitle(t('portrait.title'));
  const cohorts = useParticipantCohorts(user);
  return (
    <>
      <Heading1>{t('portrait.title')}</Heading1>
      <Paragraph>{t('portrait.intro')}</Paragraph>
      {cohorts.status === 'none' ? (
        <Paragraph>{t('learningNav.noCohort')}</Paragraph>
      ) : cohorts.status === 'loading' ? (
        <Loading />
      ) : (
        <>
          {cohorts.errors.map((error, index) => (
            <QueryErrorAlert key={index} error={error} />
          ))}
          {cohorts.cohort && (
            <>
              <Paragraph lead>{cohortTitle(cohorts.cohort)}</Paragraph>
              <CohortPicker cohorts={cohorts.cohorts} current={cohorts.cohort} />
              <CohortPortrait key={cohorts.cohort.id} cohort={cohorts.cohort} />
            </>
          )}
        </>
      )}
    </>
  );
}

function CohortPortrait({ cohort }: { cohort: CohortOverview }) {
  const { data, error, isPending } = useQuery(myPortraitQuery(cohort.id));
  if (error) return <QueryErrorAlert error={error} />;
  if (isPending) return <Loading />;
  return <PortraitWork cohortId={cohort.id} portrait={data ?? null} />;
}

function PortraitWork({ cohortId, portrait }: { cohortId: string; portrait: Portrait | null }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const prefix = useId();
  const statusId = useId();
  const editId = useId();
  const [title, setTitle] = useState(portrait?.title ?? '');
  const [body, setBody] = useState(portrait?.body ?? '');
  // The version the text in the editor is based on: a save on top of someone else's change is refused (412).
  const [base, setBase] = useState<Portrait | null>(portrait);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const idOf = (field: string) => fieldDomId(prefix, field);
  const dirty = title !== (base?.title ?? '') || body !== (base?.body ?? '');

  function settled(saved: Portrait, message: string) {
    queryClient.setQueryData(portraitKeys.mine(cohortId), saved);
    setBase(saved);
    setTitle(saved.title);
    setBody(saved.body);
    setProblem(null);
    setNote(message);
  }

  const save = useMutation({
    mutationFn: () => savePortrait(cohortId, base?.version ?? null, { title: title.trim(), body }),
    onSuccess: (saved) =>
      settled(saved, base && canWithdraw(base) ? t('portrait.savedWithdrawn') : t('portrait.saved')),
    onError: (error) => setProblem(saveProblem(error)),
  });

  const reload = useMutation({
    mutationFn: () => queryClient.fetchQuery({ ...myPortraitQuery(cohortId), staleTime: 0 }),
    onSuccess: (fresh) => {
      setBase(fresh);
      setTitle(fresh?.title ?? '');
      setBody(fresh?.body ?? '');
      setProblem(null);
      setNote(null);
    },
    onError: (error) => setProblem(saveProblem(error)),
  });

  function onSave(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (save.isPending) return;
    const errors: Record<string, string> = {};
    if (!title.trim()) errors.title = 'portrait.errors.titleRequired';
    if (!body.trim()) errors.body = 'portrait.errors.bodyRequired';
    const invalid = clientErrors(errors);
    setProblem(invalid);
    setNote(null);
    if (!invalid) save.mutate();
  }

  return (
    <>
      {note && <StatusNote text={note} />}
      <section aria-labelledby={statusId} className="lg-section">
        <Heading2 id={statusId} className="lg-section__heading">
          {t('portrait.statusHeading')}
        </Heading2>
        <StatusExplanation portrait={base} />
        {base && canSubmit(base) && (
          <SubmitForm portrait={base} dirty={dirty} onDone={(saved) => settled(saved, t('portrait.submitted'))} onStale={() => reload.mutate()} />
        )}
        {base && canWithdraw(base) && (
          <WithdrawButton portrait={base} onDone={(saved) => settled(saved, t('portrait.withdrawn'))} onStale={() => reload.mutate()} />
        )}
      </section>

      <section aria-labelledby={editId} className="lg-section">
        <Heading2 id={editId} className="lg-section__heading">
          {base ? t('portrait.editHeading') : t('portrait.writeHeading')}
        </Heading2>
        {base && canWithdraw(base) && (
          <Alert type="warning" className="lg-alert">
            <Paragraph>{t(`portrait.editWarning.${base.status}`)}</Paragraph>
          </Alert>
        )}
        <form noValidate onSubmit={onSave} className="lg-form lg-learning-form" aria-busy={save.isPending}>
          {problem && <ErrorSummary problem={problem} fieldId={idOf} />}
          {problem?.stale && (
            <Button type="button" appearance="secondary-action-button" busy={reload.isPending} onClick={() => reload.mutate()}>
              {t('learningNav.stale.reload')}
            </Button>
          )}
          <TextField
            id={idOf('title')}
            label={t('portrait.form.title')}
            value={title}
            onChange={(event) => setTitle(event.target.value)}
            error={problem?.fields.title}
            maxLength={200}
            required
          />
          <TextAreaField
            id={idOf('body')}
            label={t('portrait.form.body')}
            description={t('portrait.form.bodyHelp')}
            value={body}
            onChange={(event) => setBody(event.target.value)}
            error={problem?.fields.body}
            rows={16}
            maxLength={50000}
            required
          />
          <Button type="submit" appearance="primary-action-button" busy={save.isPending}>
            {save.isPending ? t('learningNav.form.saving') : t('portrait.form.save')}
          </Button>
        </form>
      </section>

      {base && base.bodyHtml && (
        <section aria-labelledby={`${prefix}-preview`} className="lg-section lg-portrait-preview">
          <Heading2 id={`${prefix}-preview`} className="lg-section__heading">
            {t('portrait.previewHeading')}
          </Heading2>
          <article className="lg-portrait-preview__text">
            <Paragraph>
              <strong>{base.title}</strong>
            </Paragraph>
            <RichText html={base.bodyHtml} />
          </article>
        </section>
      )}
    </>
  );
}

function StatusExplanation({ portrait }: { portrait: Portrait | null }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const when = (instant: string | null) => (instant ? formatInstant(instant, lng) : '');
  if (!portrait) return <Paragraph>{t('portrait.status.none')}</Paragraph>;
  return (
    <div className="lg-portrait-status">
      <Paragraph>
        <strong>{t(`portrait.status.${portrait.status}.label`)}</strong>
      </Paragraph>
      <Paragraph>
        {t(`portrait.status.${portrait.status}.explanation`, {
          submittedAt: when(portrait.submittedAt),
          publishedAt: when(portrait.publishedAt),
          reviewedAt: when(portrait.reviewedAt),
        })}
      </Paragraph>
      {portrait.status === 'rejected' && portrait.reviewNote && (
        <div className="lg-portrait-note">
          <Paragraph>{t('portrait.status.rejected.note')}</Paragraph>
          <blockquote className="lg-portrait-note__text">{portrait.reviewNote}</blockquote>
        </div>
      )}
      {portrait.consentGivenAt && (portrait.status === 'submitted' || portrait.status === 'approved') && (
        <Paragraph>{t('portrait.consentGiven', { when: when(portrait.consentGivenAt) })}</Paragraph>
      )}
    </div>
  );
}

function SubmitForm({
  portrait,
  dirty,
  onDone,
  onStale,
}: {
  portrait: Portrait;
  dirty: boolean;
  onDone: (portrait: Portrait) => void;
  onStale: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [consent, setConsent] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (problem) alertRef.current?.focus();
  }, [problem]);

  const submit = useMutation({
    mutationFn: () => submitPortrait(portrait),
    onSuccess: onDone,
    onError: (error) => setProblem(saveProblem(error)),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submit.isPending) return;
    if (dirty) {
      setProblem({ title: t('portrait.errors.unsaved'), fields: {}, stale: false });
      return;
    }
    if (!consent) {
      setProblem({ title: t('learningNav.form.invalid'), fields: { consent: t('portrait.errors.consentRequired') }, stale: false });
      document.getElementById(id)?.focus();
      return;
    }
    setProblem(null);
    submit.mutate();
  }

  const consentError = problem?.fields.consent;
  return (
    <form noValidate onSubmit={onSubmit} className="lg-form lg-portrait-submit">
      {problem && !consentError && (
        <Alert type="error" role="alert" ref={alertRef} tabIndex={-1} className="lg-alert">
          <Paragraph>
            <strong>{problem.title}</strong>
          </Paragraph>
          {problem.detail && <Paragraph>{problem.detail}</Paragraph>}
          {problem.stale && (
            <Button type="button" appearance="secondary-action-button" onClick={onStale}>
              {t('learningNav.stale.reload')}
            </Button>
          )}
        </Alert>
      )}
      <FormField type="checkbox" invalid={Boolean(consentError)} className="lg-checkbox lg-consent">
        {consentError && (
          <FormFieldErrorMessage id={`${id}-error`} className="utrecht-form-field__error-message" role="alert">
            {consentError}
          </FormFieldErrorMessage>
        )}
        <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
          <FormLabel htmlFor={id} type="checkbox">
            <Checkbox
              id={id}
              className="utrecht-form-field__input"
              checked={consent}
              invalid={Boolean(consentError)}
              aria-describedby={consentError ? `${id}-error` : undefined}
              onChange={(event) => setConsent(event.target.checked)}
            />{' '}
            {t('portrait.consent')}
          </FormLabel>
        </div>
      </FormField>
      <Button type="submit" appearance="primary-action-button" busy={submit.isPending}>
        {t('portrait.submit')}
      </Button>
    </form>
  );
}

function WithdrawButton({
  portrait,
  onDone,
  onStale,
}: {
  portrait: Portrait;
  onDone: (portrait: Portrait) => void;
  onStale: () => void;
}) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<Problem | null>(null);
  const withdraw = useMutation({
    mutationFn: () => withdrawPortrait(portrait),
    onSuccess: onDone,
    onError: (error) => setProblem(saveProblem(error)),
  });
  return (
    <div className="lg-portrait-withdraw">
      {problem && (
        <Alert type="error" role="alert" className="lg-alert">
          <Paragraph>
            <strong>{problem.title}</strong>
          </Paragraph>
          {problem.detail && <Paragraph>{problem.detail}</Paragraph>}
          {problem.stale && (
            <Button type="button" appearance="secondary-action-button" onClick={onStale}>
              {t('learningNav.stale.reload')}
            </Button>
          )}
        </Alert>
      )}
      <ConfirmButton
        label={t('portrait.withdraw')}
        question={t('portrait.withdrawQuestion')}
        confirmLabel={t('portrait.withdrawConfirm')}
        cancelLabel={t('learningNav.form.keep')}
        busy={withdraw.isPending}
        onConfirm={() => withdraw.mutate()}
      />
    </div>
  );
}
