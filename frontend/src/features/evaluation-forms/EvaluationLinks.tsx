import '../../i18n/evaluations';
import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { useQueries } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Grant } from '../../api/types';
import { useSession } from '../../auth/useSession';
import { RouterLink } from '../../components/RouterLink';
import { programmeCohortsQuery } from '../admin/queries';
import { canPlan } from '../planner/access';
import { cohortFormsPath, templatesPath } from './paths';

/*
 * The ways into the evaluation pages from pages outside this feature. They load lazily with their strings
 * (lazyLinks.tsx), so the pages they sit on do not carry the evaluation feature in their first download.
 */

/** On the admin's programme page: its evaluation form templates. */
export function ProgrammeEvaluationsLink({ programmeId }: { programmeId: string }) {
  const { t } = useTranslation();
  return (
    <Paragraph>
      <RouterLink to={templatesPath(programmeId)}>{t('evaluations.links.programme')}</RouterLink>
    </Paragraph>
  );
}

/** On a cohort's page and its planner, for its facilitators and admins: the cohort's evaluations. */
export function CohortEvaluationsLink({ cohort }: { cohort: { id: string; programmeId: string } }) {
  const { t } = useTranslation();
  const session = useSession();
  if (session.status !== 'signedIn' || !canPlan(session.user, cohort)) return null;
  return (
    <Paragraph>
      <RouterLink to={cohortFormsPath(cohort.id)}>{t('evaluations.links.cohort')}</RouterLink>
    </Paragraph>
  );
}

/** On the facilitator's home: the evaluations of every cohort they run (a programme grant: all its cohorts). */
export function FacilitatorEvaluationLinks({ grants }: { grants: Grant[] }) {
  const { t } = useTranslation();
  const headingId = useId();
  const programmeWide = grants.filter((grant) => grant.role === 'facilitator' && !grant.cohortId);
  const lists = useQueries({ queries: programmeWide.map((grant) => programmeCohortsQuery(grant.programmeId)) });
  const cohorts = new Map<string, string>();
  for (const grant of grants) {
    if (grant.role === 'facilitator' && grant.cohortId && grant.cohortName) {
      cohorts.set(grant.cohortId, `${grant.programmeName}, ${grant.cohortName}`);
    }
  }
  for (const list of lists) {
    for (const cohort of list.data ?? []) cohorts.set(cohort.id, `${cohort.programmeName}, ${cohort.name}`);
  }
  if (cohorts.size === 0) return null;
  return (
    <section aria-labelledby={headingId} className="lg-section">
      <Heading2 id={headingId} className="lg-section__heading">
        {t('evaluations.links.homeHeading')}
      </Heading2>
      {[...cohorts].map(([id, name]) => (
        <Paragraph key={id}>
          <RouterLink to={cohortFormsPath(id)}>{t('evaluations.links.homeLink', { cohort: name })}</RouterLink>
        </Paragraph>
      ))}
    </section>
  );
}
