import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormProblem } from '../../components/formProblem';
import { isSixDigits, normaliseCode } from './problems';

/**
 * A form that sends one code from the authenticator app: the code, the check before sending (filled in, six
 * digits), the server's problem and whether it is busy. `submit` sends the normalised code through `send`, which
 * answers the problem to show (the code field is then emptied for the next try) or null when it is done.
 */
export function useCodeForm() {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [clientError, setClientError] = useState<string | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);

  const shown = useMemo<FormProblem | null>(
    () => problem ?? (clientError ? { title: t('security.form.invalid'), fields: { code: t(clientError) } } : null),
    [problem, clientError, t],
  );

  async function submit(event: FormEvent, send: (code: string) => Promise<FormProblem | null>) {
    event.preventDefault();
    if (busy) return;
    setProblem(null);
    const error = code.trim() === '' ? 'security.code.required' : isSixDigits(code) ? null : 'security.code.sixDigits';
    setClientError(error);
    if (error) return;
    setBusy(true);
    try {
      const result = await send(normaliseCode(code));
      if (result) {
        setProblem(result);
        setCode('');
      }
    } finally {
      setBusy(false);
    }
  }

  return { code, setCode, shown, busy, submit };
}
