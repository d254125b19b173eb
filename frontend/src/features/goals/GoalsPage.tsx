import '../../i18n/learning';
import { Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import type { CohortOverview, Me } from '../../api/types';
import { Loading } from '../../components/Loading';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { cohortTitle } from '../cohorts/CohortDetails';
import { CohortPicker } from './CohortPicker';
import { GoalCard } from './GoalCard';
import { GoalProgress } from './GoalProgress';
import { LinkButton } from './LinkButton';
import { useParticipantCohorts } from './participantCohorts';
import { groupGoals, progressOf, type GoalGroup } from './progress';
import { myGoalsQuery } from './queries';
import { StatusNote } from './StatusNote';
import './learning.css';

/** Where a page that changed goals sends the reader back to, with what happened. */
export interface GoalsNotice {
  notice?: string;
}

export const goalsPath = (cohortId: string) => `/deelnemer/leerdoelen?groep=${cohortId}`;

/**
 * /deelnemer/leerdoelen, "Mijn leerdoelen": the participant's own goals in one cohort (the current one, or the
 * one in ?groep=), grouped per module with the progress of each at a glance.
 */
export function GoalsPage({ user }: { user: Me }) {
  const { t } = useTranslation();
  usePageTitle(t('goals.title'));
  const cohorts = useParticipantCohorts(user);
  return (
    <>
      <Heading1>{t('goals.title')}</Heading1>
      {cohorts.status === 'none' ? (
        <Paragraph>{t('learningNav.noCohort')}</Paragraph>
      ) : cohorts.status === 'loading' ? (
        <Loading />
      ) : (
        <>
          {cohorts.errors.map((error, index) => (
            <QueryErrorAlert key={index} error={error} />
          ))}
          {cohorts.cohort ? (
            <>
              <Paragraph lead>{cohortTitle(cohorts.cohort)}</Paragraph>
              <CohortPicker cohorts={cohorts.cohorts} current={cohorts.cohort} />
              <CohortGoals cohort={cohorts.cohort} user={user} />
            </>
          ) : (
            cohorts.errors.length === 0 && <Paragraph>{t('learningNav.noCohort')}</Paragraph>
          )}
        </>
      )}
    </>
  );
}

function CohortGoals({ cohort, user }: { cohort: CohortOverview; user: Me }) {
  const { t } = useTranslation();
  const { state } = useLocation() as { state: GoalsNotice | null };
  const { data, error } = useQuery(myGoalsQuery(cohort.id, user.id));
  if (error) return <QueryErrorAlert error={error} />;
  if (!data) return <Loading />;
  const groups = groupGoals(data);
  const overall = progressOf(data.goals);
  return (
    <>
      {state?.notice && <StatusNote text={state.notice} />}
      <Paragraph>{t('goals.intro')}</Paragraph>
      <div className="lg-learning-actions">
        <LinkButton to={`/deelnemer/leerdoelen/nieuw?groep=${cohort.id}`}>{t('goals.new')}</LinkButton>
      </div>
      {data.goals.length === 0 ? (
        <Paragraph>{t('goals.none')}</Paragraph>
      ) : (
        <GoalProgress progress={overall} label={t('goals.progress.overallBar')} />
      )}
      {groups.map((group) => (
        <ModuleGoals key={group.moduleId ?? 'programme'} cohortId={cohort.id} group={group} />
      ))}
    </>
  );
}

function ModuleGoals({ cohortId, group }: { cohortId: string; group: GoalGroup }) {
  const { t } = useTranslation();
  const headingId = useId();
  const title = group.module
    ? t('goals.module', { position: group.module.position, title: group.module.title })
    : t('goals.wholeProgramme');
  const newPath = `/deelnemer/leerdoelen/nieuw?groep=${cohortId}${group.moduleId ? `&module=${group.moduleId}` : ''}`;
  return (
    <section aria-labelledby={headingId} className="lg-section lg-goal-module">
      <Heading2 id={headingId} className="lg-section__heading">
        {title}
      </Heading2>
      {group.goals.length === 0 ? (
        <Paragraph>{t('goals.moduleEmpty')}</Paragraph>
      ) : (
        <>
          <GoalProgress progress={group.progress} label={t('goals.progress.moduleBar', { title })} />
          <ul className="lg-goal-list">
            {group.goals.map((goal) => (
              <li key={goal.id}>
                <GoalCard goal={goal} />
              </li>
            ))}
          </ul>
        </>
      )}
      <Paragraph className="lg-goal-module__add">
        <LinkButton appearance="secondary" to={newPath}>
          {group.module ? t('goals.newInModule', { title: group.module.title }) : t('goals.newForProgramme')}
        </LinkButton>
      </Paragraph>
    </section>
  );
}
