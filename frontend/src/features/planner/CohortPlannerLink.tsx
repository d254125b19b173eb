import '../../i18n/staff';
import { Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import type { CohortOverview } from '../../api/types';
import { useSession } from '../../auth/useSession';
import { RouterLink } from '../../components/RouterLink';
import { canPlan } from './access';

/** On a cohort's page, for those who plan it: the way to its planner. */
export function CohortPlannerLink({ cohort }: { cohort: CohortOverview }) {
  const { t } = useTranslation();
  const session = useSession();
  if (session.status !== 'signedIn' || !canPlan(session.user, cohort)) return null;
  return (
    <Paragraph>
      <RouterLink to={`/groepen/${cohort.id}/planning`}>{t('planner.cohortLink')}</RouterLink>
    </Paragraph>
  );
}
