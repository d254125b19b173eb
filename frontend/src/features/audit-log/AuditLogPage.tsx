import '../../i18n/admin-security';
import { Button, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useInfiniteQuery, useQuery, type InfiniteData, type UseInfiniteQueryResult } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { isApiError } from '../../api/ApiError';
import { formProblem } from '../../components/formProblem';
import { Loading } from '../../components/Loading';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { ForbiddenPage } from '../errors/ForbiddenPage';
import { userSecurityQuery } from '../people/securityQueries';
import { AuditLogTable, lineDomId, type FilterLinks } from './AuditLogTable';
import { FilterForm, type FilterProblem } from './FilterForm';
import { apiQuery, filterErrors, filtersFromParams, filtersToParams, type AuditFilters } from './filters';
import { auditLogQuery, type AuditLogLine, type AuditLogPage } from './queries';
import '../coaching/staff.css';
import './audit.css';

const filterFields = new Set(['actor', 'subject', 'action', 'objectType', 'objectId', 'from', 'to']);

/** The server's refusal of a search (422) on the filter fields; anything else as a message of its own. */
function serverProblem(error: unknown): FilterProblem | null {
  if (!isApiError(error, 422)) return null;
  const problem = formProblem(error);
  const fields: Record<string, string> = {};
  const messages: string[] = [];
  for (const [field, message] of Object.entries(problem.fields)) {
    if (filterFields.has(field)) fields[field] = message;
    else messages.push(`${field}: ${message}`);
  }
  return { title: problem.title, detail: problem.detail, fields, messages };
}

/** Names of the people in the lines, by id, so the filter can say whom it is set to. */
function namesIn(lines: AuditLogLine[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const line of lines) {
    if (line.actor) names.set(line.actor.id, line.actor.name);
    if (line.subject) names.set(line.subject.id, line.subject.name);
  }
  return names;
}

/**
 * /beheer/auditlog, for admins: search the audit log by action, person, period and object. The filters are the
 * page's address, so a search can be bookmarked and Back goes to the previous one.
 */
export function AuditLogPage() {
  const { t } = useTranslation();
  usePageTitle(t('adminSecurity.auditLog.title'));
  const [params, setParams] = useSearchParams();
  const paramsKey = params.toString();
  const filters = useMemo(() => filtersFromParams(new URLSearchParams(paramsKey)), [paramsKey]);
  const urlErrors = useMemo(() => filterErrors(filters), [filters]);
  const valid = Object.keys(urlErrors).length === 0;
  const query = useMemo(() => (valid ? apiQuery(filters) : {}), [filters, valid]);
  const results = useInfiniteQuery(auditLogQuery(query, valid));
  const lines = useMemo(() => results.data?.pages.flatMap((page) => page.entries) ?? [], [results.data]);

  // Names of people picked in the filter or followed from the table, for the filter's "Gekozen: …".
  const [picked, setPicked] = useState<ReadonlyMap<string, string>>(new Map());
  const remember = (id: string, name: string) => setPicked((known) => new Map(known).set(id, name));
  const names = useResolvedNames(filters, lines, picked, results.data !== undefined || results.error !== null || !valid);

  const problem = useMemo<FilterProblem | null>(() => {
    if (!valid) {
      const fields = Object.fromEntries(
        Object.entries(urlErrors).map(([field, key]) => [field, t(`adminSecurity.auditLog.filters.errors.${key}`)]),
      );
      return { title: t('adminSecurity.auditLog.filters.invalid'), fields, messages: [] };
    }
    return serverProblem(results.error);
  }, [valid, urlErrors, results.error, t]);

  // After following a name or object in the table (the link itself may go), focus goes to the results' heading.
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const focusResults = useRef(false);
  useEffect(() => {
    if (focusResults.current) resultsHeading.current?.focus();
    focusResults.current = false;
  }, [paramsKey]);

  const links: FilterLinks = {
    hrefFor: (change) => `?${filtersToParams({ ...filters, ...change }).toString()}`,
    onFollow: (person) => {
      if (person) remember(person.id, person.name);
      focusResults.current = true;
    },
  };

  if (isApiError(results.error, 403)) return <ForbiddenPage />;

  return (
    <>
      <Heading1>{t('adminSecurity.auditLog.title')}</Heading1>
      <Paragraph lead>{t('adminSecurity.auditLog.intro')}</Paragraph>
      <FilterForm
        filters={filters}
        names={names}
        problem={problem}
        onName={remember}
        onApply={(next: AuditFilters) => setParams(filtersToParams(next))}
      />
      <Results key={paramsKey} results={results} lines={lines} valid={valid} links={links} headingRef={resultsHeading} />
    </>
  );
}

/**
 * Names for the people the filters are set to: from the lines or the picker when known, else asked of the
 * server (a person's sign-in page names them).
 */
function useResolvedNames(filters: AuditFilters, lines: AuditLogLine[], picked: ReadonlyMap<string, string>, searched: boolean) {
  const fromLines = useMemo(() => namesIn(lines), [lines]);
  // Only once the search has answered: its lines usually name the person already.
  const ask = (id: string) => searched && id !== '' && !picked.has(id) && !fromLines.has(id);
  const actor = useQuery({ ...userSecurityQuery(filters.actor, ask(filters.actor)), retry: false });
  const subject = useQuery({ ...userSecurityQuery(filters.subject, ask(filters.subject)), retry: false });
  return useMemo(() => {
    const names = new Map(fromLines);
    for (const [id, name] of picked) names.set(id, name);
    for (const person of [actor.data, subject.data]) if (person && !names.has(person.userId)) names.set(person.userId, person.name);
    return names;
  }, [fromLines, picked, actor.data, subject.data]);
}

function Results({
  results,
  lines,
  valid,
  links,
  headingRef,
}: {
  results: UseInfiniteQueryResult<InfiniteData<AuditLogPage>, Error>;
  lines: AuditLogLine[];
  valid: boolean;
  links: FilterLinks;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const [loaded, setLoaded] = useState<string | null>(null);
  const [focusLine, setFocusLine] = useState<number | null>(null);

  useEffect(() => {
    if (focusLine !== null) document.getElementById(lineDomId(focusLine))?.focus();
  }, [focusLine]);

  function loadMore() {
    if (results.isFetchingNextPage) return;
    const before = lines.length;
    void results.fetchNextPage().then((result) => {
      const all = result.data?.pages.flatMap((page) => page.entries) ?? [];
      const added = all.length - before;
      setLoaded(t('adminSecurity.auditLog.results.loaded', { count: added, total: all.length }));
      const first = all[before];
      if (first) setFocusLine(first.id);
    });
  }

  let body;
  if (!valid || isApiError(results.error, 422)) body = null;
  else if (results.error && lines.length === 0) body = <QueryErrorAlert error={results.error} />;
  else if (!results.data) body = <Loading />;
  else if (lines.length === 0) body = <Paragraph role="status">{t('adminSecurity.auditLog.results.none')}</Paragraph>;
  else {
    const count = t('adminSecurity.auditLog.results.count', { count: lines.length });
    body = (
      <>
        <Paragraph role="status" className="lg-staff-note">
          {loaded ?? (results.hasNextPage ? `${count} ${t('adminSecurity.auditLog.results.more')}` : count)}
        </Paragraph>
        <AuditLogTable lines={lines} links={links} />
        {results.error && <QueryErrorAlert error={results.error} />}
        {results.hasNextPage && (
          <Button type="button" appearance="secondary-action-button" busy={results.isFetchingNextPage} onClick={loadMore}>
            {t('adminSecurity.auditLog.results.loadMore')}
          </Button>
        )}
      </>
    );
  }

  return (
    <section aria-labelledby={headingId} className="lg-section" aria-busy={results.isFetching}>
      <Heading2 id={headingId} ref={headingRef} tabIndex={-1} className="lg-section__heading">
        {t('adminSecurity.auditLog.results.heading')}
      </Heading2>
      {body}
    </section>
  );
}
