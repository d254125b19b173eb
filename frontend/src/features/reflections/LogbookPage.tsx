import '../../i18n/learning';
import { Button, Heading1, Heading2, Paragraph, SelectOption } from '@utrecht/component-library-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearchParams } from 'react-router';
import type { CohortOverview, Me } from '../../api/types';
import { Loading } from '../../components/Loading';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { RouterLink } from '../../components/RouterLink';
import { usePageTitle } from '../../components/usePageTitle';
import { SelectField, TextField } from '../../components/fields';
import { cohortTitle } from '../cohorts/CohortDetails';
import { LinkButton } from '../goals/LinkButton';
import { useParticipantCohorts } from '../goals/participantCohorts';
import { StatusNote } from '../goals/StatusNote';
import { myReflectionsQuery } from './queries';
import { ReflectionList } from './ReflectionList';
import { visibilities, type LogbookFilters, type Visibility } from './types';
import '../goals/learning.css';

export interface LogbookNotice {
  notice?: string;
}

/** The filters in the URL (?groep, module, zichtbaarheid, q), so that back and reload keep them. */
function filtersOf(params: URLSearchParams): LogbookFilters {
  const visibility = params.get('zichtbaarheid');
  return {
    cohortId: params.get('groep') || undefined,
    moduleId: params.get('module') || undefined,
    visibility: (visibilities as string[]).includes(visibility ?? '') ? (visibility as Visibility) : undefined,
    q: params.get('q')?.trim() || undefined,
  };
}

function paramsOf(filters: LogbookFilters): Record<string, string> {
  const params: Record<string, string> = {};
  if (filters.cohortId) params.groep = filters.cohortId;
  if (filters.moduleId) params.module = filters.moduleId;
  if (filters.visibility) params.zichtbaarheid = filters.visibility;
  if (filters.q) params.q = filters.q;
  return params;
}

/**
 * /deelnemer/logboek, "Mijn logboek": all of one's own reflections, private ones included, newest first, with
 * filters and a Dutch full-text search that shows where each match is.
 */
export function LogbookPage({ user }: { user: Me }) {
  const { t } = useTranslation();
  usePageTitle(t('reflections.logbook.title'));
  const cohorts = useParticipantCohorts(user);
  const { state } = useLocation() as { state: LogbookNotice | null };
  return (
    <>
      <Heading1>{t('reflections.logbook.title')}</Heading1>
      {state?.notice && <StatusNote text={state.notice} />}
      <Paragraph>{t('reflections.logbook.intro')}</Paragraph>
      {cohorts.status === 'none' ? (
        <Paragraph>{t('learningNav.noCohort')}</Paragraph>
      ) : cohorts.status === 'loading' ? (
        <Loading />
      ) : (
        <>
          {cohorts.errors.map((error, index) => (
            <QueryErrorAlert key={index} error={error} />
          ))}
          <Logbook cohorts={cohorts.cohorts} current={cohorts.cohort} />
        </>
      )}
    </>
  );
}

function Logbook({ cohorts, current }: { cohorts: CohortOverview[]; current: CohortOverview | null }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const resultsId = useId();
  const resultsRef = useRef<HTMLHeadingElement>(null);
  // The search (as URL parameters) whose results should take focus once they are in.
  const [focusFor, setFocusFor] = useState<string | null>(null);
  const list = useInfiniteQuery(myReflectionsQuery(filters));
  const newCohort = cohorts.find((cohort) => cohort.id === filters.cohortId) ?? current;

  // After a search, start the reader at the results once they are in (their count is announced there); once.
  const shown = params.toString();
  useEffect(() => {
    if (focusFor === null || focusFor !== shown || list.isFetching) return;
    resultsRef.current?.focus();
    setFocusFor(null);
  }, [focusFor, shown, list.isFetching]);

  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const searching = Boolean(filters.q);
  const filtered = Boolean(filters.q || filters.cohortId || filters.moduleId || filters.visibility);

  return (
    <>
      {newCohort && (
        <div className="lg-learning-actions">
          <LinkButton to={`/deelnemer/logboek/nieuw?groep=${newCohort.id}`}>{t('reflections.new')}</LinkButton>
        </div>
      )}
      <Filters
        // A fresh form when the URL changes from elsewhere (back button, "Filters wissen").
        key={params.toString()}
        cohorts={cohorts}
        filters={filters}
        onApply={(next) => {
          const nextParams = new URLSearchParams(paramsOf(next));
          setParams(nextParams);
          setFocusFor(nextParams.toString());
        }}
      />
      <section aria-labelledby={resultsId} className="lg-section">
        <Heading2 id={resultsId} ref={resultsRef} tabIndex={-1} className="lg-section__heading">
          {searching ? t('reflections.logbook.results', { q: filters.q }) : t('reflections.logbook.listHeading')}
        </Heading2>
        {filtered && (
          <Paragraph>
            <RouterLink to="/deelnemer/logboek">{t('reflections.logbook.clear')}</RouterLink>
          </Paragraph>
        )}
        {list.error && <QueryErrorAlert error={list.error} />}
        {list.isPending ? (
          <Loading />
        ) : (
          list.data && (
            <>
              <Paragraph role="status">
                {searching
                  ? t('reflections.logbook.found', { count: items.length })
                  : items.length === 0
                    ? filtered
                      ? t('reflections.logbook.noneFiltered')
                      : t('reflections.logbook.none')
                    : ''}
              </Paragraph>
              <ReflectionList
                items={items}
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

function Filters({
  cohorts,
  filters,
  onApply,
}: {
  cohorts: CohortOverview[];
  filters: LogbookFilters;
  onApply: (filters: LogbookFilters) => void;
}) {
  const { t } = useTranslation();
  const prefix = useId();
  const [draft, setDraft] = useState<LogbookFilters>(filters);
  // Modules belong to one cohort: offered for the chosen cohort, or for the only one.
  const moduleCohort = cohorts.length === 1 ? cohorts[0] : cohorts.find((cohort) => cohort.id === draft.cohortId);
  const modules = [...(moduleCohort?.modules ?? [])].sort((a, b) => a.position - b.position);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply({ ...draft, q: draft.q?.trim() || undefined });
  }

  return (
    <form role="search" aria-label={t('reflections.logbook.searchLabel')} className="lg-logbook-filters" onSubmit={onSubmit}>
      <TextField
        id={`${prefix}-q`}
        type="search"
        label={t('reflections.logbook.q')}
        description={t('reflections.logbook.qHelp')}
        value={draft.q ?? ''}
        onChange={(event) => setDraft({ ...draft, q: event.target.value })}
        maxLength={200}
      />
      <div className="lg-learning-row">
        {cohorts.length > 1 && (
          <SelectField
            id={`${prefix}-cohort`}
            label={t('reflections.logbook.cohort')}
            value={draft.cohortId ?? ''}
            onChange={(event) => setDraft({ ...draft, cohortId: event.target.value || undefined, moduleId: undefined })}
          >
            <SelectOption value="">{t('reflections.logbook.allCohorts')}</SelectOption>
            {cohorts.map((cohort) => (
              <SelectOption key={cohort.id} value={cohort.id}>
                {cohortTitle(cohort)}
              </SelectOption>
            ))}
          </SelectField>
        )}
        {modules.length > 0 && (
          <SelectField
            id={`${prefix}-module`}
            label={t('reflections.logbook.module')}
            value={draft.moduleId ?? ''}
            onChange={(event) => setDraft({ ...draft, moduleId: event.target.value || undefined })}
          >
            <SelectOption value="">{t('reflections.logbook.allModules')}</SelectOption>
            {modules.map((module) => (
              <SelectOption key={module.id} value={module.id}>
                {t('goals.module', { position: module.position, title: module.title })}
              </SelectOption>
            ))}
          </SelectField>
        )}
        <SelectField
          id={`${prefix}-visibility`}
          label={t('reflections.logbook.visibility')}
          value={draft.visibility ?? ''}
          onChange={(event) => setDraft({ ...draft, visibility: (event.target.value || undefined) as Visibility | undefined })}
        >
          <SelectOption value="">{t('reflections.logbook.allVisibilities')}</SelectOption>
          {visibilities.map((visibility) => (
            <SelectOption key={visibility} value={visibility}>
              {t(`reflections.visibility.${visibility}.badge`)}
            </SelectOption>
          ))}
        </SelectField>
      </div>
      <Button type="submit" appearance="primary-action-button">
        {t('reflections.logbook.apply')}
      </Button>
    </form>
  );
}
