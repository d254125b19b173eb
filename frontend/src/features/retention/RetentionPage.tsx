import '../../i18n/admin-security';
import {
  Heading1,
  Heading2,
  Paragraph,
  StatusBadge,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/ApiError';
import { Loading } from '../../components/Loading';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { RouterLink } from '../../components/RouterLink';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate, formatDay, formatMoment } from '../../i18n/dates';
import { ForbiddenPage } from '../errors/ForbiddenPage';
import { retentionQuery, retentionState, type RetentionCohort, type RetentionState } from './queries';
import '../coaching/staff.css';

const badgeStatus: Record<RetentionState, 'neutral' | 'active' | 'inactive'> = {
  waiting: 'neutral',
  noticed: 'active',
  purged: 'inactive',
};

/**
 * /beheer/bewaartermijnen, for admins: the retention rule in words and where each archived cohort stands —
 * waiting, its participants notified, or its goals and reflections deleted.
 */
export function RetentionPage() {
  const { t } = useTranslation();
  usePageTitle(t('adminSecurity.retention.title'));
  const { data, error } = useQuery(retentionQuery());
  const headingId = useId();
  if (isApiError(error, 403)) return <ForbiddenPage />;

  return (
    <>
      <Heading1>{t('adminSecurity.retention.title')}</Heading1>
      {error ? (
        <QueryErrorAlert error={error} />
      ) : !data ? (
        <Loading />
      ) : (
        <>
          <Paragraph lead>
            {t('adminSecurity.retention.rule', {
              months: t('adminSecurity.retention.months', { count: data.retentionMonths }),
              days: t('adminSecurity.retention.days', { count: data.noticeDays }),
            })}
          </Paragraph>
          <Paragraph>{t('adminSecurity.retention.kept')}</Paragraph>
          <section aria-labelledby={headingId} className="lg-section">
            <Heading2 id={headingId} className="lg-section__heading">
              {t('adminSecurity.retention.heading')}
            </Heading2>
            {data.cohorts.length === 0 ? (
              <Paragraph>{t('adminSecurity.retention.none')}</Paragraph>
            ) : (
              <CohortTable cohorts={data.cohorts} />
            )}
          </section>
        </>
      )}
    </>
  );
}

function CohortTable({ cohorts }: { cohorts: RetentionCohort[] }) {
  const { t } = useTranslation();
  const captionId = useId();
  const column = (key: string) => t(`adminSecurity.retention.columns.${key}`);
  return (
    <div className="lg-staff-table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <Table className="lg-staff-table">
        <TableCaption id={captionId}>{t('adminSecurity.retention.caption')}</TableCaption>
        <TableHeader>
          <TableRow>
            {['programme', 'cohort', 'archivedAt', 'purgeDueOn', 'noticeSentAt', 'purgeOn', 'purgedAt', 'status'].map((key) => (
              <TableHeaderCell key={key} scope="col">
                {column(key)}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {cohorts.map((cohort) => {
            const state = retentionState(cohort);
            return (
              <TableRow key={cohort.cohortId}>
                <TableCell>{cohort.programmeName}</TableCell>
                <TableHeaderCell scope="row">
                  <RouterLink to={`/groepen/${cohort.cohortId}`}>{cohort.name}</RouterLink>
                </TableHeaderCell>
                <TableCell className="lg-staff-table__nowrap">
                  <time dateTime={cohort.archivedAt}>{formatDay(cohort.archivedAt)}</time>
                </TableCell>
                <TableCell className="lg-staff-table__nowrap">
                  <time dateTime={cohort.purgeDueOn}>{formatDate(cohort.purgeDueOn)}</time>
                </TableCell>
                <TableCell className="lg-staff-table__nowrap">
                  <Moment value={cohort.noticeSentAt} withTime />
                </TableCell>
                <TableCell className="lg-staff-table__nowrap">
                  <Moment value={cohort.purgeOn} />
                </TableCell>
                <TableCell className="lg-staff-table__nowrap">
                  <Moment value={cohort.purgedAt} withTime />
                </TableCell>
                <TableCell>
                  <StatusBadge status={badgeStatus[state]} className="lg-staff-badge">
                    {t(`adminSecurity.retention.status.${state}`)}
                  </StatusBadge>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}

/** An instant in Amsterdam, or "nog niet" in muted text. */
function Moment({ value, withTime = false }: { value: string | null; withTime?: boolean }) {
  const { t } = useTranslation();
  if (!value) return <span className="lg-staff-muted">{t('adminSecurity.retention.notYet')}</span>;
  return <time dateTime={value}>{withTime ? formatMoment(value) : formatDay(value)}</time>;
}
