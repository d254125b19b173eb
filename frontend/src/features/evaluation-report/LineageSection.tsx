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
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDay } from '../../i18n/dates';
import { formatCount, formatPercent } from './format';
import { QuestionResult } from './QuestionResult';
import type { ReportLineage } from './types';
import { Withheld } from './Withheld';

/**
 * A form and its copies and revisions (a lineage): the cohort forms that were sent out with their response, then
 * every question. A lineage with fewer than k responses in all shows only which questions it asked.
 */
export function LineageSection({ id, lineage }: { id: string; lineage: ReportLineage }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={id} className="lg-section lg-report-lineage">
      <Heading2 id={id} className="lg-section__heading">
        {lineage.title}
      </Heading2>
      <Paragraph>
        {lineage.withheld ? (
          <>
            {t('report.lineage.responsesLabel')} <Withheld />
          </>
        ) : (
          t('report.lineage.responses', { count: lineage.responses, formatted: formatCount(lineage.responses) })
        )}
      </Paragraph>
      {lineage.forms.length > 0 && <FormsTable lineage={lineage} />}
      {lineage.withheld ? (
        lineage.questions.length > 0 && (
          <>
            <Paragraph>{t('report.lineage.withheldQuestions')}</Paragraph>
            <UnorderedList>
              {lineage.questions.map((question) => (
                <UnorderedListItem key={`${question.key}:${question.kind}`}>{question.prompt}</UnorderedListItem>
              ))}
            </UnorderedList>
          </>
        )
      ) : lineage.questions.length === 0 ? (
        <Paragraph>{t('report.lineage.noQuestions')}</Paragraph>
      ) : (
        lineage.questions.map((question, index) => (
          <QuestionResult key={`${question.key}:${question.kind}`} question={question} number={index + 1} />
        ))
      )}
    </section>
  );
}

function FormsTable({ lineage }: { lineage: ReportLineage }) {
  const { t } = useTranslation();
  const captionId = useId();
  return (
    <div className="lg-staff-table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <Table className="lg-staff-table">
        <TableCaption id={captionId}>{t('report.lineage.formsCaption')}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('report.lineage.cohort')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('report.lineage.form')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('report.lineage.period')}</TableHeaderCell>
            <TableHeaderCell scope="col" className="lg-staff-table__number">
              {t('report.lineage.invited')}
            </TableHeaderCell>
            <TableHeaderCell scope="col" className="lg-staff-table__number">
              {t('report.lineage.responseRate')}
            </TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {lineage.forms.map((form) => (
            <TableRow key={form.formId}>
              <TableHeaderCell scope="row">{form.cohortName}</TableHeaderCell>
              <TableCell>
                {form.title}
                {form.targetTitle && form.targetTitle !== form.title && (
                  <span className="lg-staff-muted-block">{form.targetTitle}</span>
                )}
              </TableCell>
              <TableCell className="lg-staff-table__nowrap">
                {t('report.lineage.periodValue', { from: formatDay(form.opensAt), to: formatDay(form.closesAt) })}
              </TableCell>
              <TableCell className="lg-staff-table__number">{formatCount(form.invited)}</TableCell>
              <TableCell className="lg-staff-table__number">{formatPercent(form.responseRate)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
