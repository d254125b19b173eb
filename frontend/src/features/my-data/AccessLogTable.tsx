import {
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
import { formatMoment } from '../../i18n/dates';
import { actionText, rolesText } from './actions';
import type { AccessLogEntry } from './queries';

/** The access log as a table: when (in Amsterdam), who, in which role, and what they did, in words. */
export function AccessLogTable({ entries }: { entries: AccessLogEntry[] }) {
  const { t } = useTranslation();
  const captionId = useId();
  return (
    <div className="lg-staff-table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <Table className="lg-staff-table">
        <TableCaption id={captionId}>{t('myData.log.caption')}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('myData.log.when')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('myData.log.who')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('myData.log.role')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('myData.log.what')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {entries.map((entry) => (
            <TableRow key={entry.id}>
              <TableCell className="lg-staff-table__nowrap">
                <time dateTime={entry.occurredAt}>{formatMoment(entry.occurredAt)}</time>
              </TableCell>
              <TableHeaderCell scope="row">{entry.actor ? entry.actor.name : t('myData.log.system')}</TableHeaderCell>
              <TableCell>{entry.actor ? rolesText(entry.actor.roles, t) : '—'}</TableCell>
              <TableCell>{actionText(entry.action, t)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
