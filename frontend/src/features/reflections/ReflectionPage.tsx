import '../../i18n/learning';
import { Alert, ButtonGroup, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/ApiError';
import { ConfirmButton } from '../../components/ConfirmButton';
import { Loading } from '../../components/Loading';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { RichText } from '../../components/RichText';
import { RouterLink } from '../../components/RouterLink';
import { usePageTitle } from '../../components/usePageTitle';
import { currentLanguage } from '../../i18n';
import { formatDate } from '../goals/format';
import { LinkButton } from '../goals/LinkButton';
import { saveProblem } from '../goals/problems';
import { StatusNote } from '../goals/StatusNote';
import { NotFoundPage } from '../errors/NotFoundPage';
import { CommentThread } from './CommentThread';
import type { LogbookNotice } from './LogbookPage';
import { deleteReflection, reflectionKeys, reflectionQuery, reflectionsChanged } from './queries';
import { reflectionTitle } from './ReflectionItem';
import type { ReflectionDetail } from './types';
import { VisibilityBadge } from './VisibilityBadge';
import '../goals/learning.css';

export interface ReflectionNotice {
  notice?: string;
}

/**
 * /reflecties/:reflectionId, for everyone the reflection is shared with: its author, and depending on its
 * visibility the cohort's facilitators and fellow participants. Others get "not found" (the API's 404), so that
 * not even its existence shows. The author edits and deletes it from here; readers comment.
 */
export function ReflectionPage() {
  const { t } = useTranslation();
  const { reflectionId = '' } = useParams();
  const { data, error } = useQuery(reflectionQuery(reflectionId));

  if (isApiError(error, 404) || isApiError(error, 403)) return <NotFoundPage />;
  if (data) return <ReflectionView reflection={data} />;
  return (
    <>
      <Heading1>{t('reflections.pageTitle')}</Heading1>
      {error ? <QueryErrorAlert error={error} /> : <Loading />}
    </>
  );
}

function ReflectionView({ reflection }: { reflection: ReflectionDetail }) {
  const { t } = useTranslation();
  const title = reflectionTitle(t, reflection);
  usePageTitle(title);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { state } = useLocation() as { state: ReflectionNotice | null };
  const [failure, setFailure] = useState<ReturnType<typeof saveProblem> | null>(null);
  const commentsId = useId();
  const lng = currentLanguage();
  const back = reflection.mine
    ? { to: '/deelnemer/logboek', label: t('reflections.backToLogbook') }
    : { to: `/groepen/${reflection.cohortId}/reflecties`, label: t('reflections.backToShared') };

  const remove = useMutation({
    mutationFn: () => deleteReflection(reflection),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: reflectionKeys.detail(reflection.id) });
      await reflectionsChanged(queryClient);
      navigate('/deelnemer/logboek', { state: { notice: t('reflections.deleted', { title }) } satisfies LogbookNotice });
    },
    onError: (error) => {
      const problem = saveProblem(error);
      setFailure(problem);
      if (problem.stale) void queryClient.invalidateQueries({ queryKey: reflectionKeys.detail(reflection.id) });
    },
  });

  return (
    <>
      <Heading1>{title}</Heading1>
      {state?.notice && <StatusNote text={state.notice} />}
      <Paragraph className="lg-reflection-meta">
        {reflection.mine
          ? t('reflections.page.writtenMine')
          : t('reflections.page.writtenBy', { name: reflection.author.name })}{' '}
        <time dateTime={reflection.writtenOn}>{formatDate(reflection.writtenOn, lng)}</time>{' '}
        <VisibilityBadge visibility={reflection.visibility} />
      </Paragraph>
      {reflection.mine && <Paragraph>{t(`reflections.visibility.${reflection.visibility}.description`)}</Paragraph>}
      {(reflection.module || reflection.session) && (
        <Paragraph className="lg-reflection-meta">
          {reflection.module && t('reflections.item.module', { title: reflection.module.title })}
          {reflection.module && reflection.session && ' · '}
          {reflection.session && t('reflections.item.session', { title: reflection.session.title })}
        </Paragraph>
      )}
      {reflection.goals.length > 0 && (
        <div className="lg-reflection-goals">
          <Paragraph>{t('reflections.page.goals')}</Paragraph>
          <ul>
            {reflection.goals.map((goal) => (
              <li key={goal.id}>
                {reflection.mine ? <RouterLink to={`/deelnemer/leerdoelen/${goal.id}`}>{goal.title}</RouterLink> : goal.title}
              </li>
            ))}
          </ul>
        </div>
      )}
      <RichText html={reflection.bodyHtml} className="lg-reflection-body" />

      {reflection.mine && (
        <div className="lg-reflection-actions">
          {failure && (
            <Alert type="error" role="alert" className="lg-alert">
              <Paragraph>
                <strong>{failure.title}</strong>
              </Paragraph>
              {failure.detail && <Paragraph>{failure.detail}</Paragraph>}
            </Alert>
          )}
          <ButtonGroup>
            <LinkButton appearance="secondary" to={`/reflecties/${reflection.id}/bewerken`}>
              {t('reflections.page.edit')}
            </LinkButton>
            <ConfirmButton
              label={t('reflections.page.delete')}
              question={t('reflections.page.deleteQuestion')}
              confirmLabel={t('reflections.page.deleteConfirm')}
              cancelLabel={t('learningNav.form.keep')}
              busy={remove.isPending}
              onConfirm={() => remove.mutate()}
            />
          </ButtonGroup>
        </div>
      )}
      <Paragraph>
        <RouterLink to={back.to}>{back.label}</RouterLink>
      </Paragraph>

      <section aria-labelledby={commentsId} className="lg-section lg-comments">
        <Heading2 id={commentsId} tabIndex={-1} className="lg-section__heading">
          {t('reflections.comments.heading', { count: reflection.comments.filter((comment) => !comment.deleted).length })}
        </Heading2>
        <CommentThread reflection={reflection} headingId={commentsId} />
      </section>
    </>
  );
}
