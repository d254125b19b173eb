import {
  Alert,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { signOut } from '../../auth/session';
import { ConfirmButton } from '../../components/ConfirmButton';
import { formProblem, type FormProblem } from '../../components/formProblem';
import { Loading } from '../../components/Loading';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { formatMoment } from '../../i18n/dates';
import { revokeMyOtherSessions, revokeMySession, securityKeys, sessionsQuery, type LoginSession } from './api';

/**
 * "Waar bent u ingelogd": one row per login that has not ended, this device marked; ending one (this one is
 * logging out) or all the others.
 */
export function SessionsSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const sessions = useQuery(sessionsQuery());
  const captionId = useId();
  const [busy, setBusy] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const noteRef = useRef<HTMLParagraphElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (problem) alertRef.current?.focus();
  }, [problem]);

  async function run(key: string, action: () => Promise<string>) {
    if (busy) return;
    setBusy(key);
    setProblem(null);
    setNote('');
    try {
      const message = await action();
      await queryClient.invalidateQueries({ queryKey: securityKeys.sessions() });
      setNote(message);
      // The button pressed is gone with its row: keep keyboard focus nearby, on what happened.
      noteRef.current?.focus();
    } catch (error) {
      setProblem(formProblem(error));
    } finally {
      setBusy(null);
    }
  }

  async function endThisOne(session: LoginSession) {
    if (busy) return;
    setBusy(session.id);
    setProblem(null);
    try {
      await revokeMySession(session.id);
    } catch (error) {
      setProblem(formProblem(error));
      setBusy(null);
      return;
    }
    // The server ended it and cleared the refresh cookie with it: this is logging out.
    signOut();
    navigate('/inloggen', { replace: true });
  }

  if (sessions.error) return <QueryErrorAlert error={sessions.error} />;
  if (!sessions.data) return <Loading />;
  const others = sessions.data.filter((session) => !session.current);

  return (
    <>
      <Paragraph>{t('security.sessions.intro')}</Paragraph>
      {problem && (
        <Alert type="error" role="alert" ref={alertRef} tabIndex={-1} className="lg-alert">
          <Paragraph>
            <strong>{problem.title}</strong>
          </Paragraph>
          {problem.detail && <Paragraph>{problem.detail}</Paragraph>}
        </Alert>
      )}
      <div className="lg-staff-table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
        <Table className="lg-staff-table lg-sessions">
          <TableCaption id={captionId}>{t('security.sessions.caption')}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('security.sessions.device')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('security.sessions.ip')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('security.sessions.started')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('security.sessions.lastUsed')}</TableHeaderCell>
              <TableHeaderCell scope="col">
                <span className="lg-security-visually-hidden">{t('security.sessions.action')}</span>
              </TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {sessions.data.map((session) => (
              <TableRow key={session.id}>
                <TableHeaderCell scope="row" className="lg-sessions__device">
                  <span title={session.userAgent}>{session.device || t('security.sessions.unknownDevice')}</span>
                  {session.current && <span className="lg-security-badge">{t('security.sessions.current')}</span>}
                </TableHeaderCell>
                <TableCell className="lg-staff-table__nowrap">{session.ip}</TableCell>
                <TableCell className="lg-staff-table__nowrap">
                  <time dateTime={session.startedAt}>{formatMoment(session.startedAt)}</time>
                </TableCell>
                <TableCell className="lg-staff-table__nowrap">
                  <time dateTime={session.lastUsedAt}>{formatMoment(session.lastUsedAt)}</time>
                </TableCell>
                <TableCell>
                  {session.current ? (
                    <ConfirmButton
                      label={t('security.sessions.endCurrent')}
                      question={t('security.sessions.endCurrentQuestion')}
                      confirmLabel={t('security.sessions.endCurrentConfirm')}
                      cancelLabel={t('security.sessions.cancel')}
                      busy={busy === session.id}
                      onConfirm={() => void endThisOne(session)}
                    />
                  ) : (
                    <ConfirmButton
                      label={t('security.sessions.end')}
                      ariaLabel={t('security.sessions.endLabel', {
                        device: session.device,
                        moment: formatMoment(session.lastUsedAt),
                      })}
                      question={t('security.sessions.endQuestion', { device: session.device, ip: session.ip })}
                      confirmLabel={t('security.sessions.endConfirm')}
                      cancelLabel={t('security.sessions.cancel')}
                      busy={busy === session.id}
                      onConfirm={() =>
                        void run(session.id, async () => {
                          await revokeMySession(session.id);
                          return t('security.sessions.ended', { device: session.device });
                        })
                      }
                    />
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <Paragraph role="status" ref={noteRef} tabIndex={-1} className="lg-security-note">
        {note}
      </Paragraph>
      {others.length > 0 ? (
        <ConfirmButton
          label={t('security.sessions.endOthers')}
          question={t('security.sessions.endOthersQuestion', { count: others.length })}
          confirmLabel={t('security.sessions.endOthersConfirm')}
          cancelLabel={t('security.sessions.cancel')}
          busy={busy === 'others'}
          onConfirm={() =>
            void run('others', async () => {
              const { revoked } = await revokeMyOtherSessions();
              return t('security.sessions.othersEnded', { count: revoked });
            })
          }
        />
      ) : (
        <Paragraph>{t('security.sessions.onlyThis')}</Paragraph>
      )}
      <Paragraph>{t('security.sessions.advice')}</Paragraph>
    </>
  );
}
