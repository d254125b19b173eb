import '../../i18n/admin-security';
import {
  Alert,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading1,
  Heading2,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router';
import { isApiError } from '../../api/ApiError';
import { ConfirmButton } from '../../components/ConfirmButton';
import { formProblem, type FormProblem } from '../../components/formProblem';
import { Loading } from '../../components/Loading';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { RouterLink } from '../../components/RouterLink';
import { usePageTitle } from '../../components/usePageTitle';
import { formatMoment } from '../../i18n/dates';
import { ForbiddenPage } from '../errors/ForbiddenPage';
import { NotFoundPage } from '../errors/NotFoundPage';
import { resetUserSecondFactor, revokeUserSessions, securityKeys, userSecurityQuery, type UserSecurity } from './securityQueries';
import '../coaching/staff.css';
import './security.css';

/** Where "Terug naar personen" goes: the search the admin came from, when the people page passed it along. */
function backPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/beheer/personen') ? from : '/beheer/personen';
}

/**
 * /beheer/personen/:userId/beveiliging, for admins: a person's sign-in state, and the two things an admin can do
 * about it — end all their sessions (a lost laptop), and remove their second factor (a lost phone and codes).
 */
export function PersonSecurityPage() {
  const { t } = useTranslation();
  const { userId = '' } = useParams();
  const { data, error } = useQuery(userSecurityQuery(userId));
  const location = useLocation();
  if (isApiError(error, 403)) return <ForbiddenPage />;
  if (isApiError(error, 404) || isApiError(error, 400)) return <NotFoundPage />;

  const back = (
    <Paragraph>
      <RouterLink to={backPath(location.state)}>{t('adminSecurity.personSecurity.back')}</RouterLink>
    </Paragraph>
  );
  if (!data) return <Pending back={back} error={error} />;
  return <SecurityView back={back} person={data} />;
}

function Pending({ back, error }: { back: ReactNode; error: Error | null }) {
  const { t } = useTranslation();
  usePageTitle(t('adminSecurity.personSecurity.titlePending'));
  return (
    <>
      {back}
      <Heading1>{t('adminSecurity.personSecurity.titlePending')}</Heading1>
      {error ? <QueryErrorAlert error={error} /> : <Loading />}
    </>
  );
}

type Outcome = { kind: 'done'; text: string } | { kind: 'failed'; problem: FormProblem } | null;

function SecurityView({ back, person }: { back: ReactNode; person: UserSecurity }) {
  const { t } = useTranslation();
  const name = person.name;
  usePageTitle(t('adminSecurity.personSecurity.title', { name }));
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<'sessions' | 'secondFactor' | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  // Each action's question closes afterwards: its button is shown anew (a new key), and focus goes to the outcome.
  const [round, setRound] = useState(0);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const sessionsId = useId();
  const factorId = useId();

  useEffect(() => {
    if (outcome?.kind === 'done') statusRef.current?.focus();
    if (outcome?.kind === 'failed') alertRef.current?.focus();
  }, [outcome]);

  async function act(kind: 'sessions' | 'secondFactor') {
    if (busy) return;
    setBusy(kind);
    setOutcome(null);
    try {
      let text: string;
      if (kind === 'sessions') {
        const count = await revokeUserSessions(person.userId);
        text =
          count === 0
            ? t('adminSecurity.personSecurity.sessions.doneNone', { name })
            : t('adminSecurity.personSecurity.sessions.done', { name, count });
      } else {
        await resetUserSecondFactor(person.userId);
        text = t('adminSecurity.personSecurity.secondFactor.done', { name });
      }
      setOutcome({ kind: 'done', text });
      await queryClient.invalidateQueries({ queryKey: securityKeys.user(person.userId) });
    } catch (error) {
      setOutcome({ kind: 'failed', problem: formProblem(error) });
    } finally {
      setBusy(null);
      setRound((n) => n + 1);
    }
  }

  const facts: [string, ReactNode][] = [
    [t('adminSecurity.personSecurity.facts.email'), person.email],
    [
      t('adminSecurity.personSecurity.facts.secondFactor'),
      person.secondFactorEnabled ? t('adminSecurity.personSecurity.facts.on') : t('adminSecurity.personSecurity.facts.off'),
    ],
    [
      t('adminSecurity.personSecurity.facts.required'),
      person.secondFactorRequired
        ? t('adminSecurity.personSecurity.facts.requiredYes')
        : t('adminSecurity.personSecurity.facts.requiredNo'),
    ],
    [t('adminSecurity.personSecurity.facts.sessions'), String(person.activeSessions)],
    [
      t('adminSecurity.personSecurity.facts.lastLogin'),
      person.lastLoginAt ? (
        <time dateTime={person.lastLoginAt}>{formatMoment(person.lastLoginAt)}</time>
      ) : (
        t('adminSecurity.personSecurity.facts.never')
      ),
    ],
  ];

  return (
    <>
      {back}
      <Heading1>{t('adminSecurity.personSecurity.title', { name })}</Heading1>
      <DataList className="lg-people-facts">
        {facts.map(([key, value]) => (
          <DataListItem key={key}>
            <DataListKey>{key}</DataListKey>
            <DataListValue>{value}</DataListValue>
          </DataListItem>
        ))}
      </DataList>
      <Paragraph>
        <RouterLink to={`/beheer/auditlog?over=${encodeURIComponent(person.userId)}`}>
          {t('adminSecurity.personSecurity.auditLink', { name })}
        </RouterLink>
      </Paragraph>

      {/* What the last action did, read out when it happens; focus goes here so the reader hears it. */}
      <Paragraph role="status" ref={statusRef} tabIndex={-1} className="lg-staff-note lg-people-status">
        {outcome?.kind === 'done' ? outcome.text : ''}
      </Paragraph>
      {outcome?.kind === 'failed' && (
        <Alert type="error" role="alert" ref={alertRef} tabIndex={-1} className="lg-alert">
          <Paragraph>
            <strong>{outcome.problem.title}</strong>
          </Paragraph>
          {outcome.problem.detail && <Paragraph>{outcome.problem.detail}</Paragraph>}
        </Alert>
      )}

      <section aria-labelledby={sessionsId} className="lg-section">
        <Heading2 id={sessionsId} className="lg-section__heading">
          {t('adminSecurity.personSecurity.sessions.heading')}
        </Heading2>
        <Paragraph>{t('adminSecurity.personSecurity.sessions.intro', { name })}</Paragraph>
        <ConfirmButton
          key={`sessions-${round}`}
          label={t('adminSecurity.personSecurity.sessions.button')}
          question={t('adminSecurity.personSecurity.sessions.question', { name })}
          confirmLabel={t('adminSecurity.personSecurity.sessions.confirm')}
          cancelLabel={t('adminSecurity.personSecurity.sessions.cancel')}
          busy={busy === 'sessions'}
          onConfirm={() => void act('sessions')}
        />
      </section>

      <section aria-labelledby={factorId} className="lg-section">
        <Heading2 id={factorId} className="lg-section__heading">
          {t('adminSecurity.personSecurity.secondFactor.heading')}
        </Heading2>
        {person.secondFactorEnabled ? (
          <>
            <Paragraph>{t('adminSecurity.personSecurity.secondFactor.intro', { name })}</Paragraph>
            <Alert type="warning" role="note" className="lg-alert">
              <Paragraph>{t('adminSecurity.personSecurity.secondFactor.warning', { name })}</Paragraph>
            </Alert>
            <Paragraph className="lg-staff-label">{t('adminSecurity.personSecurity.secondFactor.effectsHeading')}</Paragraph>
            <UnorderedList>
              <UnorderedListItem>{t('adminSecurity.personSecurity.secondFactor.effects.secret')}</UnorderedListItem>
              <UnorderedListItem>{t('adminSecurity.personSecurity.secondFactor.effects.sessions', { name })}</UnorderedListItem>
              <UnorderedListItem>{t('adminSecurity.personSecurity.secondFactor.effects.mail', { name })}</UnorderedListItem>
              <UnorderedListItem>
                {person.secondFactorRequired
                  ? t('adminSecurity.personSecurity.secondFactor.effects.required', { name })
                  : t('adminSecurity.personSecurity.secondFactor.effects.optional', { name })}
              </UnorderedListItem>
            </UnorderedList>
            <ConfirmButton
              key={`factor-${round}`}
              label={t('adminSecurity.personSecurity.secondFactor.button')}
              question={t('adminSecurity.personSecurity.secondFactor.question', { name })}
              confirmLabel={t('adminSecurity.personSecurity.secondFactor.confirm')}
              cancelLabel={t('adminSecurity.personSecurity.secondFactor.cancel')}
              busy={busy === 'secondFactor'}
              onConfirm={() => void act('secondFactor')}
            />
          </>
        ) : (
          <Paragraph>{t('adminSecurity.personSecurity.secondFactor.off', { name })}</Paragraph>
        )}
      </section>
    </>
  );
}
