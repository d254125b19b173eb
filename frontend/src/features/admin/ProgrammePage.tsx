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
import { ReportLink } from '../evaluation-report/lazyLinks';
import { ForbiddenPage } from '../errors/ForbiddenPage';
import { NotFoundPage } from '../errors/NotFoundPage';
import { CohortsSection } from './CohortsSection';
import { ProgrammeEditor } from './ProgrammeEditor';
import { ProgrammeEvaluationsLink } from '../evaluation-forms/lazyLinks';
import { programmeQuery } from './queries';
import type { Programme } from './types';
import './admin.css';

/** /beheer/leergangen/:programmeId: a programme with its template, its cohorts and a link to its roles (admins). */
export function ProgrammePage() {
  const { programmeId = '' } = useParams();
  const { data, error } = useQuery(programmeQuery(programmeId));
  if (isApiError(error, 403)) return <ForbiddenPage />;
  if (isApiError(error, 404)) return <NotFoundPage />;
  if (data) return <ProgrammeView programme={data} />;
  return <Pending error={error} />;
}

function ProgrammeView({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  usePageTitle(programme.name);
  return (
    <>
      <Paragraph>
        <RouterLink to="/beheer/leergangen">{t('manage.programmes.back')}</RouterLink>
      </Paragraph>
      <Heading1>{programme.name}</Heading1>
      <Paragraph lead>
        {programme.owner}
        {programme.funder ? ` · ${programme.funder}` : ''}
      </Paragraph>
      <Paragraph>
        <RouterLink to={`/beheer/leergangen/${programme.id}/rollen`}>{t('manage.roles.link')}</RouterLink>
      </Paragraph>
      <ProgrammeEvaluationsLink programmeId={programme.id} />
      <Paragraph>
        <ReportLink programmeId={programme.id} />
      </Paragraph>
      <CohortsSection programmeId={programme.id} />
      <ProgrammeEditor key={programme.id} programme={programme} />
    </>
  );
}

function Pending({ error }: { error: Error | null }) {
  const { t } = useTranslation();
  usePageTitle(t('manage.programmes.one'));
  return (
    <>
      <Heading1>{t('manage.programmes.one')}</Heading1>
      {error ? <QueryErrorAlert error={error} /> : <Loading />}
    </>
  );
}
