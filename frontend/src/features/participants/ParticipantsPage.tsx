import '../../i18n/staff';
import { Heading1, Paragraph } from '@utrecht/component-library-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { isApiError } from '../../api/ApiError';
import { Loading } from '../../components/Loading';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { RouterLink } from '../../components/RouterLink';
import { usePageTitle } from '../../components/usePageTitle';
import { cohortTitle } from '../cohorts/CohortDetails';
import { cohortQuery } from '../cohorts/queries';
import { ForbiddenPage } from '../errors/ForbiddenPage';
import { NotFoundPage } from '../errors/NotFoundPage';
import { CsvImport } from './CsvImport';
import { EnrolForm } from './EnrolForm';
import { ParticipantTable } from './ParticipantTable';
import { participantsQuery } from './queries';
import '../admin/admin.css';

/**
 * /groepen/:cohortId/deelnemers: the cohort's participants with their contact details, for its facilitators and
 * admins: enrol one person, import a CSV file after checking it, withdraw someone.
 */
export function ParticipantsPage() {
  const { cohortId = '' } = useParams();
  const { t } = useTranslation();
  const participants = useQuery(participantsQuery(cohortId));
  const cohort = useQuery(cohortQuery(cohortId));
  const title = cohort.data
    ? t('manage.participants.titleOf', { cohort: cohortTitle(cohort.data) })
    : t('manage.participants.title');
  usePageTitle(title);
  if (isApiError(participants.error, 403)) return <ForbiddenPage />;
  if (isApiError(participants.error, 404)) return <NotFoundPage />;
  const over = cohort.data?.status === 'completed' || cohort.data?.status === 'archived';
  return (
    <>
      <Paragraph>
        <RouterLink to={`/groepen/${cohortId}`}>{t('manage.participants.back')}</RouterLink>
      </Paragraph>
      <Heading1>{title}</Heading1>
      <Paragraph lead>{t('manage.participants.intro')}</Paragraph>
      {participants.error ? (
        <QueryErrorAlert error={participants.error} />
      ) : participants.data ? (
        <ParticipantTable cohortId={cohortId} participants={participants.data} canWithdraw={!over} />
      ) : (
        <Loading />
      )}
      {over ? (
        <Paragraph>{t('manage.participants.over')}</Paragraph>
      ) : (
        <>
          <EnrolForm cohortId={cohortId} />
          <CsvImport cohortId={cohortId} />
        </>
      )}
    </>
  );
}
