import {
  Alert,
  Button,
  ButtonGroup,
  Checkbox,
  FormField,
  FormFieldErrorMessage,
  FormLabel,
  Heading,
  Paragraph,
} from '@utrecht/component-library-react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { saveFile } from '../../api/download';
import { formatMoment } from '../../i18n/dates';
import { spellCode } from './problems';

type Level = 1 | 2 | 3 | 4 | 5;

/** The text file of "Downloaden als tekstbestand": what the codes are for, and the codes, numbered. */
export function recoveryCodesText(
  codes: string[],
  account: string,
  t: (key: string, options?: Record<string, unknown>) => string,
  now = new Date(),
): string {
  return [
    t('security.recovery.file.title'),
    t('security.recovery.file.account', { account }),
    t('security.recovery.file.made', { moment: formatMoment(now.toISOString()) }),
    '',
    t('security.recovery.file.use'),
    '',
    ...codes.map((code, index) => `${index + 1}. ${code}`),
    '',
  ].join('\r\n');
}

/**
 * The 10 recovery codes, shown this once: as a list (spelled out for screen readers, so "4821" is not read as a
 * number), to download as a text file or print, and a tick that they are kept before going on.
 */
export function RecoveryCodes({
  codes,
  account,
  level,
  continueLabel,
  onDone,
}: {
  codes: string[];
  account: string;
  level: Level;
  continueLabel: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const checkboxRef = useRef<HTMLInputElement>(null);
  const headingId = useId();
  const checkboxId = useId();
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState(false);
  const [status, setStatus] = useState('');
  const fileName = 'leergang-herstelcodes.txt';

  // The codes replace the form that asked for them: start reading here.
  useEffect(() => headingRef.current?.focus(), []);

  // Printing shows only the codes (see security.css); the class goes once the print dialog is closed.
  useEffect(() => {
    const done = () => document.body.classList.remove('lg-printing-codes');
    window.addEventListener('afterprint', done);
    return () => {
      window.removeEventListener('afterprint', done);
      done();
    };
  }, []);

  function download() {
    const text = recoveryCodesText(codes, account, t);
    saveFile({ blob: new Blob([text], { type: 'text/plain;charset=utf-8' }), fileName });
    setStatus(t('security.recovery.downloaded', { file: fileName }));
  }

  function print() {
    document.body.classList.add('lg-printing-codes');
    window.print();
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!saved) {
      setError(true);
      checkboxRef.current?.focus();
      return;
    }
    onDone();
  }

  return (
    <section aria-labelledby={headingId} className="lg-recovery">
      <div className="lg-recovery__print">
        <Heading level={level} id={headingId} ref={headingRef} tabIndex={-1} className="lg-recovery__heading">
          {t('security.recovery.heading')}
        </Heading>
        <Paragraph className="lg-recovery__print-only">{t('security.recovery.file.account', { account })}</Paragraph>
        <Alert type="warning" className="lg-alert">
          <Paragraph>
            <strong>{t('security.recovery.once')}</strong>
          </Paragraph>
          <Paragraph>{t('security.recovery.explain')}</Paragraph>
        </Alert>
        <ol className="lg-recovery__codes" aria-label={t('security.recovery.listLabel')}>
          {codes.map((code) => (
            <li key={code}>
              <code className="lg-recovery__code" aria-hidden="true">
                {code}
              </code>
              <span className="lg-security-visually-hidden">{spellCode(code)}</span>
            </li>
          ))}
        </ol>
      </div>
      <ButtonGroup className="lg-recovery__tools">
        <Button type="button" appearance="secondary-action-button" onClick={download}>
          {t('security.recovery.download')}
        </Button>
        <Button type="button" appearance="secondary-action-button" onClick={print}>
          {t('security.recovery.print')}
        </Button>
      </ButtonGroup>
      <Paragraph role="status" className="lg-security-note">
        {status}
      </Paragraph>
      <form noValidate onSubmit={onSubmit} className="lg-form">
        <FormField type="checkbox" invalid={error && !saved} className="lg-checkbox">
          {error && !saved && (
            <FormFieldErrorMessage id={`${checkboxId}-error`} className="utrecht-form-field__error-message">
              {t('security.recovery.mustConfirm')}
            </FormFieldErrorMessage>
          )}
          <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
            <FormLabel htmlFor={checkboxId} type="checkbox">
              <Checkbox
                id={checkboxId}
                ref={checkboxRef}
                className="utrecht-form-field__input"
                checked={saved}
                required
                invalid={error && !saved}
                aria-describedby={error && !saved ? `${checkboxId}-error` : undefined}
                onChange={(event) => setSaved(event.target.checked)}
              />{' '}
              {t('security.recovery.confirm')}
            </FormLabel>
          </div>
        </FormField>
        <Button type="submit" appearance="primary-action-button">
          {continueLabel}
        </Button>
      </form>
    </section>
  );
}
