import {
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { AspectCoverage } from './types';

/**
 * The aspect coverage as a table: the text alternative of the chart, always present, so every number in the
 * chart can be read without it. One row group per part of the framework (willen, kunnen, mogen).
 */
export function CoverageTable({ coverage }: { coverage: AspectCoverage }) {
  const { t } = useTranslation();
  const captionId = useId();
  return (
    <>
      <div className="lg-staff-table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
        <Table className="lg-staff-table">
          <TableCaption id={captionId}>{t('coaching.coverage.caption')}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('coaching.coverage.aspect')}</TableHeaderCell>
              <TableHeaderCell scope="col" className="lg-staff-table__number">
                {t('coaching.coverage.goals')}
              </TableHeaderCell>
              <TableHeaderCell scope="col">{t('coaching.coverage.participants')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          {coverage.groups.map((group) => (
            <TableBody key={group.key}>
              <TableRow className="lg-staff-table__group-row">
                <TableHeaderCell scope="rowgroup" colSpan={3}>
                  {group.label}
                </TableHeaderCell>
              </TableRow>
              {group.aspects.map((aspect) => (
                <TableRow key={aspect.key}>
                  <TableHeaderCell scope="row" className="lg-staff-table__row-label">
                    {aspect.label}
                  </TableHeaderCell>
                  <TableCell className="lg-staff-table__number">{aspect.goals}</TableCell>
                  <TableCell className="lg-staff-table__nowrap">
                    {t('coaching.coverage.participantsOf', { count: aspect.participants, total: coverage.participants })}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          ))}
        </Table>
      </div>
      <Paragraph>
        {t('coaching.coverage.totals', { count: coverage.goals, participants: coverage.participants })}{' '}
        {t('coaching.coverage.untagged', { count: coverage.untaggedGoals })}
      </Paragraph>
    </>
  );
}
