import { Alert, Button, ButtonGroup, Heading3, Paragraph } from '@utrecht/component-library-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/ApiError';
import type { Me } from '../../api/types';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/fields';
import { fieldDomId, formProblem, type FormProblem } from '../../components/formProblem';
import { Loading } from '../../components/Loading';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { formatMoment } from '../../i18n/dates';
import {
  disableMySecondFactor,
  enableMySecondFactor,
  regenerateMyRecoveryCodes,
  secondFactorQuery,
  securityKeys,
  startMyEnrolment,
  type SecondFactorStatus,
  type TotpEnrolment,
} from './api';
import { CodeField } from './CodeField';
import { codeProblem } from './problems';
import { useCodeForm } from './useCodeForm';
import { RecoveryCodes } from './RecoveryCodes';
import { TotpSetup } from './TotpSetup';

/** When recovery codes run this low, the page suggests making new ones. */
const fewCodes = 3;

type View =
  | { kind: 'status' }
  | { kind: 'enrolling'; enrolment: TotpEnrolment }
  | { kind: 'codes'; codes: string[]; after: 'enabled' | 'regenerated' };

type Done = 'enabled' | 'disabled' | 'regenerated' | null;

/**
 * "Tweestapsverificatie": whether it is on (since when) and required, turning it on (the same setup as at login,
 * then the recovery codes once), turning it off with the password where it is not required, and new recovery
 * codes with a current code.
 */
export function SecondFactorSection({ user }: { user: Me }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const status = useQuery(secondFactorQuery());
  const [view, setView] = useState<View>({ kind: 'status' });
  const [done, setDone] = useState<Done>(null);
  const doneRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  const refresh = () => queryClient.invalidateQueries({ queryKey: securityKeys.secondFactor() });

  function finish(what: Exclude<Done, null>) {
    void refresh();
    setView({ kind: 'status' });
    setDone(what);
  }

  if (view.kind === 'enrolling') {
    return (
      <EnableFlow
        enrolment={view.enrolment}
        onCancel={() => setView({ kind: 'status' })}
        onCodes={(codes) => setView({ kind: 'codes', codes, after: 'enabled' })}
        onStale={() => void refresh()}
      />
    );
  }
  if (view.kind === 'codes') {
    return (
      <RecoveryCodes
        codes={view.codes}
        account={user.email}
        level={3}
        continueLabel={t('security.factor.codesDone')}
        onDone={() => finish(view.after)}
      />
    );
  }

  return (
    <>
      {done && (
        <Alert type="ok" role="status" ref={doneRef} tabIndex={-1} className="lg-alert">
          <Paragraph>{t(`security.factor.done.${done}`)}</Paragraph>
        </Alert>
      )}
      {status.error ? (
        <QueryErrorAlert error={status.error} />
      ) : !status.data ? (
        <Loading />
      ) : status.data.enabled ? (
        <FactorOn
          status={status.data}
          onDisabled={() => finish('disabled')}
          onCodes={(codes) => {
            setDone(null);
            setView({ kind: 'codes', codes, after: 'regenerated' });
          }}
          onStale={() => void refresh()}
        />
      ) : (
        <FactorOff
          status={status.data}
          onEnrolment={(enrolment) => {
            setDone(null);
            setView({ kind: 'enrolling', enrolment });
          }}
          onStale={() => void refresh()}
        />
      )}
    </>
  );
}

function FactorOff({
  status,
  onEnrolment,
  onStale,
}: {
  status: SecondFactorStatus;
  onEnrolment: (enrolment: TotpEnrolment) => void;
  onStale: () => void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (problem) alertRef.current?.focus();
  }, [problem]);

  async function start() {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      onEnrolment(await startMyEnrolment());
    } catch (error) {
      setProblem(formProblem(error));
      onStale(); // a 409: it is on already (in another window); show that
      setBusy(false);
    }
  }

  return (
    <>
      <Paragraph>
        <strong>{t('security.factor.off')}</strong>
      </Paragraph>
      <Paragraph>{t('security.factor.explain')}</Paragraph>
      {status.required && <Paragraph>{t('security.factor.requiredOff')}</Paragraph>}
      {problem && <ProblemAlert problem={problem} alertRef={alertRef} />}
      <Button type="button" appearance="primary-action-button" busy={busy} onClick={() => void start()}>
        {t('security.factor.enable')}
      </Button>
    </>
  );
}

function EnableFlow({
  enrolment,
  onCancel,
  onCodes,
  onStale,
}: {
  enrolment: TotpEnrolment;
  onCancel: () => void;
  onCodes: (codes: string[]) => void;
  onStale: () => void;
}) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  async function confirm(code: string): Promise<FormProblem | null> {
    try {
      onCodes((await enableMySecondFactor(code)).recoveryCodes);
      return null;
    } catch (error) {
      // A 409: it was turned on meanwhile (in another window); the status behind "Annuleren" will say so.
      if (isApiError(error, 409)) onStale();
      return codeProblem(error, 'code');
    }
  }

  return (
    <>
      <Heading3 ref={headingRef} tabIndex={-1}>
        {t('security.factor.enableHeading')}
      </Heading3>
      <Paragraph>{t('security.factor.enableIntro')}</Paragraph>
      <TotpSetup enrolment={enrolment} idPrefix="enable-factor" level={4} submitLabel={t('security.factor.enableSubmit')} onConfirm={confirm} />
      <ButtonGroup>
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
          {t('security.factor.cancel')}
        </Button>
      </ButtonGroup>
    </>
  );
}

function FactorOn({
  status,
  onDisabled,
  onCodes,
  onStale,
}: {
  status: SecondFactorStatus;
  onDisabled: () => void;
  onCodes: (codes: string[]) => void;
  onStale: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Paragraph>
        <strong>
          {status.enabledAt
            ? t('security.factor.onSince', { moment: formatMoment(status.enabledAt) })
            : t('security.factor.on')}
        </strong>
      </Paragraph>
      <Paragraph>{t('security.factor.howItWorks')}</Paragraph>
      <Paragraph>{t('security.factor.codesLeft', { count: status.recoveryCodesLeft })}</Paragraph>
      {status.recoveryCodesLeft <= fewCodes && (
        <Alert type="warning" className="lg-alert">
          <Paragraph>{t('security.factor.fewCodes')}</Paragraph>
        </Alert>
      )}
      <RegenerateForm onCodes={onCodes} onStale={onStale} />
      {status.required ? (
        <div className="lg-security-sub">
          <Heading3>{t('security.factor.disableHeading')}</Heading3>
          <Paragraph>{t('security.factor.requiredOn')}</Paragraph>
        </div>
      ) : (
        <DisableForm onDisabled={onDisabled} onStale={onStale} />
      )}
    </>
  );
}

function RegenerateForm({ onCodes, onStale }: { onCodes: (codes: string[]) => void; onStale: () => void }) {
  const { t } = useTranslation();
  const headingId = useId();
  const { code, setCode, shown, busy, submit } = useCodeForm();
  const id = (field: string) => fieldDomId('new-recovery-codes', field);

  async function regenerate(normalised: string): Promise<FormProblem | null> {
    try {
      onCodes((await regenerateMyRecoveryCodes(normalised)).recoveryCodes);
      return null;
    } catch (failure) {
      if (isApiError(failure, 409)) onStale(); // it was turned off meanwhile
      return codeProblem(failure, 'code');
    }
  }

  return (
    <div className="lg-security-sub" role="group" aria-labelledby={headingId}>
      <Heading3 id={headingId}>{t('security.factor.regenerateHeading')}</Heading3>
      <Paragraph>{t('security.factor.regenerateIntro')}</Paragraph>
      {shown && <ErrorSummary problem={shown} fieldId={id} />}
      <form noValidate onSubmit={(event) => void submit(event, regenerate)} className="lg-form" aria-busy={busy}>
        <CodeField
          id={id('code')}
          label={t('security.factor.regenerateLabel')}
          description={t('security.factor.regenerateDescription')}
          value={code}
          error={shown?.fields.code}
          onChange={setCode}
        />
        <Button type="submit" appearance="secondary-action-button" busy={busy}>
          {busy ? t('security.form.busy') : t('security.factor.regenerateSubmit')}
        </Button>
      </form>
    </div>
  );
}

function DisableForm({ onDisabled, onStale }: { onDisabled: () => void; onStale: () => void }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [password, setPassword] = useState('');
  const [clientError, setClientError] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const id = (field: string) => fieldDomId('disable-factor', field);

  const shown = useMemo<FormProblem | null>(
    () =>
      problem ??
      (clientError ? { title: t('security.form.invalid'), fields: { password: t('security.factor.passwordRequired') } } : null),
    [problem, clientError, t],
  );

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setProblem(null);
    setClientError(password === '');
    if (password === '') return;
    setBusy(true);
    try {
      await disableMySecondFactor(password);
      onDisabled();
    } catch (failure) {
      setProblem(formProblem(failure));
      setPassword('');
      if (isApiError(failure, 409)) onStale(); // required of this account after all
      setBusy(false);
    }
  }

  return (
    <div className="lg-security-sub" role="group" aria-labelledby={headingId}>
      <Heading3 id={headingId}>{t('security.factor.disableHeading')}</Heading3>
      <Paragraph>{t('security.factor.disableIntro')}</Paragraph>
      {shown && <ErrorSummary problem={shown} fieldId={id} />}
      <form noValidate onSubmit={(event) => void onSubmit(event)} className="lg-form" aria-busy={busy}>
        <TextField
          id={id('password')}
          type="password"
          label={t('security.factor.password')}
          autoComplete="current-password"
          value={password}
          error={shown?.fields.password}
          maxLength={1024}
          onChange={(event) => setPassword(event.target.value)}
        />
        <Button type="submit" appearance="secondary-action-button" hint="danger" busy={busy}>
          {busy ? t('security.form.busy') : t('security.factor.disableSubmit')}
        </Button>
      </form>
    </div>
  );
}

function ProblemAlert({ problem, alertRef }: { problem: FormProblem; alertRef: Ref<HTMLDivElement> }) {
  return (
    <Alert type="error" role="alert" ref={alertRef} tabIndex={-1} className="lg-alert">
      <Paragraph>
        <strong>{problem.title}</strong>
      </Paragraph>
      {problem.detail && <Paragraph>{problem.detail}</Paragraph>}
    </Alert>
  );
}
