import { Alert, Button, Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../api/types';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/fields';
import { fieldDomId, formProblem, type FormProblem } from '../../components/formProblem';
import { changeMyPassword, securityKeys } from './api';

type Field = 'currentPassword' | 'newPassword' | 'repeat';

/** Client checks as i18n keys (they follow a language switch); the server checks the rest (common, context). */
export function checkPasswordChange(current: string, next: string, repeat: string): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  if (current === '') errors.currentPassword = 'security.password.errors.currentRequired';
  if (next === '') errors.newPassword = 'security.password.errors.newRequired';
  else if ([...next].length < 12) errors.newPassword = 'security.password.errors.short';
  else if (new TextEncoder().encode(next).length > 1024) errors.newPassword = 'security.password.errors.long';
  if (!errors.newPassword && repeat !== next) errors.repeat = 'security.password.errors.repeat';
  return errors;
}

/** "Wachtwoord wijzigen": the current password and a new one; every other session ends, this one stays. */
export function PasswordSection({ user }: { user: Me }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [clientErrors, setClientErrors] = useState<Partial<Record<Field, string>>>({});
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [revoked, setRevoked] = useState<number | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const id = (field: string) => fieldDomId('change-password', field);

  useEffect(() => {
    if (revoked !== null) doneRef.current?.focus();
  }, [revoked]);

  const shown = useMemo<FormProblem | null>(() => {
    if (problem) return problem;
    const fields = Object.fromEntries(Object.entries(clientErrors).map(([field, key]) => [field, t(key)]));
    return Object.keys(fields).length > 0 ? { title: t('security.form.invalid'), fields } : null;
  }, [problem, clientErrors, t]);
  const fields = shown?.fields ?? {};

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setProblem(null);
    setRevoked(null);
    const errors = checkPasswordChange(current, next, repeat);
    setClientErrors(errors);
    if (Object.keys(errors).length > 0) return;
    setBusy(true);
    try {
      const result = await changeMyPassword(current, next);
      setCurrent('');
      setNext('');
      setRepeat('');
      setRevoked(result.revoked);
      void queryClient.invalidateQueries({ queryKey: securityKeys.sessions() });
    } catch (error) {
      setProblem(formProblem(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Paragraph>{t('security.password.intro')}</Paragraph>
      <UnorderedList>
        <UnorderedListItem>{t('security.password.rules.length')}</UnorderedListItem>
        <UnorderedListItem>{t('security.password.rules.common')}</UnorderedListItem>
        <UnorderedListItem>{t('security.password.rules.context')}</UnorderedListItem>
        <UnorderedListItem>{t('security.password.rules.free')}</UnorderedListItem>
      </UnorderedList>
      {revoked !== null && (
        <Alert type="ok" role="status" ref={doneRef} tabIndex={-1} className="lg-alert">
          <Paragraph>
            <strong>{t('security.password.done')}</strong>
          </Paragraph>
          <Paragraph>{revoked === 0 ? t('security.password.noOthers') : t('security.password.othersEnded', { count: revoked })}</Paragraph>
        </Alert>
      )}
      {shown && <ErrorSummary problem={shown} fieldId={id} />}
      <form noValidate onSubmit={(event) => void onSubmit(event)} className="lg-form" aria-busy={busy}>
        {/* For password managers: the account whose password this is. */}
        <input type="text" name="username" autoComplete="username" value={user.email} readOnly hidden />
        <TextField
          id={id('currentPassword')}
          type="password"
          label={t('security.password.current')}
          autoComplete="current-password"
          value={current}
          error={fields.currentPassword}
          maxLength={1024}
          onChange={(event) => setCurrent(event.target.value)}
        />
        <TextField
          id={id('newPassword')}
          type="password"
          label={t('security.password.new')}
          description={t('security.password.newHint')}
          autoComplete="new-password"
          value={next}
          error={fields.newPassword}
          maxLength={1024}
          onChange={(event) => setNext(event.target.value)}
        />
        <TextField
          id={id('repeat')}
          type="password"
          label={t('security.password.repeat')}
          autoComplete="new-password"
          value={repeat}
          error={fields.repeat}
          maxLength={1024}
          onChange={(event) => setRepeat(event.target.value)}
        />
        <Button type="submit" appearance="primary-action-button" busy={busy}>
          {busy ? t('security.form.busy') : t('security.password.submit')}
        </Button>
      </form>
    </>
  );
}
