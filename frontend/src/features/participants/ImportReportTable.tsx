import '../../i18n/staff';
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
import { useTranslation } from 'react-i18next';
import type { ImportReport } from './types';

/**
 * The row-by-row report of a CSV import or its dry run: per line of the file what happens to it, and for a row
 * that is skipped, why, by column. The outcome is said in words, not only by colour.
 */
export function ImportReportTable({ report, fileName }: { report: ImportReport; fileName: string }) {
  const { t } = useTranslation();
  const mode = report.dryRun ? 'dryRun' : 'done';
  return (
    <>
      <Paragraph>
        <strong>
          {t(`manage.import.summary.${mode}`, { imported: report.imported, count: report.imported })}{' '}
          {t('manage.import.summary.skipped', { count: report.skipped })}
        </strong>
      </Paragraph>
      <div className="lg-admin-table-scroll">
        <Table className="lg-admin-table">
          <TableCaption>{t(`manage.import.caption.${mode}`, { file: fileName })}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('manage.import.line')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('manage.participants.name')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('manage.participants.email')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('manage.import.result')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('manage.import.explanation')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {report.rows.map((row) => (
              <TableRow key={row.line}>
                <TableCell>{row.line}</TableCell>
                <TableCell>{row.name}</TableCell>
                <TableCell>{row.email}</TableCell>
                <TableCell>
                  <span className={`lg-admin-status--${row.status}`}>{t(`manage.import.status.${mode}.${row.status}`)}</span>
                </TableCell>
                <TableCell>
                  {row.errors.length > 0 && (
                    <ul className="lg-admin-row-errors">
                      {row.errors.map((error, index) => (
                        <li key={index}>
                          {error.field === 'row' ? error.message : t('manage.import.columnError', { column: error.field, message: error.message })}
                        </li>
                      ))}
                    </ul>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </>
  );
}
