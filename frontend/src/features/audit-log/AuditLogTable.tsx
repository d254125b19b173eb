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
import { formatMoment } from '../../i18n/dates';
import { actionLabel } from './actions';
import { DetailList } from './DetailList';
import type { AuditFilters } from './filters';
import type { AuditLogLine, AuditPerson } from './queries';

export const lineDomId = (id: number) => `audit-line-${id}`;

/** How a name or object in the table narrows the search: the filters to go to when it is followed. */
export interface FilterLinks {
  hrefFor: (change: Partial<AuditFilters>) => string;
  onFollow: (person?: AuditPerson) => void;
}

const columns = ['when', 'actor', 'action', 'subject', 'object', 'route', 'ip', 'detail'] as const;

/**
 * The lines as a table, newest first: when (Amsterdam), who, what in words, about whom, the object, the route it
 * came through and the client address; the detail folded away per line. A person's name or an object narrows the
 * search to them.
 */
export function AuditLogTable({ lines, links }: { lines: AuditLogLine[]; links: FilterLinks }) {
  const { t } = useTranslation();
  const captionId = useId();
  return (
    <div className="lg-staff-table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <Table className="lg-staff-table lg-audit-table">
        <TableCaption id={captionId}>{t('adminSecurity.auditLog.results.caption')}</TableCaption>
        <TableHeader>
          <TableRow>
            {columns.map((column) => (
              <TableHeaderCell key={column} scope="col">
                {t(`adminSecurity.auditLog.columns.${column}`)}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {lines.map((line) => (
            <Line key={line.id} line={line} links={links} />
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

function Line({ line, links }: { line: AuditLogLine; links: FilterLinks }) {
  const { t } = useTranslation();
  const label = actionLabel(line.action, t);
  return (
    // Focusable from script only: after "Meer laden" focus moves to the first new line.
    <TableRow id={lineDomId(line.id)} tabIndex={-1} className="lg-audit-line">
      <TableHeaderCell scope="row" className="lg-staff-table__nowrap lg-audit-when">
        <time dateTime={line.occurredAt}>{formatMoment(line.occurredAt)}</time>
      </TableHeaderCell>
      <TableCell>
        <Person person={line.actor} field="actor" links={links} />
      </TableCell>
      <TableCell>{label ?? <code>{line.action}</code>}</TableCell>
      <TableCell>
        <Person person={line.subject} field="subject" links={links} />
      </TableCell>
      <TableCell>
        <ObjectRef type={line.objectType} id={line.objectId} links={links} />
      </TableCell>
      <TableCell>
        <code className="lg-audit-code">{line.route}</code>
      </TableCell>
      <TableCell className="lg-staff-table__nowrap">{line.ip ?? <None />}</TableCell>
      <TableCell>
        <details className="lg-audit-details">
          <summary>
            {t('adminSecurity.auditLog.detail.summary')}
            <span className="lg-staff-visually-hidden"> {t('adminSecurity.auditLog.detail.summaryOf', { id: line.id })}</span>
          </summary>
          {Object.keys(line.detail).length === 0 && (
            <Paragraph className="lg-staff-muted">{t('adminSecurity.auditLog.detail.none')}</Paragraph>
          )}
          <DetailList
            detail={line.detail}
            extra={[
              [t('adminSecurity.auditLog.detail.action'), <code key="action">{line.action}</code>],
              [t('adminSecurity.auditLog.detail.requestId'), <code key="request">{line.requestId}</code>],
            ]}
          />
        </details>
      </TableCell>
    </TableRow>
  );
}

function None() {
  const { t } = useTranslation();
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="lg-staff-visually-hidden">{t('adminSecurity.auditLog.none')}</span>
    </>
  );
}

function Person({ person, field, links }: { person: AuditPerson | null; field: 'actor' | 'subject'; links: FilterLinks }) {
  const { t } = useTranslation();
  if (!person) {
    return field === 'actor' ? <span className="lg-staff-muted">{t('adminSecurity.auditLog.nobody')}</span> : <None />;
  }
  return (
    <RouterLink
      to={links.hrefFor({ [field]: person.id })}
      aria-label={t(field === 'actor' ? 'adminSecurity.auditLog.filterActor' : 'adminSecurity.auditLog.filterSubject', {
        name: person.name,
      })}
      className={person.erased ? 'lg-audit-erased' : undefined}
      onClick={() => links.onFollow(person)}
    >
      {person.name}
    </RouterLink>
  );
}

function ObjectRef({ type, id, links }: { type: string; id: string | null; links: FilterLinks }) {
  const { t } = useTranslation();
  if (!id) return <>{type}</>;
  return (
    <>
      {type}{' '}
      <RouterLink
        to={links.hrefFor({ objectType: type, objectId: id })}
        aria-label={t('adminSecurity.auditLog.filterObject', { type, id })}
        onClick={() => links.onFollow()}
      >
        <code className="lg-audit-code">{id}</code>
      </RouterLink>
    </>
  );
}
