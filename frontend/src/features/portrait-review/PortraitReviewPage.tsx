import '../../i18n/coaching';
import { Alert, Button, Heading1, Heading2, Heading3, Paragraph, SelectOption, StatusBadge } from '@utrecht/component-library-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { isApiError } from '../../api/ApiError';
import { ConfirmButton } from '../../components/ConfirmButton';
import { Loading } from '../../components/Loading';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { RichText } from '../../components/RichText';
import { RouterLink } from '../../components/RouterLink';
import { usePageTitle } from '../../components/usePageTitle';
import { SelectField } from '../../components/fields';
import { formProblem } from '../../components/formProblem';
import { formatMoment } from '../../i18n/dates';
import {
  approvePortrait,
  portraitReviewKeys,
  portraitReviewQuery,
  rejectPortrait,
  reviewFilters,
  type PortraitForReview,
  type PortraitStatus,
  type ReviewFilter,
} from './queries';
import { RejectForm } from './RejectForm';
import '../coaching/staff.css';

const badgeStatus: Record<PortraitStatus, string> = {
  draft: 'neutral',
  submitted: 'active',
  approved: 'valid',
  rejected: 'danger',
};

/** What the last approval or rejection did; it stays on the page after the portrait leaves the filtered list. */
interface Outcome {
  key: number;
  text: string;
  publicPath: string | null;
}

const isFilter = (value: string | null): value is ReviewFilter =>
  value !== null && (reviewFilters as string[]).includes(value);

/**
 * /beheer/portretten, for admins: the portraits participants submitted, to approve (and so publish) or to reject
 * with a note to the participant. Drafts are the participant's own and never shown here.
 */
export function PortraitReviewPage() {
  const { t } = useTranslation();
  usePageTitle(t('portraitReview.title'));
  const [params, setParams] = useSearchParams();
  const asked = params.get('status');
  const status: ReviewFilter = isFilter(asked) ? asked : 'submitted';
  const list = useQuery(portraitReviewQuery(status));
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const listId = useId();

  return (
    <>
      <Heading1>{t('portraitReview.title')}</Heading1>
      <Paragraph>{t('portraitReview.intro')}</Paragraph>
      {outcome && <OutcomeNote key={outcome.key} outcome={outcome} />}
      {/* A filter, not a form to send: choosing a status shows that list at once. */}
      <div className="lg-form lg-staff-form">
        <SelectField
          id="portrait-review-status"
          label={t('portraitReview.filter')}
          value={status}
          onChange={(event) => {
            setOutcome(null);
            setParams(event.target.value === 'submitted' ? {} : { status: event.target.value }, { replace: true });
          }}
        >
          {reviewFilters.map((filter) => (
            <SelectOption key={filter} value={filter}>
              {t(`portraitReview.filters.${filter}`)}
            </SelectOption>
          ))}
        </SelectField>
      </div>
      <section aria-labelledby={listId} className="lg-section" aria-busy={list.isFetching}>
        <Heading2 id={listId} className="lg-section__heading">
          {t(`portraitReview.listHeading.${status}`)}
        </Heading2>
        {list.error ? (
          <QueryErrorAlert error={list.error} />
        ) : !list.data ? (
          <Loading />
        ) : list.data.length === 0 ? (
          <Paragraph>{t(`portraitReview.empty.${status}`)}</Paragraph>
        ) : (
          <ul className="lg-staff-list">
            {list.data.map((portrait) => (
              <li key={portrait.id}>
                <PortraitCard portrait={portrait} onDone={setOutcome} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function OutcomeNote({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <Alert type="ok" role="status" ref={ref} tabIndex={-1} className="lg-alert">
      <Paragraph>{outcome.text}</Paragraph>
      {outcome.publicPath && (
        <Paragraph>
          <RouterLink to={outcome.publicPath}>{t('portraitReview.viewPublic')}</RouterLink>
        </Paragraph>
      )}
    </Alert>
  );
}

function PortraitCard({ portrait, onDone }: { portrait: PortraitForReview; onDone: (outcome: Outcome) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const headingId = useId();
  const [rejecting, setRejecting] = useState(false);
  const [approving, setApproving] = useState(false);
  const [approveError, setApproveError] = useState<unknown>(null);
  const rejectButtonRef = useRef<HTMLButtonElement>(null);
  const [returnFocus, setReturnFocus] = useState(false);
  const publicPath = `/portretten/${portrait.programmeSlug}`;

  useEffect(() => {
    if (!rejecting && returnFocus) rejectButtonRef.current?.focus();
  }, [rejecting, returnFocus]);

  async function refresh() {
    await queryClient.invalidateQueries({ queryKey: portraitReviewKeys.all });
  }

  async function approve() {
    setApproving(true);
    setApproveError(null);
    try {
      await approvePortrait(portrait);
      onDone({ key: Date.now(), text: t('portraitReview.approved', { title: portrait.title }), publicPath });
      await refresh();
    } catch (error) {
      setApproveError(error);
    } finally {
      setApproving(false);
    }
  }

  async function reject(note: string) {
    await rejectPortrait(portrait, note);
    onDone({ key: Date.now(), text: t('portraitReview.rejected', { title: portrait.title }), publicPath: null });
    await refresh();
  }

  const approveProblem = approveError ? formProblem(approveError) : null;
  return (
    <article aria-labelledby={headingId} className="lg-staff-card">
      <Heading3 id={headingId} className="lg-staff-card__heading">
        {portrait.title}
      </Heading3>
      <Paragraph>
        <StatusBadge status={badgeStatus[portrait.status]} className="lg-staff-badge">
          {t(`portraitReview.status.${portrait.status}`)}
        </StatusBadge>
      </Paragraph>
      <dl className="lg-staff-facts">
        <dt>{t('portraitReview.author')}</dt>
        <dd>{portrait.author.name}</dd>
        <dt>{t('portraitReview.gemeente')}</dt>
        <dd>{portrait.gemeente || '—'}</dd>
        <dt>{t('portraitReview.jobTitle')}</dt>
        <dd>{portrait.jobTitle || '—'}</dd>
        <dt>{t('portraitReview.cohort')}</dt>
        <dd>
          {portrait.programmeName} — {portrait.cohortName}
        </dd>
        <dt>{t('portraitReview.submittedAt')}</dt>
        <dd>{portrait.submittedAt ? <time dateTime={portrait.submittedAt}>{formatMoment(portrait.submittedAt)}</time> : '—'}</dd>
        <dt>{t('portraitReview.consent')}</dt>
        <dd>
          {portrait.consentGivenAt ? (
            <time dateTime={portrait.consentGivenAt}>{formatMoment(portrait.consentGivenAt)}</time>
          ) : (
            t('portraitReview.noConsent')
          )}
        </dd>
        {portrait.reviewedAt && (
          <>
            <dt>{t('portraitReview.reviewedAt')}</dt>
            <dd>
              <time dateTime={portrait.reviewedAt}>{formatMoment(portrait.reviewedAt)}</time>
            </dd>
          </>
        )}
        {portrait.status === 'rejected' && portrait.reviewNote && (
          <>
            <dt>{t('portraitReview.reviewNote')}</dt>
            <dd className="lg-staff-text">{portrait.reviewNote}</dd>
          </>
        )}
      </dl>
      <RichText html={portrait.bodyHtml} className="lg-staff-richtext" />
      {approveProblem && (
        <Alert type="error" role="alert" className="lg-alert">
          <Paragraph>
            <strong>{approveProblem.title}</strong>
          </Paragraph>
          {approveProblem.detail && <Paragraph>{approveProblem.detail}</Paragraph>}
          {isApiError(approveError, 412) && (
            <Button type="button" appearance="secondary-action-button" onClick={() => void refresh()}>
              {t('portraitReview.reload')}
            </Button>
          )}
        </Alert>
      )}
      {portrait.status === 'approved' && (
        <Paragraph>
          <RouterLink to={publicPath}>{t('portraitReview.viewPublicOf', { title: portrait.title })}</RouterLink>
        </Paragraph>
      )}
      {rejecting ? (
        <RejectForm
          portraitId={portrait.id}
          published={portrait.status === 'approved'}
          onReject={reject}
          onCancel={() => {
            setReturnFocus(true);
            setRejecting(false);
          }}
          onReload={() => void refresh()}
        />
      ) : (
        (portrait.status === 'submitted' || portrait.status === 'approved') && (
          <div className="lg-staff-actions">
            {portrait.status === 'submitted' && (
              <ConfirmButton
                label={t('portraitReview.approve')}
                ariaLabel={t('portraitReview.approveOf', { title: portrait.title })}
                question={t('portraitReview.approveQuestion', { name: portrait.author.name })}
                confirmLabel={t('portraitReview.approveConfirm')}
                cancelLabel={t('portraitReview.cancel')}
                busy={approving}
                onConfirm={() => void approve()}
              />
            )}
            <Button
              ref={rejectButtonRef}
              type="button"
              appearance="secondary-action-button"
              aria-label={t(portrait.status === 'approved' ? 'portraitReview.rejectPublishedOf' : 'portraitReview.rejectOf', {
                title: portrait.title,
              })}
              onClick={() => {
                setReturnFocus(false);
                setRejecting(true);
              }}
            >
              {t(portrait.status === 'approved' ? 'portraitReview.rejectPublished' : 'portraitReview.reject.open')}
            </Button>
          </div>
        )
      )}
    </article>
  );
}
