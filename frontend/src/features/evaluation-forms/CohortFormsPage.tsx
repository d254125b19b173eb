import '../../i18n/evaluations';
import { Alert, Button, ButtonGroup, Heading1, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { isApiError } from '../../api/ApiError';
import type { CohortOverview, Me } from '../../api/types';
import { ConfirmButton } from '../../components/ConfirmButton';
import { fieldDomId } from '../../components/formProblem';
import { Loading } from '../../components/Loading';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { RouterLink } from '../../components/RouterLink';
import { usePageTitle } from '../../components/usePageTitle';
import { cohortTitle } from '../cohorts/CohortDetails';
import { cohortQuery } from '../cohorts/queries';
import { ForbiddenPage } from '../errors/ForbiddenPage';
import { NotFoundPage } from '../errors/NotFoundPage';
import { toDateTimeLocal, fromDateTimeLocal } from './amsterdamTime';
import { AttachForm, PeriodFields, PeriodText, validatePeriod } from './AttachForm';
import { formPath, progressPath as progressPathOf, reportPath, templatesPath } from './paths';
import { Notice } from './Notice';
import { clientProblem, saveProblem, type SaveProblem } from './problems';
import { ProblemSummary } from './ProblemSummary';
import { cohortFormsQuery, deleteForm, evaluationKeys, setPeriod } from './queries';
import { ResponseRate } from './ResponseRate';
import { StateBadge } from './StateBadge';
import type { CohortEvaluationForm } from './types';
import './evaluations.css';

/**
 * /groepen/:cohortId/evaluaties, for the cohort's facilitators and admins: the forms attached to the cohort with
 * their period, state and response rate. Admins attach forms, move their period and remove unanswered ones. The
 * API decides who may see it; its 403 becomes the no-access page.
 */
export function CohortFormsPage({ user }: { user: Me }) {
  const { t } = useTranslation();
  const { cohortId = '' } = useParams();
  const cohort = useQuery(cohortQuery(cohortId));
  const forms = useQuery(cohortFormsQuery(cohortId));
  const error = forms.error ?? cohort.error;
  if (isApiError(error, 403)) return <ForbiddenPage />;
  if (isApiError(error, 404)) return <NotFoundPage />;
  if (cohort.data && forms.data) return <CohortForms cohort={cohort.data} forms={forms.data} user={user} />;
  return <Pending error={error} title={t('evaluations.cohort.title')} />;
}

function Pending({ error, title }: { error: Error | null; title: string }) {
  usePageTitle(title);
  return (
    <>
      <Heading1>{title}</Heading1>
      {error ? <QueryErrorAlert error={error} /> : <Loading />}
    </>
  );
}

function CohortForms({ cohort, forms, user }: { cohort: CohortOverview; forms: CohortEvaluationForm[]; user: Me }) {
  const { t } = useTranslation();
  usePageTitle(`${t('evaluations.cohort.title')} — ${cohortTitle(cohort)}`);
  const listId = useId();
  const attachId = useId();
  const [attached, setAttached] = useState<{ text: string } | null>(null);
  const [deleted, setDeleted] = useState<{ text: string } | null>(null);
  const admin = user.isAdmin;
  return (
    <>
      <Heading1>{t('evaluations.cohort.title')}</Heading1>
      <Paragraph lead>
        <RouterLink to={`/groepen/${cohort.id}`}>{cohortTitle(cohort)}</RouterLink>
      </Paragraph>
      <Paragraph>{t('evaluations.cohort.intro')}</Paragraph>
      <ul className="lg-link-list">
        <li>
          <RouterLink to={reportPath(cohort.programmeId, cohort.id)}>{t('evaluations.cohort.report')}</RouterLink>
        </li>
        {admin && (
          <li>
            <RouterLink to={templatesPath(cohort.programmeId)}>{t('evaluations.cohort.templates')}</RouterLink>
          </li>
        )}
      </ul>

      <section aria-labelledby={listId} className="lg-section">
        <Heading2 id={listId}>{t('evaluations.cohort.listHeading')}</Heading2>
        {deleted && <Notice text={deleted.text} />}
        {forms.length === 0 ? (
          <Paragraph>{t('evaluations.cohort.none')}</Paragraph>
        ) : (
          <ul className="lg-eval-cards">
            {forms.map((form) => (
              <li key={form.id}>
                <FormCard
                  cohortId={cohort.id}
                  form={form}
                  admin={admin}
                  onDeleted={() => setDeleted({ text: t('evaluations.cohort.deleted', { title: form.title }) })}
                />
              </li>
            ))}
          </ul>
        )}
      </section>

      {admin && (
        <section aria-labelledby={attachId} className="lg-section">
          <Heading2 id={attachId}>{t('evaluations.attach.heading')}</Heading2>
          <Paragraph>{t('evaluations.attach.intro')}</Paragraph>
          {attached && <Notice text={attached.text} />}
          <AttachForm
            cohort={cohort}
            onAttached={(form) =>
              setAttached({
                text: t('evaluations.attach.done', { title: form.title, target: form.targetTitle ?? cohortTitle(cohort) }),
              })
            }
          />
        </section>
      )}
    </>
  );
}

function FormCard({
  cohortId,
  form,
  admin,
  onDeleted,
}: {
  cohortId: string;
  form: CohortEvaluationForm;
  admin: boolean;
  onDeleted: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [moving, setMoving] = useState(false);
  const [outcome, setOutcome] = useState<{ text: string } | null>(null);
  const [failure, setFailure] = useState<SaveProblem | null>(null);
  const moveRef = useRef<HTMLButtonElement>(null);
  const [returnFocus, setReturnFocus] = useState(false);

  useEffect(() => {
    if (!moving && returnFocus) moveRef.current?.focus();
  }, [moving, returnFocus]);

  const remove = useMutation({
    mutationFn: () => deleteForm(form),
    onSuccess: async () => {
      onDeleted();
      await queryClient.invalidateQueries({ queryKey: evaluationKeys.cohortForms(cohortId) });
    },
    onError: (error) => {
      setFailure(saveProblem(error));
      void queryClient.invalidateQueries({ queryKey: evaluationKeys.cohortForms(cohortId) });
    },
  });

  const progressPath = progressPathOf(cohortId, form.id);
  return (
    <article className={`lg-eval-card lg-eval-card--${form.state}`}>
      <Heading3 className="lg-eval-card__title">
        <RouterLink to={progressPath}>{form.title}</RouterLink>
      </Heading3>
      <Paragraph className="lg-eval-card__meta">
        <StateBadge state={form.state} /> {t(`evaluations.scope.${form.scope}`, { target: form.targetTitle })}
      </Paragraph>
      <Paragraph>
        <PeriodText opensAt={form.opensAt} closesAt={form.closesAt} />
      </Paragraph>
      <ResponseRate
        answered={form.answered}
        invited={form.invited}
        rate={form.responseRate}
        label={t('evaluations.rate.barOf', { title: form.title })}
      />
      {outcome && <Notice text={outcome.text} />}
      {failure && (
        <Alert type="error" role="alert" className="lg-alert">
          <Paragraph>
            <strong>{failure.title}</strong>
          </Paragraph>
          {failure.detail && <Paragraph>{failure.detail}</Paragraph>}
        </Alert>
      )}
      <ul className="lg-eval-inline-links">
        <li>
          <RouterLink to={progressPath} aria-label={t('evaluations.cohort.progressOf', { title: form.title })}>
            {t('evaluations.cohort.progress')}
          </RouterLink>
        </li>
        {admin && (
          <li>
            <RouterLink to={formPath(form.id)} aria-label={t('evaluations.cohort.questionsOf', { title: form.title })}>
              {t('evaluations.cohort.questions')}
            </RouterLink>
          </li>
        )}
      </ul>
      {admin &&
        (moving ? (
          <PeriodForm
            form={form}
            cohortId={cohortId}
            onDone={(text) => {
              setMoving(false);
              setFailure(null);
              setOutcome({ text });
            }}
            onCancel={() => {
              setReturnFocus(true);
              setMoving(false);
            }}
          />
        ) : (
          <div className="lg-eval-cell-actions lg-eval-card__actions">
            <Button
              ref={moveRef}
              type="button"
              appearance="secondary-action-button"
              aria-label={t('evaluations.period.moveOf', { title: form.title })}
              onClick={() => {
                setOutcome(null);
                setReturnFocus(false);
                setMoving(true);
              }}
            >
              {t('evaluations.period.move')}
            </Button>
            {/* Answers are kept for the comparison over cohorts and years: only an unanswered form can go. */}
            {form.answered === 0 && (
              <ConfirmButton
                label={t('evaluations.cohort.delete')}
                ariaLabel={t('evaluations.cohort.deleteOf', { title: form.title })}
                question={t('evaluations.cohort.deleteQuestion', { title: form.title })}
                confirmLabel={t('evaluations.cohort.deleteConfirm')}
                cancelLabel={t('evaluations.form.keep')}
                busy={remove.isPending}
                onConfirm={() => remove.mutate()}
              />
            )}
          </div>
        ))}
    </article>
  );
}

/** Moves a form's opening and closing moments, based on the version the list showed (412 when stale). */
function PeriodForm({
  form,
  cohortId,
  onDone,
  onCancel,
}: {
  form: CohortEvaluationForm;
  cohortId: string;
  onDone: (text: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const prefix = useId();
  const queryClient = useQueryClient();
  const [opensAt, setOpensAt] = useState(() => toDateTimeLocal(form.opensAt));
  const [closesAt, setClosesAt] = useState(() => toDateTimeLocal(form.closesAt));
  const [problem, setProblem] = useState<SaveProblem | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const id = (field: string) => fieldDomId(prefix, field);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  // Someone else moved the period meanwhile (412): once the list has their version, show its moments.
  const [seenVersion, setSeenVersion] = useState(form.version);
  if (seenVersion !== form.version) {
    setSeenVersion(form.version);
    setOpensAt(toDateTimeLocal(form.opensAt));
    setClosesAt(toDateTimeLocal(form.closesAt));
  }

  const save = useMutation({
    mutationFn: () =>
      setPeriod(form, { opensAt: fromDateTimeLocal(opensAt) ?? opensAt, closesAt: fromDateTimeLocal(closesAt) ?? closesAt }),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: evaluationKeys.cohortForms(cohortId) });
      onDone(t('evaluations.period.moved', { title: saved.title }));
    },
    onError: (error) => {
      const next = saveProblem(error);
      setProblem(next.stale ? { ...next, detail: t('evaluations.period.stale') } : next);
      // Changed elsewhere: fetch the list again, so the next try is based on what is there now.
      if (next.stale) void queryClient.invalidateQueries({ queryKey: evaluationKeys.cohortForms(cohortId) });
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (save.isPending) return;
    const invalid = clientProblem(validatePeriod(opensAt, closesAt));
    setProblem(invalid);
    if (!invalid) save.mutate();
  }

  return (
    <form noValidate onSubmit={onSubmit} className="lg-form lg-eval-period" aria-busy={save.isPending}>
      <Heading3 ref={headingRef} tabIndex={-1} className="lg-eval-period__heading">
        {t('evaluations.period.heading', { title: form.title })}
      </Heading3>
      {problem && <ProblemSummary problem={problem} fieldId={id} />}
      <PeriodFields
        id={id}
        opensAt={opensAt}
        closesAt={closesAt}
        errorOf={(field) => problem?.fields[field]}
        onChange={(next) => {
          if (next.opensAt !== undefined) setOpensAt(next.opensAt);
          if (next.closesAt !== undefined) setClosesAt(next.closesAt);
        }}
      />
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button" busy={save.isPending}>
          {save.isPending ? t('evaluations.form.saving') : t('evaluations.period.save')}
        </Button>
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
          {t('evaluations.form.cancel')}
        </Button>
      </ButtonGroup>
    </form>
  );
}
