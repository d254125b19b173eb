import '../../i18n/evaluations';
import { Alert, Button, ButtonGroup, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { isApiError } from '../../api/ApiError';
import { fieldDomId } from '../../components/formProblem';
import { Loading } from '../../components/Loading';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { RouterLink } from '../../components/RouterLink';
import { usePageTitle } from '../../components/usePageTitle';
import { formatMoment } from '../../i18n/dates';
import { NotFoundPage } from '../errors/NotFoundPage';
import { formatClock } from '../evaluation-forms/format';
import { saveProblem, type SaveProblem } from '../evaluation-forms/problems';
import { ProblemSummary } from '../evaluation-forms/ProblemSummary';
import { AnswerField } from './AnswerField';
import { answersOf, inputOfAnswers, missingRequired, type AnswerDraft, type AnswersDraft } from './answers';
import { myEvaluationKeys, myEvaluationQuery, submitAnswers, type LoadedEvaluation } from './queries';
import type { EvaluationReceipt, MyEvaluation } from './types';
import { useDraftAutosave } from './useDraftAutosave';
import '../evaluation-forms/evaluations.css';
import './my-evaluations.css';

export const myEvaluationsPath = '/evaluaties';

/**
 * /evaluaties/:formId: one evaluation to fill in (reminder mails link here). The answers are kept as a draft
 * while the participant works, saved a second after each change; sent once, they are stored without a name and
 * can no longer be changed. A form that is closed, not yet open or already answered says so instead.
 */
export function MyEvaluationPage() {
  const { t } = useTranslation();
  const { formId = '' } = useParams();
  const { data, error } = useQuery(myEvaluationQuery(formId));
  if (isApiError(error, 404)) return <NotFoundPage />;
  if (data) return <Evaluation key={formId} loaded={data} />;
  return (
    <>
      <Heading1>{t('evaluations.fill.title')}</Heading1>
      {error ? <QueryErrorAlert error={error} /> : <Loading />}
    </>
  );
}

function Evaluation({ loaded }: { loaded: LoadedEvaluation }) {
  const { t } = useTranslation();
  const { evaluation } = loaded;
  usePageTitle(evaluation.title);
  const [receipt, setReceipt] = useState<EvaluationReceipt | null>(null);
  return (
    <>
      <Paragraph>
        <RouterLink to={myEvaluationsPath}>{t('evaluations.fill.back')}</RouterLink>
      </Paragraph>
      <Heading1>{evaluation.title}</Heading1>
      <Paragraph lead>
        {t(`evaluations.scope.${evaluation.scope}`, { target: evaluation.targetTitle })} · {evaluation.cohortName}
      </Paragraph>
      {receipt ? (
        <ThankYou receipt={receipt} />
      ) : evaluation.submittedAt ? (
        <Closed text={t('evaluations.fill.answered', { moment: formatMoment(evaluation.submittedAt) })} />
      ) : evaluation.state === 'closed' ? (
        <Closed text={t('evaluations.fill.closed', { moment: formatMoment(evaluation.closesAt) })} />
      ) : evaluation.state === 'upcoming' ? (
        <Closed text={t('evaluations.fill.upcoming', { moment: formatMoment(evaluation.opensAt) })} />
      ) : (
        <AnswerForm loaded={loaded} onSubmitted={setReceipt} />
      )}
    </>
  );
}

function Closed({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Alert type="info" className="lg-alert">
        <Paragraph>{text}</Paragraph>
      </Alert>
      <Paragraph>
        <RouterLink to={myEvaluationsPath}>{t('evaluations.fill.toList')}</RouterLink>
      </Paragraph>
    </>
  );
}

function ThankYou({ receipt }: { receipt: EvaluationReceipt }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <section aria-labelledby={headingId} className="lg-eval-thanks">
      <Heading2 id={headingId} ref={ref} tabIndex={-1}>
        {t('evaluations.fill.thanks')}
      </Heading2>
      <Paragraph>{t('evaluations.fill.thanksText', { moment: formatMoment(receipt.submittedAt), count: receipt.answered })}</Paragraph>
      <Paragraph>
        <RouterLink to={myEvaluationsPath}>{t('evaluations.fill.toList')}</RouterLink>
      </Paragraph>
    </section>
  );
}

function AnswerForm({ loaded, onSubmitted }: { loaded: LoadedEvaluation; onSubmitted: (receipt: EvaluationReceipt) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const prefix = useId();
  const evaluation: MyEvaluation = loaded.evaluation;
  const questions = [...evaluation.questions].sort((a, b) => a.position - b.position);
  const [answers, setAnswers] = useState<AnswersDraft>(() => answersOf(questions, evaluation.draft));
  const [problem, setProblem] = useState<SaveProblem | null>(null);
  // What went wrong with the last autosave: shown without taking focus, as the participant may be typing.
  const [saveIssue, setSaveIssue] = useState<SaveProblem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  // The key of the current submit attempt: a retry of the same answers reuses it, so nothing is stored twice.
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const idOf = (field: string) => fieldDomId(prefix, field);
  const explanationId = `${prefix}-explanation`;

  const autosave = useDraftAutosave({
    formId: evaluation.formId,
    initialEtag: loaded.etag,
    onStale: () => void reloadDraft(),
    onError: (error) => setSaveIssue(saveProblem(error)),
    onSaved: () => setSaveIssue(null),
  });

  async function reloadDraft() {
    autosave.cancel();
    try {
      const fresh = await queryClient.fetchQuery({ ...myEvaluationQuery(evaluation.formId), staleTime: 0 });
      autosave.setEtag(fresh.etag);
      setAnswers(answersOf(questions, fresh.evaluation.draft));
      setNotice(t('evaluations.fill.reloaded'));
    } catch (error) {
      setSaveIssue(saveProblem(error));
    }
  }

  function change(key: string, next: Partial<AnswerDraft>) {
    setNotice(null);
    const updated = { ...answers, [key]: { ...answers[key]!, ...next } };
    setAnswers(updated);
    autosave.schedule(inputOfAnswers(questions, updated));
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (sending) return;
    const missing = missingRequired(questions, answers);
    if (missing.length > 0) {
      setProblem({
        title: t('evaluations.fill.missingTitle', { count: missing.length }),
        fields: Object.fromEntries(
          missing.map((field) => {
            const question = questions.find((candidate) => `answers.${candidate.key}` === field);
            return [field, t('evaluations.fill.missing', { prompt: question?.prompt ?? '' })];
          }),
        ),
        messages: [],
        stale: false,
        conflict: false,
      });
      return;
    }
    const body = inputOfAnswers(questions, answers);
    const serialised = JSON.stringify(body);
    if (attempt.current?.body !== serialised) attempt.current = { body: serialised, key: crypto.randomUUID() };
    setSending(true);
    await autosave.stop();
    try {
      const receipt = await submitAnswers(evaluation.formId, body, attempt.current.key);
      // The next visit asks again (and hears it was answered); nothing is fetched while the thanks are shown.
      void queryClient.invalidateQueries({ queryKey: myEvaluationKeys.detail(evaluation.formId), refetchType: 'none' });
      void queryClient.invalidateQueries({ queryKey: myEvaluationKeys.list() });
      onSubmitted(receipt);
    } catch (error) {
      autosave.resume();
      setProblem(saveProblem(error));
      setSending(false);
    }
  }

  const status = autosave.status;
  const statusText =
    status.kind === 'saved'
      ? t('evaluations.fill.savedAt', { time: formatClock(status.at) })
      : status.kind === 'failed'
        ? t('evaluations.fill.saveFailed')
        : '';

  return (
    <form noValidate onSubmit={onSubmit} className="lg-form lg-eval-fill" aria-busy={sending}>
      <Paragraph className="lg-eval-closes">
        <strong>
          {t('evaluations.fill.closesAt')} <time dateTime={evaluation.closesAt}>{formatMoment(evaluation.closesAt)}</time>
        </strong>
      </Paragraph>
      {evaluation.description && <Paragraph>{evaluation.description}</Paragraph>}
      <Paragraph>{t('evaluations.fill.draftNote')}</Paragraph>
      {problem && <ProblemSummary problem={problem} fieldId={idOf} />}
      {saveIssue && (
        <Alert type="error" role="alert" className="lg-alert">
          <Paragraph>
            <strong>{saveIssue.title}</strong>
          </Paragraph>
          {saveIssue.detail && <Paragraph>{saveIssue.detail}</Paragraph>}
          {[...saveIssue.messages, ...Object.values(saveIssue.fields)].map((message, index) => (
            <Paragraph key={index}>{message}</Paragraph>
          ))}
        </Alert>
      )}
      {notice && (
        <Alert type="warning" role="alert" className="lg-alert">
          <Paragraph>{notice}</Paragraph>
        </Alert>
      )}
      <ol className="lg-eval-fill__questions">
        {questions.map((question) => (
          <li key={question.key} className="lg-eval-fill__question">
            <AnswerField
              question={question}
              id={idOf(`answers.${question.key}`)}
              answer={answers[question.key]!}
              error={problem?.fields[`answers.${question.key}`]}
              onChange={(next) => change(question.key, next)}
            />
          </li>
        ))}
      </ol>
      {/* Polite: each save is announced without interrupting the typing. */}
      <p role="status" aria-live="polite" className="lg-eval-autosave">
        {statusText}
      </p>
      <div className="lg-eval-send">
        <Paragraph id={explanationId}>{t('evaluations.fill.sendNote')}</Paragraph>
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" busy={sending} aria-describedby={explanationId}>
            {sending ? t('evaluations.fill.sending') : t('evaluations.fill.send')}
          </Button>
        </ButtonGroup>
      </div>
    </form>
  );
}
