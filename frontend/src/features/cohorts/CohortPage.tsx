import { Heading1, Paragraph } from '@utrecht/component-library-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { isApiError } from '../../api/ApiError';
import type { CohortOverview } from '../../api/types';
import { Loading } from '../../components/Loading';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { ForbiddenPage } from '../errors/ForbiddenPage';
import { NotFoundPage } from '../errors/NotFoundPage';
import { CohortEvaluationsLink } from '../evaluation-forms/lazyLinks';
import { CohortPlannerLink } from '../planner/CohortPlannerLink';
import { CohortDates, CohortDetails, cohortTitle } from './CohortDetails';
import { cohortQuery } from './queries';

/**
 * /groepen/:cohortId, for anyone signed in: the API decides who may see a cohort (its participants, its
 * facilitators, admins), so its 403 and 404 become the usual error pages.
 */
export function CohortPage() {
  const { cohortId = '' } = useParams();
  const { data: cohort, error } = useQuery(cohortQuery(cohortId));

  if (isApiError(error, 403)) return <ForbiddenPage />;
  if (isApiError(error, 404)) return <NotFoundPage />;
  if (cohort) return <CohortView cohort={cohort} />;
  return <CohortPending error={error} />;
}

function CohortView({ cohort }: { cohort: CohortOverview }) {
  usePageTitle(cohortTitle(cohort));
  return (
    <>
      <Heading1>{cohortTitle(cohort)}</Heading1>
      <Paragraph lead>
        <CohortDates cohort={cohort} />
      </Paragraph>
      <CohortPlannerLink cohort={cohort} />
      <CohortEvaluationsLink cohort={cohort} />
      <CohortDetails cohort={cohort} level={2} />
    </>
  );
}

/** Still loading, or failed for another reason than access: the name is not known yet, so a generic title. */
function CohortPending({ error }: { error: Error | null }) {
  const { t } = useTranslation();
  usePageTitle(t('cohort.title'));
  return (
    <>
      <Heading1>{t('cohort.title')}</Heading1>
      {error ? <QueryErrorAlert error={error} /> : <Loading />}
    </>
  );
}
