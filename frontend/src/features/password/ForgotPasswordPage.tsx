import { Alert, Button, Heading1, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/fields';
import { fieldDomId, formProblem, type FormProblem } from '../../components/formProblem';
import { RouterLink } from '../../components/RouterLink';
import { usePageTitle } from '../../components/usePageTitle';
import { requestPasswordReset } from './queries';
import '../admin/admin.css';

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * /wachtwoord-vergeten, public: asks for a mail with a reset link. The confirmation is the same whether or not
 * the address has an account (the server does not tell either).
 */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('manage.password.forgot.title'));
  const [email, setEmail] = useState('');
  const [clientError, setClientError] = useState<string | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const id = (field: string) => fieldDomId('forgot-password', field);

  // The client message is an i18n key so it follows a language switch; memoised so the summary takes focus
  // only when the problem changes.
  const shown = useMemo<FormProblem | null>(() => {
    if (problem) return problem;
    return clientError ? { title: t('manage.form.invalid'), fields: { email: t(clientError) } } : null;
  }, [problem, clientError, t]);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setProblem(null);
    const trimmed = email.trim();
    const error = trimmed === '' ? 'manage.password.forgot.errors.required'
      : emailPattern.test(trimmed) ? null : 'manage.password.forgot.errors.invalid';
    setClientError(error);
    if (error) return;
    setBusy(true);
    try {
      await requestPasswordReset(trimmed);
      setSent(true);
    } catch (err) {
      setProblem(formProblem(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="lg-narrow">
      <Heading1>{t('manage.password.forgot.title')}</Heading1>
      {sent ? (
        <Sent />
      ) : (
        <>
          <Paragraph>{t('manage.password.forgot.intro')}</Paragraph>
          {shown && <ErrorSummary problem={shown} fieldId={id} />}
          <form noValidate onSubmit={(event) => void onSubmit(event)} className="lg-form" aria-busy={busy}>
            <TextField
              id={id('email')}
              type="email"
              label={t('manage.password.forgot.email')}
              autoComplete="username"
              value={email}
              error={shown?.fields.email}
              maxLength={254}
              onChange={(event) => setEmail(event.target.value)}
            />
            <Button type="submit" appearance="primary-action-button" busy={busy}>
              {t('manage.password.forgot.submit')}
            </Button>
          </form>
        </>
      )}
      <Paragraph>
        <RouterLink to="/inloggen">{t('manage.password.forgot.toLogin')}</RouterLink>
      </Paragraph>
    </div>
  );
}

function Sent() {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <>
      <Alert type="ok" role="status" ref={ref} tabIndex={-1} className="lg-alert">
        <Paragraph>{t('manage.password.forgot.sent')}</Paragraph>
      </Alert>
      <Paragraph>{t('manage.password.forgot.notReceived')}</Paragraph>
    </>
  );
}
