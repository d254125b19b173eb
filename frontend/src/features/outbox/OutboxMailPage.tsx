import '../../i18n/staff';
import {
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading1,
  Heading2,
  Paragraph,
} from '@utrecht/component-library-react';
import { useQuery } from '@tanstack/react-query';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { isApiError } from '../../api/ApiError';
import { Loading } from '../../components/Loading';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { RouterLink } from '../../components/RouterLink';
import { usePageTitle } from '../../components/usePageTitle';
import { formatMoment } from '../attendance/format';
import { ForbiddenPage } from '../errors/ForbiddenPage';
import { NotFoundPage } from '../errors/NotFoundPage';
import { outboxMailQuery, type OutboxMail } from './queries';
import { StatusText } from './StatusText';
import './outbox.css';

/**
 * /beheer/mail/:mailId, for admins: one mail with its text body. The body is shown as text, never as HTML: a
 * mail's HTML is not ours to run in the admin's session.
 */
export function OutboxMailPage() {
  const { t } = useTranslation();
  const { mailId = '' } = useParams();
  const { data: mail, error } = useQuery(outboxMailQuery(mailId));
  if (isApiError(error, 403)) return <ForbiddenPage />;
  if (isApiError(error, 404)) return <NotFoundPage />;
  if (mail) return <MailView mail={mail} />;
  return <Pending title={t('outbox.detail.title')} error={error} />;
}

function Pending({ title, error }: { title: string; error: Error | null }) {
  usePageTitle(title);
  return (
    <>
      <Heading1>{title}</Heading1>
      {error ? <QueryErrorAlert error={error} /> : <Loading />}
    </>
  );
}

function MailView({ mail }: { mail: OutboxMail }) {
  const { t } = useTranslation();
  usePageTitle(`${mail.subject} — ${t('outbox.title')}`);
  const bodyId = useId();
  const none = t('outbox.detail.none');
  const moment = (value: string | null) => (value ? <time dateTime={value}>{formatMoment(value)}</time> : none);
  const rows: [string, ReactNode][] = [
    [t('outbox.to'), mail.toName ? `${mail.toName} <${mail.to}>` : mail.to],
    [t('outbox.kind'), <code key="kind">{mail.kind}</code>],
    [t('outbox.status'), <StatusText key="status" item={mail} />],
    [t('outbox.created'), moment(mail.createdAt)],
    [t('outbox.detail.sendAfter'), mail.status === 'queued' ? moment(mail.sendAfter) : none],
    [t('outbox.attempts'), String(mail.attempts)],
    [t('outbox.detail.lastError'), mail.lastError ?? none],
    [t('outbox.detail.dedupeKey'), mail.dedupeKey ? <code key="dedupe">{mail.dedupeKey}</code> : none],
  ];
  return (
    <>
      <Paragraph>
        <RouterLink to="/beheer/mail">{t('outbox.detail.back')}</RouterLink>
      </Paragraph>
      <Heading1>{mail.subject}</Heading1>
      <DataList className="lg-mail-meta">
        {rows.map(([key, value]) => (
          <DataListItem key={key}>
            <DataListKey>{key}</DataListKey>
            <DataListValue>{value}</DataListValue>
          </DataListItem>
        ))}
      </DataList>
      <section aria-labelledby={bodyId} className="lg-section">
        <Heading2 id={bodyId}>{t('outbox.detail.body')}</Heading2>
        {/* As text: React escapes it, and pre-wrap keeps the mail's own line breaks. */}
        <pre className="lg-mail-body">{mail.bodyText}</pre>
        {mail.bodyHtml && <Paragraph>{t('outbox.detail.htmlNote')}</Paragraph>}
      </section>
    </>
  );
}
