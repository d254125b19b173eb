import '../../i18n/coaching';
import { Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { isApiError } from '../../api/ApiError';
import { Loading } from '../../components/Loading';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { RouterLink } from '../../components/RouterLink';
import { usePageTitle } from '../../components/usePageTitle';
import { cohortTitle } from '../cohorts/CohortDetails';
import { cohortQuery } from '../cohorts/queries';
import { ForbiddenPage } from '../errors/ForbiddenPage';
import { NotFoundPage } from '../errors/NotFoundPage';
import { ChartBoundary } from './ChartBoundary';
import { CoachingTable } from './CoachingTable';
import { CoverageTable } from './CoverageTable';
import { aspectCoverageQuery, coachingOverviewQuery } from './queries';
import type { AspectCoverage, CoachingOverview } from './types';
import './staff.css';

// The chart library is big: it loads only here, after the table it illustrates is already on screen.
const CoverageChart = lazy(() => import('./CoverageChart'));

/**
 * /groepen/:cohortId/coaching, for the cohort's facilitators and admins: progress per participant and which
 * aspects of the framework the group's goals cover. Counts only; the API decides access.
 */
export function CoachingPage() {
  const { t } = useTranslation();
  const { cohortId = '' } = useParams();
  const overview = useQuery(coachingOverviewQuery(cohortId));

  if (isApiError(overview.error, 403)) return <ForbiddenPage />;
  if (isApiError(overview.error, 404)) return <NotFoundPage />;
  if (overview.data) return <CoachingView cohortId={cohortId} overview={overview.data} />;
  return <Pending title={t('coaching.title')} error={overview.error} />;
}

export function Pending({ title, error }: { title: string; error: Error | null }) {
  usePageTitle(title);
  return (
    <>
      <Heading1>{title}</Heading1>
      {error ? <QueryErrorAlert error={error} /> : <Loading />}
    </>
  );
}

/** The cohort's name as a link back to its page, once known; the page does not wait for it. */
export function CohortLine({ cohortId }: { cohortId: string }) {
  const { data: cohort } = useQuery(cohortQuery(cohortId));
  if (!cohort) return null;
  return (
    <Paragraph lead>
      <RouterLink to={`/groepen/${cohort.id}`}>{cohortTitle(cohort)}</RouterLink>
    </Paragraph>
  );
}

function CoachingView({ cohortId, overview }: { cohortId: string; overview: CoachingOverview }) {
  const { t } = useTranslation();
  const { data: cohort } = useQuery(cohortQuery(cohortId));
  usePageTitle(cohort ? `${t('coaching.title')} — ${cohortTitle(cohort)}` : t('coaching.title'));
  const progressId = useId();
  const coverageId = useId();
  return (
    <>
      <Heading1>{t('coaching.title')}</Heading1>
      <CohortLine cohortId={cohortId} />
      <Paragraph>{t('coaching.intro')}</Paragraph>
      <Paragraph className="lg-staff-note">{t('coaching.privateNever')}</Paragraph>
      <section aria-labelledby={progressId} className="lg-section">
        <Heading2 id={progressId} className="lg-section__heading">
          {t('coaching.overview.heading')}
        </Heading2>
        <Paragraph>{t('coaching.overview.explanation')}</Paragraph>
        <CoachingTable cohortId={cohortId} lines={overview.participants} />
      </section>
      <section aria-labelledby={coverageId} className="lg-section">
        <Heading2 id={coverageId} className="lg-section__heading">
          {t('coaching.coverage.heading')}
        </Heading2>
        <CoverageSection cohortId={cohortId} />
      </section>
    </>
  );
}

function CoverageSection({ cohortId }: { cohortId: string }) {
  const { data, error } = useQuery(aspectCoverageQuery(cohortId));
  if (data) return <Coverage coverage={data} />;
  return error ? <QueryErrorAlert error={error} /> : <Loading />;
}

export function Coverage({ coverage }: { coverage: AspectCoverage }) {
  const { t } = useTranslation();
  if (coverage.groups.length === 0) return <Paragraph>{t('coaching.coverage.noFramework')}</Paragraph>;
  return (
    <>
      <Paragraph>{t('coaching.coverage.explanation')}</Paragraph>
      {/* A chart that fails to load leaves the table, which holds the same numbers. */}
      <ChartBoundary>
        <Suspense fallback={null}>
          <CoverageChart coverage={coverage} />
        </Suspense>
      </ChartBoundary>
      <CoverageTable coverage={coverage} />
    </>
  );
}
