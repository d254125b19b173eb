import { Blockquote, Heading3, Heading4, Paragraph } from '@utrecht/component-library-react';
import { lazy, Suspense, useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ChartBoundary } from '../coaching/ChartBoundary';
import {
  distributionRows,
  distributionSummary,
  scaleMax,
  trendRows,
  trendSummary,
  type DistributionRow,
  type TrendRow,
} from './chartData';
import { formatCount, formatDecimal, formatMean, formatNps, formatPercent } from './format';
import { ChoiceGroupTable, DistributionTable, TrendTable } from './StatTables';
import type { GroupStat, QuestionKind, ReportQuestion, Stat } from './types';
import { Withheld } from './Withheld';

// The chart library is big: it loads only here, in its own chunk, after the figures it illustrates are on screen.
const DistributionChart = lazy(() => import('./ReportCharts').then((m) => ({ default: m.DistributionChart })));
const TrendChart = lazy(() => import('./ReportCharts').then((m) => ({ default: m.TrendChart })));

/**
 * One question of a form lineage, summarised as its kind allows: a scale or recommendation with its answers,
 * mean, median and spread (and the NPS), a choice by option, an open question with the answers that were shared.
 * Then the same per cohort and per year, where there is more than one.
 */
export function QuestionResult({ question, number }: { question: ReportQuestion; number: number }) {
  const { t } = useTranslation();
  const headingId = useId();
  const { overall, kind } = question;
  return (
    <section aria-labelledby={headingId} className="lg-report-question">
      <Heading3 id={headingId} className="lg-report-question__heading">
        <span className="lg-report-question__number">{t('report.question.number', { number })}</span> {question.prompt}
      </Heading3>
      <Paragraph className="lg-staff-note lg-report-question__kind">{t(`report.question.kind.${kind}`)}</Paragraph>
      <Summary kind={kind} stat={overall} />
      {!overall.withheld && kind !== 'text' && <Distribution kind={kind} stat={overall} />}
      {kind === 'text' && <SharedAnswers stat={overall} answers={question.sharedAnswers} />}
      {!overall.withheld && kind !== 'text' && <Comparisons question={question} />}
    </section>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="lg-report-figure">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Summary({ kind, stat }: { kind: QuestionKind; stat: Stat }) {
  const { t } = useTranslation();
  if (stat.withheld) {
    return (
      <dl className="lg-report-figures lg-report-figures--small">
        <Fact term={t('report.question.n')}>
          <Withheld />
        </Fact>
      </dl>
    );
  }
  const scaled = kind === 'scale' || kind === 'recommendation';
  const nps = kind === 'recommendation' ? stat.nps : null;
  return (
    <dl className="lg-report-figures lg-report-figures--small">
      <Fact term={t('report.question.n')}>{formatCount(stat.n)}</Fact>
      {scaled && stat.mean !== null && (
        <Fact term={t('report.question.mean')}>
          {formatMean(stat.mean)}
          <span className="lg-report-figure__scale"> {t('report.question.outOf', { max: scaleMax(kind) })}</span>
        </Fact>
      )}
      {scaled && stat.median !== null && <Fact term={t('report.question.median')}>{formatDecimal(stat.median)}</Fact>}
      {nps && (
        <>
          <Fact term={t('report.question.nps')}>{formatNps(nps.score)}</Fact>
          <Fact term={t('report.question.promoters')}>{npsPart(nps.promoters, stat.n)}</Fact>
          <Fact term={t('report.question.passives')}>{npsPart(nps.passives, stat.n)}</Fact>
          <Fact term={t('report.question.detractors')}>{npsPart(nps.detractors, stat.n)}</Fact>
        </>
      )}
    </dl>
  );
}

function npsPart(count: number, n: number): string {
  return n > 0 ? `${formatCount(count)} (${formatPercent(count / n)})` : formatCount(count);
}

/** How the answers spread: the chart, and the table with the same numbers under "Tabel bij deze grafiek". */
function Distribution({ kind, stat }: { kind: QuestionKind; stat: Stat }) {
  const { t } = useTranslation();
  const rows: DistributionRow[] = distributionRows(kind, stat);
  if (rows.length === 0) return null;
  const caption = t('report.table.distributionCaption');
  return (
    <div className="lg-report-block">
      <Heading4 className="lg-report-block__heading">{t('report.question.distribution')}</Heading4>
      {/* A chart that fails to load leaves the table, which holds the same numbers. */}
      <ChartBoundary>
        <Suspense fallback={null}>
          <DistributionChart rows={rows} summary={distributionSummary(rows, stat.n, t)} />
        </Suspense>
      </ChartBoundary>
      <TableDetails>
        <DistributionTable caption={caption} rows={rows} />
      </TableDetails>
    </div>
  );
}

function TableDetails({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <details className="lg-report-details">
      <summary>{t('report.chart.table')}</summary>
      {children}
    </details>
  );
}

type By = 'cohort' | 'year' | 'form';

/**
 * The question per cohort and per year (and per form where a cohort had more than one), when there is more than
 * one of them to compare. Means as charts with their tables; a choice as a table of counts.
 */
function Comparisons({ question }: { question: ReportQuestion }) {
  const { t } = useTranslation();
  const splits: { by: By; groups: GroupStat[] }[] = [];
  if (question.byCohort.length > 1) splits.push({ by: 'cohort', groups: question.byCohort });
  // A year per cohort makes the years the cohorts again: then the years add nothing.
  if (question.byYear.length > 1 && question.byYear.length !== question.byCohort.length) {
    splits.push({ by: 'year', groups: question.byYear });
  }
  if (question.byForm.length > Math.max(1, question.byCohort.length)) splits.push({ by: 'form', groups: question.byForm });
  if (splits.length === 0) return null;
  return (
    <div className="lg-report-block">
      <Heading4 className="lg-report-block__heading">{t('report.trend.heading')}</Heading4>
      <div className="lg-report-trends">
        {splits.map(({ by, groups }) =>
          question.kind === 'choice' ? (
            <ChoiceGroupTable
              key={by}
              caption={t(`report.trend.choiceCaption.${by}`)}
              groupHeading={t(`report.trend.group.${by}`)}
              wrapLabels={by === 'form'}
              groups={groups}
              choices={question.overall.distribution}
            />
          ) : (
            <Trend key={by} by={by} kind={question.kind} rows={trendRows(groups)} />
          ),
        )}
      </div>
    </div>
  );
}

function Trend({ by, kind, rows }: { by: By; kind: QuestionKind; rows: TrendRow[] }) {
  const { t } = useTranslation();
  const caption = t(`report.trend.caption.${by}`);
  return (
    <div className="lg-report-trend">
      <p className="lg-report-trend__title">{caption}</p>
      {rows.some((row) => row.mean !== null) && (
        <ChartBoundary>
          <Suspense fallback={null}>
            <TrendChart rows={rows} max={scaleMax(kind)} summary={trendSummary(rows, by, t)} />
          </Suspense>
        </ChartBoundary>
      )}
      <TableDetails>
        <TrendTable
          caption={caption}
          groupHeading={t(`report.trend.group.${by}`)}
          wrapLabels={by === 'form'}
          rows={rows}
          kind={kind}
        />
      </TableDetails>
    </div>
  );
}

/** An open question: the answers respondents allowed to share, as quotes without names, or why there are none. */
function SharedAnswers({ stat, answers }: { stat: Stat; answers: string[] }) {
  const { t } = useTranslation();
  if (stat.withheld) return null;
  return (
    <div className="lg-report-block">
      <Heading4 className="lg-report-block__heading">
        {t('report.shared.heading', { count: answers.length })}
      </Heading4>
      {answers.length === 0 ? (
        <Paragraph>{t('report.shared.none')}</Paragraph>
      ) : (
        <>
          <Paragraph className="lg-staff-note">{t('report.shared.intro')}</Paragraph>
          <ul className="lg-report-quotes">
            {answers.map((answer, index) => (
              <li key={index}>
                <Blockquote className="lg-report-quote">
                  <p className="lg-staff-text">{answer}</p>
                </Blockquote>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
