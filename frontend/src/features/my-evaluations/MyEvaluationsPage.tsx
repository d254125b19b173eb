import '../../i18n/evaluations';
import { Heading1, Heading2, Heading3, Paragraph, StatusBadge } from '@utrecht/component-library-react';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/Loading';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { RouterLink } from '../../components/RouterLink';
import { usePageTitle } from '../../components/usePageTitle';
import { formatMoment } from '../../i18n/dates';
import { StateBadge } from '../evaluation-forms/StateBadge';
import { groupEvaluations } from './grouping';
import { myEvaluationsQuery } from './queries';
import type { MyEvaluationSummary } from './types';
import '../evaluation-forms/evaluations.css';
import './my-evaluations.css';

/**
 * /evaluaties, "Mijn evaluaties": the evaluations of the participant's cohorts. Open ones first, the closing
 * moment prominent and a saved draft marked; then those that open later; then those answered or closed.
 */
export function MyEvaluationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('evaluations.mine.title'));
  const { data, error } = useQuery(myEvaluationsQuery());
  return (
    <>
      <Heading1>{t('evaluations.mine.title')}</Heading1>
      <Paragraph lead>{t('evaluations.mine.intro')}</Paragraph>
      {error ? <QueryErrorAlert error={error} /> : data ? <Groups evaluations={data} /> : <Loading />}
    </>
  );
}

function Groups({ evaluations }: { evaluations: MyEvaluationSummary[] }) {
  const { t } = useTranslation();
  const { open, upcoming, done } = groupEvaluations(evaluations);
  if (evaluations.length === 0) return <Paragraph>{t('evaluations.mine.none')}</Paragraph>;
  return (
    <>
      <Group title={t('evaluations.mine.open')} empty={t('evaluations.mine.noneOpen')} items={open} />
      {upcoming.length > 0 && <Group title={t('evaluations.mine.upcoming')} items={upcoming} />}
      {done.length > 0 && <Group title={t('evaluations.mine.done')} items={done} minor />}
    </>
  );
}

function Group({ title, items, empty, minor = false }: { title: string; items: MyEvaluationSummary[]; empty?: string; minor?: boolean }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className={`lg-section${minor ? ' lg-section--minor' : ''}`}>
      <Heading2 id={headingId} className="lg-section__heading">
        {title}
      </Heading2>
      {items.length === 0 ? (
        <Paragraph>{empty}</Paragraph>
      ) : (
        <ul className="lg-eval-my-list">
          {items.map((evaluation) => (
            <li key={evaluation.formId}>
              <EvaluationItem evaluation={evaluation} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function EvaluationItem({ evaluation }: { evaluation: MyEvaluationSummary }) {
  const { t } = useTranslation();
  const isOpen = evaluation.state === 'open' && !evaluation.submittedAt;
  return (
    <article className={`lg-eval-my ${isOpen ? 'lg-eval-my--open' : ''}`}>
      <Heading3 className="lg-eval-my__title">
        {evaluation.state === 'upcoming' ? (
          evaluation.title
        ) : (
          <RouterLink to={`/evaluaties/${evaluation.formId}`}>{evaluation.title}</RouterLink>
        )}
      </Heading3>
      <Paragraph className="lg-eval-my__meta">
        {evaluation.submittedAt ? (
          <StatusBadge status="neutral" className="lg-eval-badge lg-eval-badge--answered">
            {t('evaluations.mine.answered')}
          </StatusBadge>
        ) : (
          <StateBadge state={evaluation.state} />
        )}
        {isOpen && evaluation.hasDraft && (
          <>
            {' '}
            <StatusBadge status="neutral" className="lg-eval-badge lg-eval-badge--draft">
              {t('evaluations.mine.draft')}
            </StatusBadge>
          </>
        )}{' '}
        {t(`evaluations.scope.${evaluation.scope}`, { target: evaluation.targetTitle })} · {evaluation.cohortName}
      </Paragraph>
      <Paragraph className={isOpen ? 'lg-eval-my__when lg-eval-my__when--closing' : 'lg-eval-my__when'}>
        {isOpen ? (
          <strong>
            {t('evaluations.mine.closesAt')} <time dateTime={evaluation.closesAt}>{formatMoment(evaluation.closesAt)}</time>
          </strong>
        ) : evaluation.submittedAt ? (
          <>
            {t('evaluations.mine.answeredAt')} <time dateTime={evaluation.submittedAt}>{formatMoment(evaluation.submittedAt)}</time>
          </>
        ) : evaluation.state === 'upcoming' ? (
          <>
            {t('evaluations.mine.opensAt')} <time dateTime={evaluation.opensAt}>{formatMoment(evaluation.opensAt)}</time>
          </>
        ) : (
          <>
            {t('evaluations.mine.closedAt')} <time dateTime={evaluation.closesAt}>{formatMoment(evaluation.closesAt)}</time>
          </>
        )}
      </Paragraph>
    </article>
  );
}
