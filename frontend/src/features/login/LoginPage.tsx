import { Alert, Button, FormFieldTextbox, Heading1, Paragraph } from '@utrecht/component-library-react';
import { lazy, Suspense, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { authClient } from '../../api/client';
import { asProblem, fieldErrors } from '../../api/problem';
import { homePathFor } from '../../auth/roles';
import { signIn } from '../../auth/session';
import { useSession } from '../../auth/useSession';
import { Loading } from '../../components/Loading';
import { RouterLink } from '../../components/RouterLink';
import { usePageTitle } from '../../components/usePageTitle';
import type { SecondFactorChallenge } from '../security/api';
import { validateLogin, type LoginField } from './validate';

// The second step (a code, or setting up the app) is its own chunk: most logins never need it.
const LoginSecondFactor = lazy(() => import('../security/LoginSecondFactor'));

type FieldMessages = Partial<Record<LoginField, string>>;
type Failure = { title: string; detail?: string | undefined };

export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('login.title'));
  const session = useSession();
  const location = useLocation();
  const state = location.state as { from?: string; logoutFailed?: boolean } | null;
  const from = state?.from;

  // Client-side checks are kept as i18n keys so they follow a language switch; server messages are shown as sent.
  const [clientErrors, setClientErrors] = useState<FieldMessages>({});
  const [serverErrors, setServerErrors] = useState<FieldMessages>({});
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  // After the right password, when a second factor is needed: the challenge of the login's 202.
  const [challenge, setChallenge] = useState<SecondFactorChallenge | null>(null);
  const [email, setEmail] = useState('');
  const [backToPassword, setBackToPassword] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (failure) alertRef.current?.focus();
  }, [failure]);

  // Back from the second step without a notice: the address is still filled in, so on to the password.
  useEffect(() => {
    if (backToPassword && !challenge) passwordRef.current?.focus();
  }, [backToPassword, challenge]);

  if (session.status === 'loading') return <Loading />;
  if (session.status === 'signedIn') {
    return <Navigate to={from ?? homePathFor(session.user) ?? '/'} replace />;
  }

  if (challenge) {
    return (
      <div className="lg-narrow">
        <Suspense fallback={<Loading />}>
          <LoginSecondFactor
            challenge={challenge}
            email={email.trim()}
            onRestart={(notice) => {
              setChallenge(null);
              setFailure(notice);
              setBackToPassword(!notice);
            }}
          />
        </Suspense>
      </div>
    );
  }

  const messageFor = (field: LoginField) =>
    clientErrors[field] ? t(clientErrors[field]) : serverErrors[field];

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return; // not disabling the button: that would drop keyboard focus mid-submit
    setFailure(null);
    setServerErrors({});
    setBackToPassword(false);
    const form = new FormData(event.currentTarget);
    const email = String(form.get('email') ?? '');
    const password = String(form.get('password') ?? '');
    setEmail(email);
    const errors = validateLogin(email, password);
    setClientErrors(errors);
    if (errors.email || errors.password) {
      (errors.email ? emailRef : passwordRef).current?.focus();
      return;
    }

    setBusy(true);
    try {
      const { data, error, response } = await authClient.POST('/auth/login', {
        body: { email: email.trim(), password },
      });
      if (data && 'challenge' in data) {
        setChallenge(data); // the password is right; a second factor is needed
        return;
      }
      if (data) {
        signIn(data); // the signed-in session re-renders this page into a redirect
        return;
      }
      const problem = asProblem(error);
      const byField: FieldMessages = {};
      const otherMessages: string[] = [];
      for (const { field, message } of fieldErrors(problem)) {
        if (field === 'email' || field === 'password') byField[field] = message;
        else otherMessages.push(message);
      }
      setServerErrors(byField);
      const detail = [problem?.detail, ...otherMessages].filter(Boolean).join(' ') || undefined;
      setFailure(
        problem
          ? { title: problem.title, detail }
          : { title: t('login.errors.unexpected'), detail: `HTTP ${response.status}` },
      );
    } catch {
      setFailure({ title: t('login.errors.network') });
    } finally {
      setBusy(false);
    }
  }

  const emailMessage = messageFor('email');
  const passwordMessage = messageFor('password');

  return (
    <div className="lg-narrow">
      <Heading1>{t('login.title')}</Heading1>
      <Paragraph>{t('login.intro')}</Paragraph>

      {state?.logoutFailed && !failure && (
        <Alert type="warning" className="lg-alert">
          <Paragraph>{t('login.logoutFailed')}</Paragraph>
        </Alert>
      )}
      {failure && (
        <Alert type="error" role="alert" ref={alertRef} tabIndex={-1} className="lg-alert">
          <Paragraph>
            <strong>{failure.title}</strong>
          </Paragraph>
          {failure.detail && <Paragraph>{failure.detail}</Paragraph>}
        </Alert>
      )}

      <form noValidate onSubmit={(event) => void onSubmit(event)} className="lg-form" aria-busy={busy}>
        <FormFieldTextbox
          name="email"
          type="email"
          label={t('login.email')}
          autoComplete="username"
          required
          invalid={Boolean(emailMessage)}
          errorMessage={emailMessage}
          inputRef={emailRef}
          defaultValue={email}
          maxLength={254}
        />
        <FormFieldTextbox
          name="password"
          type="password"
          label={t('login.password')}
          autoComplete="current-password"
          required
          invalid={Boolean(passwordMessage)}
          errorMessage={passwordMessage}
          inputRef={passwordRef}
          maxLength={1024}
        />
        <Button type="submit" appearance="primary-action-button" busy={busy}>
          {busy ? t('login.submitting') : t('login.submit')}
        </Button>
      </form>
      <Paragraph>
        <RouterLink to="/wachtwoord-vergeten">{t('login.forgot')}</RouterLink>
      </Paragraph>
    </div>
  );
}
