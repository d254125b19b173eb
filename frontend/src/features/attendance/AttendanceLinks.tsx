import '../../i18n/staff';
import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Grant } from '../../api/types';
import { RouterLink } from '../../components/RouterLink';

/** On a facilitator's home: a way to each cohort's attendance sheet. */
export function AttendanceLinks({ grants }: { grants: Grant[] }) {
  const { t } = useTranslation();
  const headingId = useId();
  const cohorts = grants.flatMap((grant) =>
    grant.cohortId && grant.cohortName ? [{ id: grant.cohortId, name: `${grant.programmeName}, ${grant.cohortName}` }] : [],
  );
  if (cohorts.length === 0) return null;
  return (
    <section aria-labelledby={headingId} className="lg-section">
      <Heading2 id={headingId} className="lg-section__heading">
        {t('attendance.homeHeading')}
      </Heading2>
      {cohorts.map((cohort) => (
        <Paragraph key={cohort.id}>
          <RouterLink to={`/groepen/${cohort.id}/aanwezigheid`}>{t('attendance.homeLink', { cohort: cohort.name })}</RouterLink>
        </Paragraph>
      ))}
    </section>
  );
}
