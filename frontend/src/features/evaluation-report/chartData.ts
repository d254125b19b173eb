import type { TFunction } from 'i18next';
import { formatCount, formatMean, formatPercent } from './format';
import type { GroupStat, QuestionKind, Stat } from './types';

/*
 * What the charts draw and what the tables beside them say, from one place: so the table alternative always
 * holds the very numbers of the chart, and the chart's accessible name summarises the same.
 */

/** One bar of a distribution: a scale value or choice, how many gave it, and its share of the answers. */
export interface DistributionRow {
  value: string;
  /** "4 — goed" when the value has a label of its own, else the value or the choice's label. */
  label: string;
  count: number;
  share: number;
}

/** A scale's value with its label ("5 — uitstekend"); a choice is known by its label alone. */
export function bucketLabel(kind: QuestionKind, bucket: { value: string; label: string }): string {
  if (kind === 'choice') return bucket.label || bucket.value;
  return bucket.label && bucket.label !== bucket.value ? `${bucket.value} — ${bucket.label}` : bucket.value;
}

/** The bars of a stat's distribution; none for a withheld stat (it has no numbers to give). */
export function distributionRows(kind: QuestionKind, stat: Stat): DistributionRow[] {
  if (stat.withheld) return [];
  const total = stat.distribution.reduce((sum, bucket) => sum + bucket.count, 0);
  return stat.distribution.map((bucket) => ({
    value: bucket.value,
    label: bucketLabel(kind, bucket),
    count: bucket.count,
    share: total > 0 ? bucket.count / total : 0,
  }));
}

/** One bar of a trend: a year, cohort or form with its mean, or null where too few answers stand behind it. */
export interface TrendRow {
  id: string;
  label: string;
  mean: number | null;
  median: number | null;
  n: number;
  nps: number | null;
}

export function trendRows(groups: GroupStat[]): TrendRow[] {
  return groups.map(({ id, label, stat }) => ({
    id,
    label,
    mean: stat.withheld ? null : stat.mean,
    median: stat.withheld ? null : stat.median,
    n: stat.withheld ? 0 : stat.n,
    nps: stat.withheld ? null : (stat.nps?.score ?? null),
  }));
}

/** The highest value a mean can take: 5 on a scale, 10 for a recommendation. */
export function scaleMax(kind: QuestionKind): number {
  return kind === 'recommendation' ? 10 : 5;
}

/** The chart's accessible name: what it shows and every bar's number, as the table beside it has them. */
export function distributionSummary(rows: DistributionRow[], n: number, t: TFunction): string {
  const items = rows.map((row) =>
    t('report.chart.distributionItem', { label: row.label, count: formatCount(row.count), share: formatPercent(row.share) }),
  );
  return t('report.chart.distribution', { n: formatCount(n), items: items.join('; ') });
}

export function trendSummary(rows: TrendRow[], by: 'cohort' | 'year' | 'form', t: TFunction): string {
  const items = rows.map((row) =>
    row.mean === null
      ? t('report.chart.trendItemWithheld', { label: row.label })
      : t('report.chart.trendItem', { label: row.label, mean: formatMean(row.mean), n: formatCount(row.n) }),
  );
  return t(`report.chart.trend.${by}`, { items: items.join('; ') });
}

/** Round ticks for a count axis: 0 to a round maximum in at most five steps of 1, 2 or 5 (times a power of ten). */
export function countTicks(max: number): number[] {
  const top = Math.max(1, Math.ceil(max));
  let step = 1;
  for (let power = 1; ; power *= 10) {
    const found = [1, 2, 5].map((factor) => factor * power).find((candidate) => top / candidate <= 5);
    if (found) {
      step = found;
      break;
    }
  }
  const end = Math.ceil(top / step) * step;
  return Array.from({ length: end / step + 1 }, (_, index) => index * step);
}

/**
 * The height of one bar's row, so that a long label (a choice, "cohort · form title") wraps beside its bar
 * without running into the next: about 0.55 em per character at 13 px, 17 px per line.
 */
export function rowHeightFor(labels: string[], axisWidth: number): number {
  const perLine = Math.max(1, Math.floor(axisWidth / (13 * 0.55)));
  const lines = Math.max(1, ...labels.map((label) => Math.ceil((label.length * 1.15) / perLine)));
  return Math.max(40, lines * 17 + 12);
}
