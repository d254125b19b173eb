import '../../i18n/staff';
import {
  Button,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n';
import { ConfirmButton } from '../../components/ConfirmButton';
import { formatDayOf } from '../admin/dates';
import { formProblem } from '../../components/formProblem';
import { participantKeys, resendInvitation, withdraw } from './queries';
import type { Participant } from './types';

/** Who takes part, active ones first; withdrawn participants stay listed as history. */
export function ParticipantTable({
  cohortId,
  participants,
  canWithdraw,
}: {
  cohortId: string;
  participants: Participant[];
  canWithdraw: boolean;
}) {
  const { t } = useTranslation();
  if (participants.length === 0) return <Paragraph>{t('manage.participants.none')}</Paragraph>;
  const active = participants.filter((p) => p.status === 'active').length;
  return (
    <div className="lg-admin-table-scroll">
      <Table className="lg-admin-table">
        <TableCaption>{t('manage.participants.caption', { count: participants.length, active })}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('manage.participants.name')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('manage.participants.email')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('manage.participants.gemeente')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('manage.participants.jobTitle')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('manage.participants.status')}</TableHeaderCell>
            <TableHeaderCell scope="col">
              <span className="lg-admin-visually-hidden">{t('manage.participants.actions')}</span>
            </TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {participants.map((p) => (
            <ParticipantRow key={p.id} cohortId={cohortId} participant={p} canWithdraw={canWithdraw} />
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

function ParticipantRow({
  cohortId,
  participant: p,
  canWithdraw,
}: {
  cohortId: string;
  participant: Participant;
  canWithdraw: boolean;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const lng = currentLanguage();

  async function run(action: () => Promise<unknown>, done: string) {
    setBusy(true);
    setMessage(null);
    try {
      await action();
      setMessage({ kind: 'ok', text: done });
    } catch (error) {
      const problem = formProblem(error);
      setMessage({ kind: 'error', text: [problem.title, problem.detail].filter(Boolean).join(' ') });
    } finally {
      setBusy(false);
      await queryClient.invalidateQueries({ queryKey: participantKeys.cohort(cohortId) });
    }
  }

  const status =
    p.status === 'withdrawn' && p.withdrawnAt
      ? t('manage.participants.withdrawnOn', { date: formatDayOf(p.withdrawnAt, lng) })
      : t(`manage.participants.statuses.${p.status}`);
  return (
    <TableRow>
      <TableCell>{p.name}</TableCell>
      <TableCell>{p.email}</TableCell>
      <TableCell>{p.gemeente}</TableCell>
      <TableCell>{p.jobTitle}</TableCell>
      <TableCell>
        {status}
        {!p.passwordSet && p.status === 'active' && (
          <>
            <br />
            <span className="lg-admin-muted">{t('manage.participants.invited')}</span>
          </>
        )}
      </TableCell>
      <TableCell>
        {message && (
          <Paragraph role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'lg-admin-inline-error' : undefined}>
            {message.text}
          </Paragraph>
        )}
        {canWithdraw && p.status === 'active' && (
          <ConfirmButton
            label={t('manage.participants.withdraw')}
            ariaLabel={t('manage.participants.withdrawLabel', { name: p.name })}
            question={t('manage.participants.withdrawQuestion', { name: p.name })}
            confirmLabel={t('manage.participants.withdraw')}
            cancelLabel={t('manage.form.cancel')}
            busy={busy}
            onConfirm={() => void run(() => withdraw(p), t('manage.participants.withdrawn', { name: p.name }))}
          />
        )}
        {p.status === 'active' && !p.passwordSet && (
          <Button
            type="button"
            appearance="subtle-button"
            busy={busy}
            aria-label={t('manage.participants.resendLabel', { name: p.name })}
            onClick={() => void run(() => resendInvitation(p.id), t('manage.participants.resent', { name: p.name }))}
          >
            {t('manage.participants.resend')}
          </Button>
        )}
      </TableCell>
    </TableRow>
  );
}
