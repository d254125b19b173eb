import { Alert, Button, Heading1, Paragraph } from '@utrecht/component-library-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../../auth/useSession';
import { Loading } from '../../components/Loading';
import { RouterLink } from '../../components/RouterLink';
import { usePageTitle } from '../../components/usePageTitle';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/fields';
import { fieldDomId, formProblem, type FormProblem } from '../../components/formProblem';
import { lookupInvitation, setPassword, type InvitationInfo } from './queries';
import { checkNewPassword } from './validate';
import '../admin/admin.css';

/**
 * /wachtwoord-instellen?token=…, public: the link from an invitation mail. The token moves from the address bar
 * into the page's history state at once, so it is not left in view, in bookmarks or in a Referer.
 */
export function SetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const token = (location.state as { token?: string } | null)?.token ?? params.get('token') ?? '';

  useEffect(() => {
    if (params.has('token')) navigate(location.pathname, { replace: true, state: { token: params.get('token') } });
  }, [params, location.pathname, navigate]);

  // Asked once the start-up session check is done: a sign-out then clears the query cache, this answer included.
  const session = useSession();
  const invitation = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => lookupInvitation(token),
    enabled: token !== '' && session.status !== 'loading',
    retry: false,
    staleTime: Infinity,
  });
  const [done, setDone] = useState<string | null>(null);
  // A reset the person asked for is titled as such; until the lookup answers, the invitation's title.
  const title = t(invitation.data?.purpose === 'reset' ? 'manage.password.resetTitle' : 'manage.password.title');
  usePageTitle(title);

  let body;
  if (done) body = <Done email={done} />;
  else if (token === '') body = <LinkProblem title={t('manage.password.noToken')} />;
  else if (invitation.error) {
    const problem = formProblem(invitation.error);
    body = <LinkProblem title={problem.title} detail={problem.detail} />;
  } else if (invitation.data) body = <PasswordForm token={token} invitation={invitation.data} onDone={setDone} />;
  else body = <Loading />;

  return (
    <div className="lg-narrow">
      <Heading1>{title}</Heading1>
      {body}
    </div>
  );
}

function LinkProblem({ title, detail }: { title: string; detail?: string | undefined }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <Alert type="error" role="alert" ref={ref} tabIndex={-1} className="lg-alert">
      <Paragraph>
        <strong>{title}</strong>
      </Paragraph>
      {detail && <Paragraph>{detail}</Paragraph>}
    </Alert>
  );
}

function Done({ email }: { email: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <>
      <Alert type="ok" role="status" ref={ref} tabIndex={-1} className="lg-alert">
        <Paragraph>{t('manage.password.done', { email })}</Paragraph>
      </Alert>
      <Paragraph>
        <RouterLink to="/inloggen">{t('manage.password.toLogin')}</RouterLink>
      </Paragraph>
    </>
  );
}

function PasswordForm({
  token,
  invitation,
  onDone,
}: {
  token: string;
  invitation: InvitationInfo;
  onDone: (email: string) => void;
}) {
  const { t } = useTranslation();
  const [password, setPasswordValue] = useState('');
  const [repeat, setRepeat] = useState('');
  const [clientErrors, setClientErrors] = useState<Partial<Record<'password' | 'repeat', string>>>({});
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const id = (field: string) => fieldDomId('set-password', field);

  // Client messages are kept as i18n keys so they follow a language switch. Memoised: the summary takes focus
  // whenever its problem changes, which must not happen on every keystroke.
  const shown = useMemo<FormProblem | null>(() => {
    if (problem) return problem;
    const fields = Object.fromEntries(Object.entries(clientErrors).map(([field, key]) => [field, t(key)]));
    return Object.keys(fields).length > 0 ? { title: t('manage.form.invalid'), fields } : null;
  }, [problem, clientErrors, t]);
  const fields = shown?.fields ?? {};

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setProblem(null);
    const errors = checkNewPassword(password, repeat);
    setClientErrors(errors);
    if (Object.keys(errors).length > 0) return;
    setBusy(true);
    try {
      const result = await setPassword(token, password);
      onDone(result.email);
    } catch (error) {
      setProblem(formProblem(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Paragraph lead>{t('manage.password.welcome', { name: invitation.name })}</Paragraph>
      <Paragraph>
        {t(invitation.purpose === 'reset' ? 'manage.password.resetIntro' : 'manage.password.intro', { email: invitation.email })}
      </Paragraph>
      {shown && <ErrorSummary problem={shown} fieldId={id} />}
      <form noValidate onSubmit={(event) => void onSubmit(event)} className="lg-form" aria-busy={busy}>
        {/* For password managers: the account the new password belongs to. */}
        <TextField id={id('email')} label={t('manage.password.email')} value={invitation.email} readOnly autoComplete="username" />
        <TextField
          id={id('password')}
          type="password"
          label={t('manage.password.password')}
          description={t('manage.password.hint')}
          autoComplete="new-password"
          value={password}
          error={fields.password}
          maxLength={1024}
          onChange={(event) => setPasswordValue(event.target.value)}
        />
        <TextField
          id={id('repeat')}
          type="password"
          label={t('manage.password.repeat')}
          autoComplete="new-password"
          value={repeat}
          error={fields.repeat}
          maxLength={1024}
          onChange={(event) => setRepeat(event.target.value)}
        />
        <Button type="submit" appearance="primary-action-button" busy={busy}>
          {t('manage.password.submit')}
        </Button>
      </form>
    </>
  );
}
