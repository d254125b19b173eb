import '../../i18n/learning';
import { Heading1, Paragraph } from '@utrecht/component-library-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import type { CohortOverview, Me } from '../../api/types';
import { Loading } from '../../components/Loading';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { RouterLink } from '../../components/RouterLink';
import { usePageTitle } from '../../components/usePageTitle';
import { cohortTitle } from '../cohorts/CohortDetails';
import { GoalForm } from './GoalForm';
import { goalsPath, type GoalsNotice } from './GoalsPage';
import { useParticipantCohorts } from './participantCohorts';
import { frameworkQuery } from './queries';
import './learning.css';

/** /deelnemer/leerdoelen/nieuw?groep=…&module=…: a new learning goal, with its first steps. */
export function GoalNewPage({ user }: { user: Me }) {
  const { t } = useTranslation();
  usePageTitle(t('goals.newTitle'));
  const cohorts = useParticipantCohorts(user);
  return (
    <>
      <Heading1>{t('goals.newTitle')}</Heading1>
      {cohorts.status === 'none' ? (
        <Paragraph>{t('learningNav.noCohort')}</Paragraph>
      ) : cohorts.status === 'loading' ? (
        <Loading />
      ) : cohorts.cohort ? (
        <NewGoal cohort={cohorts.cohort} />
      ) : (
        cohorts.errors.map((error, index) => <QueryErrorAlert key={index} error={error} />)
      )}
    </>
  );
}

function NewGoal({ cohort }: { cohort: CohortOverview }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const framework = useQuery(frameworkQuery(cohort.id));
  const moduleId = cohort.modules.some((module) => module.id === params.get('module')) ? params.get('module')! : '';
  return (
    <>
      <Paragraph lead>{cohortTitle(cohort)}</Paragraph>
      <Paragraph>
        <RouterLink to={goalsPath(cohort.id)}>{t('goals.back')}</RouterLink>
      </Paragraph>
      {framework.error && <QueryErrorAlert error={framework.error} />}
      {framework.isPending ? (
        <Loading />
      ) : (
        <GoalForm
          cohortId={cohort.id}
          modules={cohort.modules}
          framework={framework.data ?? null}
          initialModuleId={moduleId}
          onSaved={(goal) =>
            navigate(`/deelnemer/leerdoelen/${goal.id}`, { state: { notice: t('goals.created') } satisfies GoalsNotice })
          }
          onCancel={() => navigate(goalsPath(cohort.id))}
        />
      )}
    </>
  );
}
