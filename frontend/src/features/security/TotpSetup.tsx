import { Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/ErrorSummary';
import { fieldDomId, type FormProblem } from '../../components/formProblem';
import type { TotpEnrolment } from './api';
import { CodeField } from './CodeField';
import { groupSecret } from './problems';
import { useCodeForm } from './useCodeForm';

type Level = 1 | 2 | 3 | 4 | 5;

/**
 * Setting up an authenticator app, at login (when a second factor is required) and on the security page: the
 * QR code, the key to type over when scanning is not possible (with a copy button), and the first code to
 * confirm it. `onConfirm` answers the problem to show, or null when it is done (or has handled the failure).
 */
export function TotpSetup({
  enrolment,
  idPrefix,
  level,
  submitLabel,
  onConfirm,
}: {
  enrolment: TotpEnrolment;
  idPrefix: string;
  level: Level;
  submitLabel: string;
  onConfirm: (code: string) => Promise<FormProblem | null>;
}) {
  const { t } = useTranslation();
  const id = (field: string) => fieldDomId(idPrefix, field);
  const { code, setCode, shown, busy, submit } = useCodeForm();
  const codeRef = useRef<HTMLInputElement>(null);

  return (
    <div className="lg-totp">
      <ol className="lg-totp__steps">
        <li>
          <Heading level={level}>{t('security.setup.app.heading')}</Heading>
          <Paragraph>{t('security.setup.app.text')}</Paragraph>
        </li>
        <li>
          <Heading level={level}>{t('security.setup.scan.heading')}</Heading>
          <Paragraph>{t('security.setup.scan.text')}</Paragraph>
          <img className="lg-totp__qr" src={enrolment.qrCode} alt={t('security.setup.scan.alt', { issuer: enrolment.issuer })} />
          <Paragraph>{t('security.setup.manual.text')}</Paragraph>
          <ManualEntry enrolment={enrolment} />
        </li>
        <li>
          <Heading level={level}>{t('security.setup.confirm.heading')}</Heading>
          {shown && <ErrorSummary problem={shown} fieldId={id} />}
          <form noValidate onSubmit={(event) => void submit(event, onConfirm)} className="lg-form" aria-busy={busy}>
            <CodeField
              id={id('code')}
              label={t('security.setup.confirm.label')}
              description={t('security.setup.confirm.description')}
              value={code}
              error={shown?.fields.code}
              inputRef={codeRef}
              onChange={setCode}
            />
            <Button type="submit" appearance="primary-action-button" busy={busy}>
              {busy ? t('security.form.busy') : submitLabel}
            </Button>
          </form>
        </li>
      </ol>
    </div>
  );
}

/** What an app asks when the QR code cannot be scanned: the account, the key (grouped) and the kind of code. */
function ManualEntry({ enrolment }: { enrolment: TotpEnrolment }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);
  const secretRef = useRef<HTMLElement>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(enrolment.secret);
      setCopied('copied');
    } catch {
      // No clipboard (an older browser, or permission refused): select the key for Ctrl+C instead.
      const node = secretRef.current;
      const selection = window.getSelection();
      if (node && selection) {
        const range = document.createRange();
        range.selectNodeContents(node);
        selection.removeAllRanges();
        selection.addRange(range);
      }
      setCopied('failed');
    }
  }

  return (
    <>
      <dl className="lg-totp__manual">
        <dt>{t('security.setup.manual.account')}</dt>
        <dd>
          {enrolment.issuer} ({enrolment.account})
        </dd>
        <dt>{t('security.setup.manual.key')}</dt>
        <dd>
          <code ref={secretRef} className="lg-totp__secret">
            {groupSecret(enrolment.secret)}
          </code>
          <Button type="button" appearance="subtle-button" className="lg-totp__copy" onClick={() => void copy()}>
            {t('security.setup.manual.copy')}
          </Button>
        </dd>
        <dt>{t('security.setup.manual.kind')}</dt>
        <dd>{t('security.setup.manual.kindValue')}</dd>
      </dl>
      <Paragraph role="status" className="lg-security-note">
        {copied === 'copied' ? t('security.setup.manual.copied') : copied === 'failed' ? t('security.setup.manual.copyFailed') : ''}
      </Paragraph>
    </>
  );
}
