import {
  Heading2,
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
import { formatCount, formatPercent } from './format';
import type { ReportFigures } from './types';

const statuses = ['planned', 'running', 'completed', 'archived'];

/**
 * Participation in numbers: cohorts, enrolments, how many completed or stopped, and the completion and attendance
 * rates, for the programme (or the chosen cohort) and per cohort. A rate the server does not give is said in
 * words, with why underneath.
 */
export function FiguresSection({ id, figures }: { id: string; figures: ReportFigures }) {
  const { t } = useTranslation();
  const captionId = useId();
  const completion = (rate: number | null) => (rate === null ? t('report.figures.noCompletion') : formatPercent(rate));
  const attendance = (rate: number | null) => (rate === null ? t('report.figures.noAttendance') : formatPercent(rate));
  const statusText = (status: string) => (statuses.includes(status) ? t(`report.figures.status.${status}`) : status);
  return (
    <section aria-labelledby={id} className="lg-section">
      <Heading2 id={id} className="lg-section__heading">
        {t('report.figures.heading')}
      </Heading2>
      <dl className="lg-report-figures">
        <Figure term={t('report.figures.cohorts')} value={formatCount(figures.cohorts)} />
        <Figure term={t('report.figures.enrolments')} value={formatCount(figures.enrolments)} />
        <Figure term={t('report.figures.completed')} value={formatCount(figures.completed)} />
        <Figure term={t('report.figures.withdrawn')} value={formatCount(figures.withdrawn)} />
        <Figure term={t('report.figures.completionRate')} value={completion(figures.completionRate)} />
        <Figure term={t('report.figures.attendanceRate')} value={attendance(figures.attendanceRate)} />
      </dl>
      {figures.byCohort.length > 0 && (
        <div className="lg-staff-table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
          <Table className="lg-staff-table">
            <TableCaption id={captionId}>{t('report.figures.caption')}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('report.figures.cohort')}</TableHeaderCell>
                <TableHeaderCell scope="col" className="lg-staff-table__number">
                  {t('report.figures.year')}
                </TableHeaderCell>
                <TableHeaderCell scope="col">{t('report.figures.statusHeading')}</TableHeaderCell>
                <TableHeaderCell scope="col" className="lg-staff-table__number">
                  {t('report.figures.enrolments')}
                </TableHeaderCell>
                <TableHeaderCell scope="col" className="lg-staff-table__number">
                  {t('report.figures.completed')}
                </TableHeaderCell>
                <TableHeaderCell scope="col" className="lg-staff-table__number">
                  {t('report.figures.withdrawn')}
                </TableHeaderCell>
                <TableHeaderCell scope="col" className="lg-staff-table__number">
                  {t('report.figures.completionRate')}
                </TableHeaderCell>
                <TableHeaderCell scope="col" className="lg-staff-table__number">
                  {t('report.figures.attendanceRate')}
                </TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {figures.byCohort.map((cohort) => (
                <TableRow key={cohort.cohortId}>
                  <TableHeaderCell scope="row">{cohort.name}</TableHeaderCell>
                  <TableCell className="lg-staff-table__number">{cohort.year}</TableCell>
                  <TableCell>{statusText(cohort.status)}</TableCell>
                  <TableCell className="lg-staff-table__number">{formatCount(cohort.enrolments)}</TableCell>
                  <TableCell className="lg-staff-table__number">{formatCount(cohort.completed)}</TableCell>
                  <TableCell className="lg-staff-table__number">{formatCount(cohort.withdrawn)}</TableCell>
                  <TableCell className="lg-staff-table__number">{completion(cohort.completionRate)}</TableCell>
                  <TableCell className="lg-staff-table__number">{attendance(cohort.attendanceRate)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <Paragraph className="lg-staff-note">{t('report.figures.completionNote')}</Paragraph>
      <Paragraph className="lg-staff-note">{t('report.figures.attendanceNote')}</Paragraph>
    </section>
  );
}

function Figure({ term, value }: { term: string; value: string }) {
  return (
    <div className="lg-report-figure">
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
}
