import '../../i18n/learning';
import { Heading1, Paragraph } from '@utrecht/component-library-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/ApiError';
import type { Me } from '../../api/types';
import { Loading } from '../../components/Loading';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { RouterLink } from '../../components/RouterLink';
import { usePageTitle } from '../../components/usePageTitle';
import { cohortQuery } from '../cohorts/queries';
import { ForbiddenPage } from '../errors/ForbiddenPage';
import { NotFoundPage } from '../errors/NotFoundPage';
import { reflectionQuery } from './queries';
import { ReflectionForm } from './ReflectionForm';
import { reflectionTitle } from './ReflectionItem';
import type { ReflectionNotice } from './ReflectionPage';
import type { ReflectionDetail } from './types';
import '../goals/learning.css';

/** /reflecties/:reflectionId/bewerken: its author changes a reflection, or who may read it. */
export function EditReflectionPage({ user }: { user: Me }) {
  const { t } = useTranslation();
  const { reflectionId = '' } = useParams();
  const { data, error } = useQuery(reflectionQuery(reflectionId));

  if (isApiError(error, 404)) return <NotFoundPage />;
  if (isApiError(error, 403) || (data && !data.mine)) return <ForbiddenPage />;
  if (data) return <EditReflection reflection={data} user={user} />;
  return (
    <>
      <Heading1>{t('reflections.editTitle')}</Heading1>
      {error ? <QueryErrorAlert error={error} /> : <Loading />}
    </>
  );
}

function EditReflection({ reflection, user }: { reflection: ReflectionDetail; user: Me }) {
  const { t } = useTranslation();
  const title = reflectionTitle(t, reflection);
  usePageTitle(t('reflections.editTitleOf', { title }));
  const navigate = useNavigate();
  const cohort = useQuery(cohortQuery(reflection.cohortId));
  const page = `/reflecties/${reflection.id}`;
  return (
    <>
      <Heading1>{t('reflections.editTitleOf', { title })}</Heading1>
      <Paragraph>
        <RouterLink to={page}>{t('reflections.backToReflection')}</RouterLink>
      </Paragraph>
      {cohort.error && <QueryErrorAlert error={cohort.error} />}
      {cohort.data ? (
        <ReflectionForm
          cohort={cohort.data}
          user={user}
          reflection={reflection}
          onSaved={() => navigate(page, { state: { notice: t('reflections.saved') } satisfies ReflectionNotice })}
          onCancel={() => navigate(page)}
        />
      ) : (
        !cohort.error && <Loading />
      )}
    </>
  );
}
