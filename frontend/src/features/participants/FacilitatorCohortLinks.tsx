import '../../i18n/staff';
import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { useQueries } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Grant } from '../../api/types';
import { RouterLink } from '../../components/RouterLink';
import { programmeCohortsQuery } from '../admin/queries';

interface CohortRef {
  id: string;
  name: string;
  programmeName: string;
}

/**
 * On the facilitator's home: for every cohort they run, the way to its participants and its modules. A
 * facilitator of a whole programme runs all its cohorts, so those are looked up.
 */
export function FacilitatorCohortLinks({ grants }: { grants: Grant[] }) {
  const { t } = useTranslation();
  const headingId = useId();
  const programmeWide = grants.filter((g) => g.role === 'facilitator' && !g.cohortId);
  const lists = useQueries({ queries: programmeWide.map((g) => programmeCohortsQuery(g.programmeId)) });
  const cohorts = new Map<string, CohortRef>();
  for (const g of grants) {
    if (g.role === 'facilitator' && g.cohortId && g.cohortName) {
      cohorts.set(g.cohortId, { id: g.cohortId, name: g.cohortName, programmeName: g.programmeName });
    }
  }
  for (const list of lists) {
    for (const c of list.data ?? []) cohorts.set(c.id, { id: c.id, name: c.name, programmeName: c.programmeName });
  }
  if (cohorts.size === 0) return null;
  return (
    <section aria-labelledby={headingId} className="lg-section">
      <Heading2 id={headingId}>{t('manage.facilitatorHome.title')}</Heading2>
      <Paragraph>{t('manage.facilitatorHome.intro')}</Paragraph>
      {/* Paragraphs, like the planner's links on this home. */}
      {[...cohorts.values()].map((c) => {
        // The link names put the cohort first, so they never read as the cohort page's own link.
        const name = `${c.name} (${c.programmeName})`;
        return (
          <Paragraph key={c.id}>
            {c.programmeName} — {c.name}:{' '}
            <RouterLink to={`/groepen/${c.id}/deelnemers`} aria-label={t('manage.cohorts.participantsOf', { name })}>
              {t('manage.cohorts.participants')}
            </RouterLink>
            {' · '}
            <RouterLink to={`/groepen/${c.id}/modules`} aria-label={t('manage.cohorts.modulesOf', { name })}>
              {t('manage.cohorts.modules')}
            </RouterLink>
            {' · '}
            <RouterLink to={`/groepen/${c.id}/coaching`} aria-label={t('coaching.cohortLinkOf', { name })}>
              {t('coaching.cohortLink')}
            </RouterLink>
          </Paragraph>
        );
      })}
    </section>
  );
}
