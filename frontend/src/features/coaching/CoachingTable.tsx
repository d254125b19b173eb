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
import { RouterLink } from '../../components/RouterLink';
import { formatDate } from '../../i18n/dates';
import { goalStatuses, type CoachingLine } from './types';

/**
 * Progress per participant, counts only: the name leads to their goals and shared reflections, a read that is
 * logged and that the participant can see.
 */
export function CoachingTable({ cohortId, lines }: { cohortId: string; lines: CoachingLine[] }) {
  const { t } = useTranslation();
  const captionId = useId();
  if (lines.length === 0) return <Paragraph>{t('coaching.overview.none')}</Paragraph>;
  return (
    <div className="lg-staff-table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <Table className="lg-staff-table">
        <TableCaption id={captionId}>{t('coaching.overview.caption')}</TableCaption>
        <colgroup span={2} />
        <colgroup span={goalStatuses.length} />
        <colgroup span={3} />
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col" rowSpan={2}>
              {t('coaching.overview.participant')}
            </TableHeaderCell>
            <TableHeaderCell scope="col" rowSpan={2}>
              {t('coaching.overview.gemeente')}
            </TableHeaderCell>
            <TableHeaderCell scope="colgroup" colSpan={goalStatuses.length} className="lg-staff-table__group">
              {t('coaching.overview.goals')}
            </TableHeaderCell>
            <TableHeaderCell scope="col" rowSpan={2}>
              {t('coaching.overview.steps')}
            </TableHeaderCell>
            <TableHeaderCell scope="col" rowSpan={2} className="lg-staff-table__number">
              {t('coaching.overview.shared')}
            </TableHeaderCell>
            <TableHeaderCell scope="col" rowSpan={2}>
              {t('coaching.overview.lastShared')}
            </TableHeaderCell>
          </TableRow>
          <TableRow>
            {goalStatuses.map((status) => (
              <TableHeaderCell key={status} scope="col" className="lg-staff-table__number">
                {t(`coaching.goalStatus.${status}`)}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {lines.map((line) => (
            <TableRow key={line.userId}>
              <TableHeaderCell scope="row">
                <RouterLink to={`/groepen/${cohortId}/coaching/${line.userId}`}>{line.name}</RouterLink>
                {line.status === 'completed' && <span className="lg-staff-muted-block">{t('coaching.overview.completed')}</span>}
              </TableHeaderCell>
              <TableCell>{line.gemeente}</TableCell>
              {goalStatuses.map((status) => (
                <TableCell key={status} className="lg-staff-table__number">
                  {line.goals[status]}
                </TableCell>
              ))}
              <TableCell className="lg-staff-table__nowrap">
                {t('coaching.overview.stepsDone', { done: line.stepsDone, total: line.stepsTotal })}
              </TableCell>
              <TableCell className="lg-staff-table__number">{line.sharedReflections}</TableCell>
              <TableCell className="lg-staff-table__nowrap">
                {line.lastSharedOn ? (
                  <time dateTime={line.lastSharedOn}>{formatDate(line.lastSharedOn)}</time>
                ) : (
                  t('coaching.overview.never')
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
