import '../../i18n/staff';
import { Alert, Button, ButtonGroup, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Loading } from '../../components/Loading';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { currentLanguage } from '../../i18n';
import { formatSessionTime } from '../cohorts/format';
import '../planner/planner.css';
import { answerInvitation, fetchInvitation, type Invitation } from './queries';

/**
 * /spreker/uitnodiging?token=…: where an invited speaker confirms or declines, without an account. The token in
 * the address is the credential; it works once. What the server says about a link that is no longer good
 * (expired, already used, withdrawn) is shown as it says it.
 */
export function SpeakerResponsePage() {
  const { t } = useTranslation();
  usePageTitle(t('planner.response.title'));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [data, setData] = useState<Invitation | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (token === '') return;
    const abort = new AbortController();
    fetchInvitation(token, abort.signal).then(setData, (failure: unknown) => {
      if (!abort.signal.aborted) setError(failure);
    });
    return () => abort.abort();
  }, [token]);

  return (
    <div className="lg-narrow lg-speaker-response">
      <Heading1>{t('planner.response.title')}</Heading1>
      {token === '' ? (
        <Alert type="error" className="lg-alert">
          <Paragraph>{t('planner.response.noToken')}</Paragraph>
        </Alert>
      ) : error ? (
        <QueryErrorAlert error={error} />
      ) : data ? (
        <InvitationView token={token} invitation={data} onAnswered={setData} />
      ) : (
        <Loading />
      )}
    </div>
  );
}

function InvitationView({
  token,
  invitation,
  onAnswered,
}: {
  token: string;
  invitation: Invitation;
  onAnswered: (invitation: Invitation) => void;
}) {
  const { t } = useTranslation();
  const detailsId = useId();
  const outcomeRef = useRef<HTMLDivElement>(null);
  const [busy, setBusy] = useState(false);
  const [answered, setAnswered] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  useEffect(() => {
    if (answered || failure) outcomeRef.current?.focus();
  }, [answered, failure]);

  async function answer(response: 'confirm' | 'decline') {
    if (busy) return; // the buttons stay enabled so that focus stays put; a second press is ignored
    setBusy(true);
    setFailure(null);
    try {
      onAnswered(await answerInvitation(token, response));
      setAnswered(true);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  const session = invitation.session;
  const time = formatSessionTime(session.startsAt, session.endsAt, currentLanguage());
  const when = time.endDay
    ? `${time.startDay}, ${time.startTime} – ${time.endDay}, ${time.endTime}`
    : `${time.startDay}, ${time.startTime}–${time.endTime}`;
  const place = [session.venue, session.onlineUrl ? t('planner.response.online') : ''].filter(Boolean).join(' · ');

  return (
    <>
      <Paragraph lead>{t('planner.response.greeting', { name: invitation.speakerName })}</Paragraph>
      <Paragraph>{t('planner.response.intro', { programme: session.programmeName })}</Paragraph>
      <section aria-labelledby={detailsId}>
        <Heading2 id={detailsId}>{session.title}</Heading2>
        <dl className="lg-invitation-details">
          <dt>{t('planner.response.when')}</dt>
          <dd>
            <time dateTime={session.startsAt}>{when}</time>
          </dd>
          <dt>{t('planner.response.where')}</dt>
          <dd>{place || t('planner.response.placeUnknown')}</dd>
          <dt>{t('planner.response.group')}</dt>
          <dd>{t('planner.response.groupValue', { programme: session.programmeName, cohort: session.cohortName, module: session.moduleTitle })}</dd>
          {session.topics.length > 0 && (
            <>
              <dt>{t('planner.response.topics')}</dt>
              <dd>{session.topics.join(', ')}</dd>
            </>
          )}
          {session.agenda.trim() !== '' && (
            <>
              <dt>{t('planner.response.agenda')}</dt>
              <dd>{session.agenda}</dd>
            </>
          )}
        </dl>
      </section>

      {failure !== null && (
        <div ref={outcomeRef} tabIndex={-1}>
          <QueryErrorAlert error={failure} />
        </div>
      )}
      {answered ? (
        <Alert type="ok" role="status" ref={outcomeRef} tabIndex={-1} className="lg-alert">
          <Paragraph>
            <strong>{t(`planner.response.done.${invitation.status === 'declined' ? 'declined' : 'confirmed'}`)}</strong>
          </Paragraph>
          <Paragraph>{t('planner.response.doneDetail')}</Paragraph>
        </Alert>
      ) : invitation.canRespond ? (
        <ButtonGroup className="lg-response-buttons">
          <Button
            type="button"
            appearance="primary-action-button"
            busy={busy}
            onClick={() => void answer('confirm')}
          >
            {t('planner.response.confirm')}
          </Button>
          <Button
            type="button"
            appearance="secondary-action-button"
            busy={busy}
            onClick={() => void answer('decline')}
          >
            {t('planner.response.decline')}
          </Button>
        </ButtonGroup>
      ) : (
        <Alert type="info" className="lg-alert">
          <Paragraph>{t(closedReason(invitation))}</Paragraph>
        </Alert>
      )}
    </>
  );
}

/** Why an invitation can no longer be answered, as an i18n key. */
function closedReason(invitation: Invitation): string {
  if (invitation.status === 'confirmed') return 'planner.response.closed.confirmed';
  if (invitation.status === 'declined') return 'planner.response.closed.declined';
  if (invitation.status === 'cancelled' || invitation.session.status === 'cancelled') return 'planner.response.closed.cancelled';
  return 'planner.response.closed.started';
}
