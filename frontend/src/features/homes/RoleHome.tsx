import { Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../api/types';
import { grantsFor } from '../../auth/roles';
import { GrantList } from '../../components/GrantList';
import { AttendanceLinks } from '../attendance/AttendanceLinks';
import { FacilitatorEvaluationLinks } from '../evaluation-forms/lazyLinks';
import { CalendarSubscription } from '../calendar/CalendarSubscription';
import { ReviewerReportLinks } from '../evaluation-report/lazyLinks';
import { PlannerLinks } from '../planner/PlannerLinks';
import { FacilitatorCohortLinks } from '../participants/FacilitatorCohortLinks';
import { HomePage } from './HomePage';

/**
 * The facilitator and reviewer homes differ only in wording for now: each lists the programmes or cohorts the
 * user holds that role in. A facilitator's cohorts link to their pages; a reviewer sees aggregates only, so
 * theirs do not.
 */
export function RoleHome({ user, role }: { user: Me; role: 'facilitator' | 'reviewer' }) {
  const { t } = useTranslation();
  const grants = grantsFor(user, role);
  return (
    <HomePage title={t(`home.${role}.title`)} name={user.name}>
      {grants.length > 0 ? (
        <>
          <Paragraph>{t(`home.${role}.intro`)}</Paragraph>
          <GrantList grants={grants} linkCohorts={role === 'facilitator'} />
        </>
      ) : (
        <Paragraph>{t(`home.${role}.empty`)}</Paragraph>
      )}
      {role === 'reviewer' && <ReviewerReportLinks grants={grants} />}
      {role === 'facilitator' && (
        <>
          <PlannerLinks grants={grants} />
          <FacilitatorCohortLinks grants={grants} />
          <AttendanceLinks grants={grants} />
          <FacilitatorEvaluationLinks grants={grants} />
          <CalendarSubscription level={2} />
        </>
      )}
    </HomePage>
  );
}
