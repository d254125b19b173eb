import '../../i18n/security';
import './security.css';
import { Button, Heading1, Paragraph } from '@utrecht/component-library-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TokenResponse } from '../../api/types';
import { signIn } from '../../auth/session';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/fields';
import { fieldDomId, formProblem, type FormProblem } from '../../components/formProblem';
import { Loading } from '../../components/Loading';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { confirmLoginEnrolment, startLoginEnrolment, verifySecondFactor, type SecondFactorChallenge } from './api';
import { CodeField } from './CodeField';
import { challengeGone, codeProblem, isSixDigits, normaliseCode } from './problems';
import { RecoveryCodes } from './RecoveryCodes';
import { TotpSetup } from './TotpSetup';
import { useStepTitle } from './useStepTitle';

/** Why the login goes back to the password step, for the login page to show there. */
export interface LoginNotice {
  title: string;
  detail?: string | undefined;
}

export interface LoginSecondFactorProps {
  challenge: SecondFactorChallenge;
  email: string;
  /** Back to the password step: with a notice when the challenge ran out, without when the person chose to. */
  onRestart: (notice: LoginNotice | null) => void;
}

/**
 * The login's second step, after the right password (the login's 202): a code from the app or a recovery code
 * (`verify`), or setting up the app when a second factor is required and there is none yet (`enrol`). Its own
 * lazily loaded chunk, so the login page's first download does not grow.
 */
export default function LoginSecondFactor(props: LoginSecondFactorProps) {
  // The challenge lasts expiresIn seconds from the login's answer; after that only a new login helps.
  const [deadline] = useState(() => Date.now() + props.challenge.expiresIn * 1000);
  return props.challenge.step === 'enrol' ? <EnrolStep {...props} deadline={deadline} /> : <VerifyStep {...props} deadline={deadline} />;
}

type StepProps = LoginSecondFactorProps & { deadline: number };

function useRestart({ deadline, onRestart }: StepProps) {
  const { t } = useTranslation();
  const expired = (): LoginNotice => ({ title: t('security.login.expired.title'), detail: t('security.login.expired.detail') });
  return {
    /** True (and back to the password step) when the challenge has run out by the clock. */
    timedOut: () => {
      if (Date.now() < deadline) return false;
      onRestart(expired());
      return true;
    },
    /** True (and back to the password step) when the server says the challenge is no longer good. */
    gone: (error: unknown) => {
      if (!challengeGone(error)) return false;
      const problem = formProblem(error);
      onRestart({ title: problem.title, detail: problem.detail ?? t('security.login.expired.detail') });
      return true;
    },
  };
}

function VerifyStep(props: StepProps) {
  const { challenge, onRestart } = props;
  const { t } = useTranslation();
  useStepTitle(t('security.login.verify.title'));
  const restart = useRestart(props);
  const [mode, setMode] = useState<'code' | 'recovery'>('code');
  const [value, setValue] = useState('');
  const [clientError, setClientError] = useState<string | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const field = mode === 'code' ? 'code' : 'recoveryCode';
  const id = (name: string) => fieldDomId('login-second-factor', name);

  // Straight to the field: the heading and the field's description say what to type.
  useEffect(() => inputRef.current?.focus(), [mode]);

  const shown = useMemo<FormProblem | null>(
    () => problem ?? (clientError ? { title: t('security.form.invalid'), fields: { [field]: t(clientError) } } : null),
    [problem, clientError, field, t],
  );

  function switchMode() {
    setMode(mode === 'code' ? 'recovery' : 'code');
    setValue('');
    setClientError(null);
    setProblem(null);
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setProblem(null);
    let error: string | null = null;
    if (value.trim() === '') error = mode === 'code' ? 'security.code.required' : 'security.login.verify.recoveryRequired';
    else if (mode === 'code' && !isSixDigits(value)) error = 'security.code.sixDigits';
    setClientError(error);
    if (error) {
      inputRef.current?.focus();
      return;
    }
    if (restart.timedOut()) return;
    setBusy(true);
    try {
      const token = await verifySecondFactor(
        challenge.challenge,
        mode === 'code' ? { code: normaliseCode(value) } : { recoveryCode: value.trim() },
      );
      signIn(token); // the login page turns the signed-in session into a redirect
    } catch (failure) {
      if (restart.gone(failure)) return;
      setProblem(codeProblem(failure, field));
      setValue('');
      setBusy(false);
    }
  }

  return (
    <>
      <Heading1>{t('security.login.verify.title')}</Heading1>
      <Paragraph>{t(mode === 'code' ? 'security.login.verify.intro' : 'security.login.verify.recoveryIntro')}</Paragraph>
      {shown && <ErrorSummary problem={shown} fieldId={id} />}
      <form noValidate onSubmit={(event) => void onSubmit(event)} className="lg-form" aria-busy={busy}>
        {mode === 'code' ? (
          <CodeField
            key="code"
            id={id('code')}
            label={t('security.login.verify.codeLabel')}
            description={t('security.login.verify.codeDescription')}
            value={value}
            error={shown?.fields.code}
            inputRef={inputRef}
            onChange={setValue}
          />
        ) : (
          <TextField
            key="recovery"
            id={id('recoveryCode')}
            label={t('security.login.verify.recoveryLabel')}
            description={t('security.login.verify.recoveryDescription')}
            value={value}
            error={shown?.fields.recoveryCode}
            inputRef={inputRef}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={40}
            className="lg-code-input lg-code-input--wide"
            onChange={(event) => setValue(event.target.value)}
          />
        )}
        <Button type="submit" appearance="primary-action-button" busy={busy}>
          {busy ? t('security.form.busy') : t('security.login.verify.submit')}
        </Button>
      </form>
      <div className="lg-security-links">
        <Button type="button" appearance="subtle-button" onClick={switchMode}>
          {t(mode === 'code' ? 'security.login.verify.useRecovery' : 'security.login.verify.useCode')}
        </Button>
        <Button type="button" appearance="subtle-button" onClick={() => onRestart(null)}>
          {t('security.login.back')}
        </Button>
      </div>
      {mode === 'recovery' && <Paragraph className="lg-security-note">{t('security.login.verify.noCodes')}</Paragraph>}
    </>
  );
}

function EnrolStep(props: StepProps) {
  const { challenge, email, onRestart } = props;
  const { t } = useTranslation();
  useStepTitle(t('security.login.enrol.title'));
  const restart = useRestart(props);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [token, setToken] = useState<TokenResponse | null>(null);

  // A new secret for this challenge, asked once: asking again would replace the one on screen.
  const enrolment = useQuery({
    queryKey: ['security', 'login-enrolment', challenge.challenge],
    queryFn: () => startLoginEnrolment(challenge.challenge),
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });

  useEffect(() => headingRef.current?.focus(), []);

  // A challenge that ran out before the secret came: back to the password step. Through a ref, so that only a
  // new error runs this, not every render's new `gone`.
  const goneRef = useRef(restart.gone);
  goneRef.current = restart.gone;
  useEffect(() => {
    if (enrolment.error) goneRef.current(enrolment.error);
  }, [enrolment.error]);

  async function confirm(code: string): Promise<FormProblem | null> {
    if (restart.timedOut()) return null;
    try {
      const answer = await confirmLoginEnrolment(challenge.challenge, code);
      if (answer.recoveryCodes && answer.recoveryCodes.length > 0) setToken(answer);
      else signIn(answer);
      return null;
    } catch (failure) {
      if (restart.gone(failure)) return null;
      return codeProblem(failure, 'code');
    }
  }

  if (token?.recoveryCodes) {
    return (
      <>
        <Heading1>{t('security.login.enrol.title')}</Heading1>
        <Paragraph>{t('security.login.enrol.done')}</Paragraph>
        <RecoveryCodes
          codes={token.recoveryCodes}
          account={token.user.email}
          level={2}
          continueLabel={t('security.login.enrol.continue')}
          onDone={() => signIn(token)}
        />
      </>
    );
  }

  return (
    <>
      <Heading1 ref={headingRef} tabIndex={-1}>
        {t('security.login.enrol.title')}
      </Heading1>
      <Paragraph lead>{t('security.login.enrol.why')}</Paragraph>
      <Paragraph>{t('security.login.enrol.what')}</Paragraph>
      {enrolment.data ? (
        <TotpSetup
          enrolment={enrolment.data}
          idPrefix="login-enrol"
          level={2}
          submitLabel={t('security.login.enrol.submit')}
          onConfirm={confirm}
        />
      ) : enrolment.error ? (
        challengeGone(enrolment.error) ? null : <QueryErrorAlert error={enrolment.error} />
      ) : (
        <Loading />
      )}
      <Paragraph className="lg-security-note">{t('security.login.enrol.account', { email })}</Paragraph>
      <div className="lg-security-links">
        <Button type="button" appearance="subtle-button" onClick={() => onRestart(null)}>
          {t('security.login.back')}
        </Button>
      </div>
    </>
  );
}
