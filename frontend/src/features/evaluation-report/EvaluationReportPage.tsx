import '../../i18n/report';
import {
  Heading1,
  Heading2,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../api/ApiError';
import type { Me } from '../../api/types';
import { Loading } from '../../components/Loading';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { formatMoment } from '../../i18n/dates';
import { programmeCohortsQuery } from '../admin/queries';
import { ForbiddenPage } from '../errors/ForbiddenPage';
import { NotFoundPage } from '../errors/NotFoundPage';
import { facilitatedCohort, readsWholeProgramme } from './access';
import { CohortFilter, type CohortOption } from './CohortFilter';
import { Downloads } from './Downloads';
import { FiguresSection } from './FiguresSection';
import { LineageSection } from './LineageSection';
import { reportQuery } from './queries';
import type { EvaluationReport } from './types';
import '../coaching/staff.css';
import './report.css';

/**
 * /leergangen/:programmeId/evaluatierapport[?groep=<cohortId>]: the evaluation results and programme figures,
 * aggregated and anonymous, for admins and the programme's reviewers (all cohorts or one) and for facilitators
 * (a cohort they run). The API decides access and withholds every figure that stands on fewer than k answers.
 */
export function EvaluationReportPage({ user }: { user: Me }) {
  const { t } = useTranslation();
  const { programmeId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const cohortId = params.get('groep') || null;
  const wholeProgramme = readsWholeProgramme(user, programmeId);
  const cohorts = useQuery(programmeCohortsQuery(programmeId));

  // A facilitator reads one cohort at a time: without ?groep= the page opens on the first one they run.
  const fallback = wholeProgramme || cohortId ? undefined : (facilitatedCohort(user, programmeId) ?? cohorts.data?.[0]?.id);
  const choosing = !wholeProgramme && !cohortId && (fallback !== undefined || cohorts.isPending);
  useEffect(() => {
    if (fallback) setParams({ groep: fallback }, { replace: true });
  }, [fallback, setParams]);

  const report = useQuery({ ...reportQuery(programmeId, cohortId), enabled: !choosing });

  if (isApiError(report.error, 403)) return <ForbiddenPage />;
  if (isApiError(report.error, 404)) return <NotFoundPage />;

  const options: CohortOption[] =
    cohorts.data?.map((cohort) => ({ id: cohort.id, name: cohort.name })) ??
    report.data?.figures.byCohort.map((cohort) => ({ id: cohort.cohortId, name: cohort.name })) ??
    [];
  const programmeName = report.data?.programme.name ?? cohorts.data?.[0]?.programmeName ?? '';
  const cohortName = cohortId ? options.find((option) => option.id === cohortId)?.name : undefined;
  const scope = cohortId ? t('report.scope.cohort', { cohort: cohortName ?? '' }) : t('report.scope.all');

  return (
    <ReportFrame programmeName={programmeName} cohortName={cohortName}>
      <FilterArea
        options={options}
        cohortId={cohortId}
        wholeProgramme={wholeProgramme}
        fetching={report.isPlaceholderData}
        shown={report.data && !report.isPlaceholderData ? scope : ''}
        // Replaced, not pushed: the layout moves focus to <main> on a pushed navigation, which would take it off
        // the button just pressed (the filter is a view setting, not a new page).
        onChoose={(id) => setParams(id ? { groep: id } : {}, { replace: true })}
      />
      {report.data ? (
        <ReportBody
          report={report.data}
          programmeId={programmeId}
          cohortId={cohortId}
          scope={scope}
        />
      ) : report.error ? (
        <QueryErrorAlert error={report.error} />
      ) : (
        <Loading />
      )}
    </ReportFrame>
  );
}

function ReportFrame({
  programmeName,
  cohortName,
  children,
}: {
  programmeName: string;
  cohortName: string | undefined;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const title = programmeName ? t('report.pageTitle', { programme: programmeName }) : t('report.title');
  usePageTitle(cohortName ? `${title} — ${cohortName}` : title);
  return (
    <>
      <Heading1>{t('report.title')}</Heading1>
      {programmeName && (
        <Paragraph lead>
          {programmeName}
          {cohortName ? ` — ${t('report.scope.cohort', { cohort: cohortName })}` : ` — ${t('report.scope.all')}`}
        </Paragraph>
      )}
      {children}
    </>
  );
}

/**
 * The cohort filter and a live region that says when another cohort's report is loading and, once the reader
 * chose, which report is shown; the previous report stays on screen meanwhile, so focus stays on the button.
 */
function FilterArea({
  options,
  cohortId,
  wholeProgramme,
  fetching,
  shown,
  onChoose,
}: {
  options: CohortOption[];
  cohortId: string | null;
  wholeProgramme: boolean;
  fetching: boolean;
  shown: string;
  onChoose: (cohortId: string | null) => void;
}) {
  const { t } = useTranslation();
  const [chose, setChose] = useState(false);
  let status = '';
  if (fetching) status = t('report.filter.loading');
  else if (chose && shown) status = t('report.filter.shown', { scope: shown });
  return (
    <>
      <CohortFilter
        options={options}
        current={cohortId}
        allowAll={wholeProgramme}
        onChoose={(id) => {
          setChose(true);
          onChoose(id);
        }}
      />
      <Paragraph role="status" className="lg-staff-note lg-report-status">
        {status}
      </Paragraph>
    </>
  );
}

function ReportBody({
  report,
  programmeId,
  cohortId,
  scope,
}: {
  report: EvaluationReport;
  programmeId: string;
  cohortId: string | null;
  scope: string;
}) {
  const { t } = useTranslation();
  const figuresId = 'rapport-cijfers';
  const resultsId = 'rapport-evaluaties';
  const downloadsId = 'rapport-downloaden';
  const lineageId = (id: string) => `evaluatie-${id}`;
  const k = report.programme.k;
  const allWithheld = report.forms.length > 0 && report.forms.every((lineage) => lineage.withheld);
  return (
    <>
      <div className="lg-report-about">
        <Paragraph>
          <strong>{t('report.threshold', { k })}</strong>
        </Paragraph>
        <Paragraph>{t('report.withheldExplanation', { k, withheld: t('report.withheld') })}</Paragraph>
        <Paragraph className="lg-staff-note">
          {t('report.generatedAt', { moment: formatMoment(report.generatedAt) })}
        </Paragraph>
      </div>
      <nav aria-labelledby={`${resultsId}-toc`} className="lg-report-toc">
        <p id={`${resultsId}-toc`} className="lg-report-toc__heading">
          {t('report.toc')}
        </p>
        <UnorderedList>
          <UnorderedListItem>
            <a className="utrecht-link utrecht-link--html-a" href={`#${downloadsId}`}>
              {t('report.downloads.heading')}
            </a>
          </UnorderedListItem>
          <UnorderedListItem>
            <a className="utrecht-link utrecht-link--html-a" href={`#${figuresId}`}>
              {t('report.figures.heading')}
            </a>
          </UnorderedListItem>
          {report.forms.map((lineage) => (
            <UnorderedListItem key={lineage.lineageId}>
              <a className="utrecht-link utrecht-link--html-a" href={`#${lineageId(lineage.lineageId)}`}>
                {lineage.title}
              </a>
            </UnorderedListItem>
          ))}
        </UnorderedList>
      </nav>
      <Downloads id={downloadsId} programmeId={programmeId} cohortId={cohortId} scope={scope} />
      <FiguresSection id={figuresId} figures={report.figures} />
      {report.forms.length === 0 ? (
        <section aria-labelledby={resultsId} className="lg-section">
          <Heading2 id={resultsId} className="lg-section__heading">
            {t('report.results.heading')}
          </Heading2>
          <Paragraph>{cohortId ? t('report.results.noneCohort') : t('report.results.none')}</Paragraph>
        </section>
      ) : (
        <>
          {allWithheld && (
            <Paragraph className="lg-report-all-withheld">{t('report.results.allWithheld', { k })}</Paragraph>
          )}
          {report.forms.map((lineage) => (
            <LineageSection key={lineage.lineageId} id={lineageId(lineage.lineageId)} lineage={lineage} />
          ))}
        </>
      )}
    </>
  );
}
