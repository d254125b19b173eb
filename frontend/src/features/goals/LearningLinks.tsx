import { Heading2 } from '@utrecht/component-library-react';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CohortOverview, Me } from '../../api/types';
import { RouterLink } from '../../components/RouterLink';
import { progressText } from './GoalProgress';
import { progressOf } from './progress';
import { myGoalsQuery } from './queries';

/**
 * "Mijn leerwerk" on the participant's home: links to goals, logbook, what the group shares, the portrait and
 * one's personal data, with a line on how far the goals in the current cohort are.
 */
export function LearningLinks({ user, cohort }: { user: Me; cohort: CohortOverview }) {
  const { t } = useTranslation();
  const headingId = useId();
  // No spinner or alert of its own: the home announces its loading once, and the goals page reports failures.
  const goals = useQuery(myGoalsQuery(cohort.id, user.id));
  const summary = goals.data
    ? goals.data.goals.length === 0
      ? t('learningNav.home.noGoals')
      : progressText(t, progressOf(goals.data.goals))
    : null;
  return (
    <section aria-labelledby={headingId} className="lg-section lg-learning-home">
      <Heading2 id={headingId} className="lg-section__heading">
        {t('learningNav.home.heading')}
      </Heading2>
      <ul className="lg-link-list">
        <li>
          <RouterLink to={`/deelnemer/leerdoelen?groep=${cohort.id}`}>{t('goals.title')}</RouterLink>
          {summary && <span className="lg-link-list__note"> · {summary}</span>}
        </li>
        <li>
          <RouterLink to="/deelnemer/logboek">{t('reflections.logbook.title')}</RouterLink>
        </li>
        <li>
          <RouterLink to={`/groepen/${cohort.id}/reflecties`}>{t('reflections.shared.title')}</RouterLink>
        </li>
        <li>
          <RouterLink to={`/deelnemer/portret?groep=${cohort.id}`}>{t('portrait.title')}</RouterLink>
        </li>
        <li>
          <RouterLink to="/mijn-gegevens">{t('learningNav.home.myData')}</RouterLink>
        </li>
      </ul>
    </section>
  );
}
