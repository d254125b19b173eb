import '../../i18n/learning';
import { Heading1, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Me } from '../../api/types';
import { Loading } from '../../components/Loading';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { RouterLink } from '../../components/RouterLink';
import { usePageTitle } from '../../components/usePageTitle';
import { cohortTitle } from '../cohorts/CohortDetails';
import { useParticipantCohorts } from '../goals/participantCohorts';
import { ReflectionForm } from './ReflectionForm';
import type { ReflectionNotice } from './ReflectionPage';
import '../goals/learning.css';

/** /deelnemer/logboek/nieuw?groep=…: a new reflection in the logbook of one cohort (default: the current one). */
export function NewReflectionPage({ user }: { user: Me }) {
  const { t } = useTranslation();
  usePageTitle(t('reflections.newTitle'));
  const navigate = useNavigate();
  const cohorts = useParticipantCohorts(user);
  return (
    <>
      <Heading1>{t('reflections.newTitle')}</Heading1>
      {cohorts.status === 'none' ? (
        <Paragraph>{t('learningNav.noCohort')}</Paragraph>
      ) : cohorts.status === 'loading' ? (
        <Loading />
      ) : cohorts.cohort ? (
        <>
          <Paragraph lead>{cohortTitle(cohorts.cohort)}</Paragraph>
          <Paragraph>
            <RouterLink to="/deelnemer/logboek">{t('reflections.backToLogbook')}</RouterLink>
          </Paragraph>
          <ReflectionForm
            cohort={cohorts.cohort}
            user={user}
            onSaved={(saved) =>
              navigate(`/reflecties/${saved.id}`, { state: { notice: t('reflections.created') } satisfies ReflectionNotice })
            }
            onCancel={() => navigate('/deelnemer/logboek')}
          />
        </>
      ) : (
        cohorts.errors.map((error, index) => <QueryErrorAlert key={index} error={error} />)
      )}
    </>
  );
}
