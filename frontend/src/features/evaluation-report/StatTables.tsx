import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DistributionRow, TrendRow } from './chartData';
import { formatCount, formatDecimal, formatMean, formatNps, formatPercent } from './format';
import type { Bucket, GroupStat, QuestionKind } from './types';
import { bucketLabel } from './chartData';
import { Withheld } from './Withheld';

/** A table that scrolls sideways on its own on a narrow screen, named by its caption. */
function ScrollTable({ caption, children }: { caption: string; children: ReactNode }) {
  const captionId = useId();
  return (
    <div className="lg-staff-table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <Table className="lg-staff-table lg-report-table">
        <TableCaption id={captionId}>{caption}</TableCaption>
        {children}
      </Table>
    </div>
  );
}

/** The distribution chart's numbers: every value or choice with its count and share. */
export function DistributionTable({ caption, rows }: { caption: string; rows: DistributionRow[] }) {
  const { t } = useTranslation();
  return (
    <ScrollTable caption={caption}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{t('report.table.answer')}</TableHeaderCell>
          <TableHeaderCell scope="col" className="lg-staff-table__number">
            {t('report.table.count')}
          </TableHeaderCell>
          <TableHeaderCell scope="col" className="lg-staff-table__number">
            {t('report.table.share')}
          </TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.value}>
            <TableHeaderCell scope="row">{row.label}</TableHeaderCell>
            <TableCell className="lg-staff-table__number">{formatCount(row.count)}</TableCell>
            <TableCell className="lg-staff-table__number">{formatPercent(row.share)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </ScrollTable>
  );
}

/**
 * The trend chart's numbers, per cohort, year or form: answers, mean and median (and the NPS for a
 * recommendation). A group with too few answers says so across its row.
 */
export function TrendTable({
  caption,
  groupHeading,
  wrapLabels = false,
  rows,
  kind,
}: {
  caption: string;
  groupHeading: string;
  wrapLabels?: boolean;
  rows: TrendRow[];
  kind: QuestionKind;
}) {
  const { t } = useTranslation();
  const nps = kind === 'recommendation';
  return (
    <ScrollTable caption={caption}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{groupHeading}</TableHeaderCell>
          <TableHeaderCell scope="col" className="lg-staff-table__number">
            {t('report.table.n')}
          </TableHeaderCell>
          <TableHeaderCell scope="col" className="lg-staff-table__number">
            {t('report.question.mean')}
          </TableHeaderCell>
          <TableHeaderCell scope="col" className="lg-staff-table__number">
            {t('report.question.median')}
          </TableHeaderCell>
          {nps && (
            <TableHeaderCell scope="col" className="lg-staff-table__number">
              {t('report.question.npsShort')}
            </TableHeaderCell>
          )}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id}>
            <TableHeaderCell scope="row" className={wrapLabels ? undefined : 'lg-report-table__label'}>
              {row.label}
            </TableHeaderCell>
            {row.mean === null ? (
              <TableCell colSpan={nps ? 4 : 3}>
                <Withheld />
              </TableCell>
            ) : (
              <>
                <TableCell className="lg-staff-table__number">{formatCount(row.n)}</TableCell>
                <TableCell className="lg-staff-table__number">{formatMean(row.mean)}</TableCell>
                <TableCell className="lg-staff-table__number">
                  {row.median === null ? '' : formatDecimal(row.median)}
                </TableCell>
                {nps && <TableCell className="lg-staff-table__number">{row.nps === null ? '' : formatNps(row.nps)}</TableCell>}
              </>
            )}
          </TableRow>
        ))}
      </TableBody>
    </ScrollTable>
  );
}

/** A choice question per cohort or year: how many chose each option (a table only: many small bars say less). */
export function ChoiceGroupTable({
  caption,
  groupHeading,
  wrapLabels = false,
  groups,
  choices,
}: {
  caption: string;
  groupHeading: string;
  wrapLabels?: boolean;
  groups: GroupStat[];
  choices: Bucket[];
}) {
  const { t } = useTranslation();
  return (
    <ScrollTable caption={caption}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{groupHeading}</TableHeaderCell>
          <TableHeaderCell scope="col" className="lg-staff-table__number">
            {t('report.table.n')}
          </TableHeaderCell>
          {choices.map((choice) => (
            <TableHeaderCell key={choice.value} scope="col" className="lg-staff-table__number">
              {bucketLabel('choice', choice)}
            </TableHeaderCell>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {groups.map(({ id, label, stat }) => (
          <TableRow key={id}>
            <TableHeaderCell scope="row" className={wrapLabels ? undefined : 'lg-report-table__label'}>
              {label}
            </TableHeaderCell>
            {stat.withheld ? (
              <TableCell colSpan={choices.length + 1}>
                <Withheld />
              </TableCell>
            ) : (
              <>
                <TableCell className="lg-staff-table__number">{formatCount(stat.n)}</TableCell>
                {choices.map((choice) => (
                  <TableCell key={choice.value} className="lg-staff-table__number">
                    {formatCount(stat.distribution.find((bucket) => bucket.value === choice.value)?.count ?? 0)}
                  </TableCell>
                ))}
              </>
            )}
          </TableRow>
        ))}
      </TableBody>
    </ScrollTable>
  );
}
