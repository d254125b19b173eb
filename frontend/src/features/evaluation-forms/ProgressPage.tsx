import '../../i18n/evaluations';
import {
  Alert,
  Button,
  ButtonGroup,
  Heading1,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { isApiError } from '../../api/ApiError';
import type { CohortOverview } from '../../api/types';
import { TextAreaField } from '../../components/fields';
import { Loading } from '../../components/Loading';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { RouterLink } from '../../components/RouterLink';
import { usePageTitle } from '../../components/usePageTitle';
import { cohortTitle } from '../cohorts/CohortDetails';
import { cohortQuery } from '../cohorts/queries';
import { ForbiddenPage } from '../errors/ForbiddenPage';
import { NotFoundPage } from '../errors/NotFoundPage';
import { PeriodText } from './AttachForm';
import { cohortFormsPath } from './paths';
import { saveProblem, type SaveProblem } from './problems';
import { cohortFormsQuery, evaluationKeys, progressQuery, remind } from './queries';
import { ResponseRate } from './ResponseRate';
import { StateBadge } from './StateBadge';
import type { CohortEvaluationForm, EvaluationProgress, EvaluationReminderResult } from './types';
import './evaluations.css';

/**
 * /groepen/:cohortId/evaluaties/:formId, for the cohort's facilitators and admins: how many have answered, who
 * has not yet (never what anyone answered), and a reminder to those who have not.
 */
export function ProgressPage() {
  const { cohortId = '', formId = '' } = useParams();
  const cohort = useQuery(cohortQuery(cohortId));
  const forms = useQuery(cohortFormsQuery(cohortId));
  const progress = useQuery(progressQuery(formId));
  const error = progress.error ?? forms.error ?? cohort.error;
  const form = forms.data?.find((candidate) => candidate.id === formId);

  if (isApiError(error, 403)) return <ForbiddenPage />;
  if (isApiError(error, 404) || (forms.data && !form)) return <NotFoundPage />;
  if (cohort.data && form && progress.data) return <Progress cohort={cohort.data} form={form} progress={progress.data} />;
  return <Pending error={error} />;
}

function Pending({ error }: { error: Error | null }) {
  const { t } = useTranslation();
  usePageTitle(t('evaluations.progress.title'));
  return (
    <>
      <Heading1>{t('evaluations.progress.title')}</Heading1>
      {error ? <QueryErrorAlert error={error} /> : <Loading />}
    </>
  );
}

function Progress({ cohort, form, progress }: { cohort: CohortOverview; form: CohortEvaluationForm; progress: EvaluationProgress }) {
  const { t } = useTranslation();
  usePageTitle(`${form.title} — ${t('evaluations.progress.title')}`);
  const listId = useId();
  const captionId = useId();
  const remindId = useId();
  return (
    <>
      <Paragraph>
        <RouterLink to={cohortFormsPath(cohort.id)}>{t('evaluations.progress.back', { cohort: cohortTitle(cohort) })}</RouterLink>
      </Paragraph>
      <Heading1>{form.title}</Heading1>
      <Paragraph lead>
        <StateBadge state={progress.state} /> {t(`evaluations.scope.${form.scope}`, { target: form.targetTitle })}
      </Paragraph>
      <Paragraph>
        <PeriodText opensAt={form.opensAt} closesAt={form.closesAt} />
      </Paragraph>
      <ResponseRate
        answered={progress.answered}
        invited={progress.invited}
        rate={progress.responseRate}
        label={t('evaluations.rate.barOf', { title: form.title })}
      />
      <Paragraph className="lg-eval-muted">{t('evaluations.progress.privacy')}</Paragraph>

      <section aria-labelledby={listId} className="lg-section">
        <Heading2 id={listId}>{t('evaluations.progress.notAnswered')}</Heading2>
        {progress.notAnswered.length === 0 ? (
          <Paragraph>{progress.invited === 0 ? t('evaluations.progress.nobody') : t('evaluations.progress.everyone')}</Paragraph>
        ) : (
          <div className="lg-eval-table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
            <Table className="lg-eval-table">
              <TableCaption id={captionId}>
                {t('evaluations.progress.caption', { count: progress.notAnswered.length })}
              </TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('evaluations.progress.name')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('evaluations.progress.gemeente')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('evaluations.progress.reminder')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {progress.notAnswered.map((person) => (
                  <TableRow key={person.userId}>
                    <TableHeaderCell scope="row">{person.name}</TableHeaderCell>
                    <TableCell>{person.gemeente}</TableCell>
                    <TableCell>
                      {person.remindedToday ? t('evaluations.progress.remindedToday') : t('evaluations.progress.notReminded')}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </section>

      {progress.notAnswered.length > 0 && (
        <section aria-labelledby={remindId} className="lg-section">
          <Heading2 id={remindId}>{t('evaluations.remind.heading')}</Heading2>
          {progress.state === 'open' ? (
            <ReminderForm formId={form.id} cohortId={cohort.id} waiting={progress.notAnswered.length} />
          ) : (
            <Paragraph>
              {progress.state === 'upcoming' ? t('evaluations.remind.notYetOpen') : t('evaluations.remind.closed')}
            </Paragraph>
          )}
        </section>
      )}
    </>
  );
}

/**
 * Mails a reminder to everyone who has not answered, with an optional personal line. The server sends at most
 * one per person a day; the result says how many went out now and how many had one already, in a live region.
 */
function ReminderForm({ formId, cohortId, waiting }: { formId: string; cohortId: string; waiting: number }) {
  const { t } = useTranslation();
  const prefix = useId();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState('');
  const [result, setResult] = useState<EvaluationReminderResult | null>(null);
  const [problem, setProblem] = useState<SaveProblem | null>(null);
  const messageId = `${prefix}-message`;

  const send = useMutation({
    mutationFn: () => remind(formId, message),
    onSuccess: async (sent) => {
      setProblem(null);
      setResult(sent);
      setMessage('');
      await queryClient.invalidateQueries({ queryKey: evaluationKeys.progress(formId) });
      await queryClient.invalidateQueries({ queryKey: evaluationKeys.cohortForms(cohortId) });
    },
    onError: (error) => {
      setResult(null);
      setProblem(saveProblem(error));
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!send.isPending) send.mutate();
  }

  const outcome = result
    ? [
        t('evaluations.remind.queued', { count: result.queued }),
        result.alreadyReminded > 0 ? t('evaluations.remind.already', { count: result.alreadyReminded }) : '',
      ]
        .filter(Boolean)
        .join(' ')
    : '';

  return (
    <form noValidate onSubmit={onSubmit} className="lg-form lg-eval-remind" aria-busy={send.isPending}>
      <Paragraph>{t('evaluations.remind.intro', { count: waiting })}</Paragraph>
      <TextAreaField
        id={messageId}
        label={t('evaluations.remind.message')}
        description={t('evaluations.remind.messageHint')}
        value={message}
        rows={3}
        maxLength={2000}
        error={problem?.fields.message}
        onChange={(event) => setMessage(event.target.value)}
      />
      {problem && !problem.fields.message && (
        <Alert type="error" role="alert" className="lg-alert">
          <Paragraph>
            <strong>{problem.title}</strong>
          </Paragraph>
          {problem.detail && <Paragraph>{problem.detail}</Paragraph>}
        </Alert>
      )}
      {/* Always in the page, so screen readers hear the result when it is written into it. */}
      <div role="status" aria-live="polite" className="lg-eval-remind__result">
        {outcome && (
          <Alert type="ok" className="lg-alert">
            <Paragraph>{outcome}</Paragraph>
          </Alert>
        )}
      </div>
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button" busy={send.isPending}>
          {send.isPending ? t('evaluations.remind.sending') : t('evaluations.remind.send')}
        </Button>
      </ButtonGroup>
    </form>
  );
}
