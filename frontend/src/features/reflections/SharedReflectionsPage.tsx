import '../../i18n/learning';
import { Button, Heading1, Heading2, Paragraph, SelectOption } from '@utrecht/component-library-react';
import { useInfiniteQuery, useQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../api/ApiError';
import type { CohortOverview, Me } from '../../api/types';
import { grantsFor } from '../../auth/roles';
import { Loading } from '../../components/Loading';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { RouterLink } from '../../components/RouterLink';
import { usePageTitle } from '../../components/usePageTitle';
import { SelectField } from '../../components/fields';
import { cohortTitle } from '../cohorts/CohortDetails';
import { cohortQuery } from '../cohorts/queries';
import { ForbiddenPage } from '../errors/ForbiddenPage';
import { NotFoundPage } from '../errors/NotFoundPage';
import { sharedReflectionsQuery } from './queries';
import { ReflectionList } from './ReflectionList';
import type { ReflectionPage } from './types';
import '../goals/learning.css';

/** Whether the user facilitates this cohort (a grant for it, or for its whole programme). */
export function facilitates(user: Me, cohort: Pick<CohortOverview, 'id' | 'programmeId'>): boolean {
  return grantsFor(user, 'facilitator').some(
    (grant) => grant.cohortId === cohort.id || (grant.cohortId === null && grant.programmeId === cohort.programmeId),
  );
}

/**
 * /groepen/:cohortId/reflecties, "Gedeeld in de groep": what the cohort's participants share. Participants see
 * what was shared with the whole group; the cohort's facilitators also what was shared with facilitators. The
 * API decides; its 403 becomes the no-access page.
 */
export function SharedReflectionsPage({ user }: { user: Me }) {
  const { t } = useTranslation();
  usePageTitle(t('reflections.shared.title'));
  const { cohortId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const authorId = params.get('auteur') || null;
  const queryClient = useQueryClient();
  const cohort = useQuery(cohortQuery(cohortId));
  const list = useInfiniteQuery(sharedReflectionsQuery(cohortId, authorId));
  const resultsId = useId();
  const error = list.error ?? cohort.error;

  if (isApiError(error, 403)) return <ForbiddenPage />;
  if (isApiError(error, 404)) return <NotFoundPage />;

  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  // The authors to filter by: those seen so far. The whole list is never fetched just for this, because every
  // facilitator's read of a person's reflections is logged for that person.
  const unfiltered = queryClient.getQueryData<InfiniteData<ReflectionPage>>(sharedReflectionsQuery(cohortId, null).queryKey);
  const authors = new Map<string, string>();
  for (const reflection of [...(unfiltered?.pages.flatMap((page) => page.items) ?? []), ...items]) {
    authors.set(reflection.author.id, reflection.author.name);
  }
  const sortedAuthors = [...authors].sort((a, b) => a[1].localeCompare(b[1], 'nl'));

  return (
    <>
      <Heading1>{t('reflections.shared.title')}</Heading1>
      {cohort.data && (
        <Paragraph lead>
          <RouterLink to={`/groepen/${cohortId}`}>{cohortTitle(cohort.data)}</RouterLink>
        </Paragraph>
      )}
      {cohort.data && (
        <Paragraph>
          {facilitates(user, cohort.data) ? t('reflections.shared.introFacilitator') : t('reflections.shared.introParticipant')}
        </Paragraph>
      )}
      {sortedAuthors.length > 0 && (
        <AuthorFilter
          key={authorId ?? ''}
          authors={sortedAuthors}
          authorId={authorId}
          onApply={(next) => setParams(next ? { auteur: next } : {})}
        />
      )}
      <section aria-labelledby={resultsId} className="lg-section">
        <Heading2 id={resultsId} className="lg-section__heading">
          {authorId && authors.get(authorId)
            ? t('reflections.shared.byAuthor', { name: authors.get(authorId) })
            : t('reflections.shared.listHeading')}
        </Heading2>
        {error && <QueryErrorAlert error={error} />}
        {list.isPending ? (
          <Loading />
        ) : (
          list.data && (
            <>
              {items.length === 0 && <Paragraph>{t('reflections.shared.none')}</Paragraph>}
              <ReflectionList
                items={items}
                showAuthor
                hasMore={list.hasNextPage}
                loadingMore={list.isFetchingNextPage}
                onMore={() => void list.fetchNextPage()}
              />
            </>
          )
        )}
      </section>
    </>
  );
}

function AuthorFilter({
  authors,
  authorId,
  onApply,
}: {
  authors: [string, string][];
  authorId: string | null;
  onApply: (authorId: string | null) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [choice, setChoice] = useState(authorId ?? '');
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply(choice || null);
  }
  return (
    <form className="lg-learning-picker" onSubmit={onSubmit}>
      <SelectField id={id} label={t('reflections.shared.author')} value={choice} onChange={(event) => setChoice(event.target.value)}>
        <SelectOption value="">{t('reflections.shared.everyone')}</SelectOption>
        {authors.map(([authorKey, name]) => (
          <SelectOption key={authorKey} value={authorKey}>
            {name}
          </SelectOption>
        ))}
      </SelectField>
      <Button type="submit" appearance="secondary-action-button">
        {t('reflections.shared.apply')}
      </Button>
    </form>
  );
}
