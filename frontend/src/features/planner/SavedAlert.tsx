import '../../i18n/staff';
import { Alert, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Warning } from './types';

/** What the last action did, shown where it was done. */
export interface Outcome {
  /** The session the action was about, or "new" for the new-session form. */
  at: string;
  kind: 'ok' | 'error';
  title: string;
  detail?: string | undefined;
  warnings: Warning[];
}

/**
 * The answer to saving: done, done with warnings (conflicts never block saving), or failed. It takes focus when it
 * appears, so keyboard and screen reader users learn the result where they are.
 */
export function SavedAlert({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [outcome]);
  const type = outcome.kind === 'error' ? 'error' : outcome.warnings.length > 0 ? 'warning' : 'ok';
  return (
    <Alert type={type} role={type === 'ok' ? 'status' : 'alert'} ref={ref} tabIndex={-1} className="lg-alert lg-saved-alert">
      <Paragraph>
        <strong>{outcome.title}</strong>
      </Paragraph>
      {outcome.detail && <Paragraph>{outcome.detail}</Paragraph>}
      {outcome.warnings.length > 0 && (
        <>
          <Paragraph>{t('planner.warnings.intro')}</Paragraph>
          <ul className="lg-warning-list">
            {outcome.warnings.map((warning, index) => (
              <li key={`${warning.kind}-${index}`}>{warning.message}</li>
            ))}
          </ul>
        </>
      )}
    </Alert>
  );
}
