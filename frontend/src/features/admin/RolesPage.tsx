import '../../i18n/staff';
import {
  Heading1,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { isApiError } from '../../api/ApiError';
import { Loading } from '../../components/Loading';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { RouterLink } from '../../components/RouterLink';
import { usePageTitle } from '../../components/usePageTitle';
import { ForbiddenPage } from '../errors/ForbiddenPage';
import { NotFoundPage } from '../errors/NotFoundPage';
import { ConfirmButton } from '../../components/ConfirmButton';
import { formProblem, type FormProblem } from '../../components/formProblem';
import { GrantForm } from './GrantForm';
import { adminKeys, grantsQuery, programmeCohortsQuery, programmeQuery, revokeGrant } from './queries';
import type { Programme, RoleGrant } from './types';
import './admin.css';

/** /beheer/leergangen/:programmeId/rollen: who facilitates or reviews the programme; give and take roles (admins). */
export function RolesPage() {
  const { programmeId = '' } = useParams();
  const { data, error } = useQuery(programmeQuery(programmeId));
  const { t } = useTranslation();
  if (isApiError(error, 403)) return <ForbiddenPage />;
  if (isApiError(error, 404)) return <NotFoundPage />;
  if (data) return <Roles programme={data} />;
  return (
    <>
      <Heading1>{t('manage.roles.title')}</Heading1>
      {error ? <QueryErrorAlert error={error} /> : <Loading />}
    </>
  );
}

function Roles({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const title = t('manage.roles.titleOf', { name: programme.name });
  usePageTitle(title);
  const grants = useQuery(grantsQuery(programme.id));
  const cohorts = useQuery(programmeCohortsQuery(programme.id));
  const headingId = useId();
  return (
    <>
      <Paragraph>
        <RouterLink to={`/beheer/leergangen/${programme.id}`}>{t('manage.roles.back', { name: programme.name })}</RouterLink>
      </Paragraph>
      <Heading1>{title}</Heading1>
      <Paragraph lead>{t('manage.roles.intro')}</Paragraph>
      <section aria-labelledby={headingId} className="lg-section">
        <Heading2 id={headingId}>{t('manage.roles.current')}</Heading2>
        {grants.error ? (
          <QueryErrorAlert error={grants.error} />
        ) : grants.data ? (
          <GrantTable programmeId={programme.id} grants={grants.data} />
        ) : (
          <Loading />
        )}
      </section>
      {cohorts.data && <GrantForm programmeId={programme.id} cohorts={cohorts.data} />}
    </>
  );
}

function GrantTable({ programmeId, grants }: { programmeId: string; grants: RoleGrant[] }) {
  const { t } = useTranslation();
  if (grants.length === 0) return <Paragraph>{t('manage.roles.none')}</Paragraph>;
  return (
    <div className="lg-admin-table-scroll">
      <Table className="lg-admin-table">
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('manage.roles.person')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('manage.roles.role')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('manage.roles.scope')}</TableHeaderCell>
            <TableHeaderCell scope="col">
              <span className="lg-admin-visually-hidden">{t('manage.roles.actions')}</span>
            </TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {grants.map((grant) => (
            <GrantRow key={grant.id} programmeId={programmeId} grant={grant} />
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

function GrantRow({ programmeId, grant }: { programmeId: string; grant: RoleGrant }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const role = t(`manage.roles.roles.${grant.role}`);
  async function revoke() {
    setBusy(true);
    try {
      await revokeGrant(grant.id);
      await queryClient.invalidateQueries({ queryKey: adminKeys.grants(programmeId) });
    } catch (error) {
      setProblem(formProblem(error));
      setBusy(false);
    }
  }
  return (
    <TableRow>
      <TableCell>
        {grant.userName}
        <br />
        <span className="lg-admin-muted">{grant.userEmail}</span>
      </TableCell>
      <TableCell>{role}</TableCell>
      <TableCell>{grant.cohortName ?? t('manage.roles.wholeProgramme')}</TableCell>
      <TableCell>
        {problem && (
          <Paragraph role="alert" className="lg-admin-inline-error">
            {problem.title}
          </Paragraph>
        )}
        <ConfirmButton
          label={t('manage.roles.revoke')}
          ariaLabel={t('manage.roles.revokeLabel', { name: grant.userName, role })}
          question={t('manage.roles.revokeQuestion', { name: grant.userName, role })}
          confirmLabel={t('manage.roles.revoke')}
          cancelLabel={t('manage.form.cancel')}
          busy={busy}
          onConfirm={() => void revoke()}
        />
      </TableCell>
    </TableRow>
  );
}
