import { Alert, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormProblem } from './formProblem';

/**
 * What went wrong with a form, at its top: a focusable alert that takes focus when it appears, with a link to
 * each field that has an error, so keyboard and screen reader users hear the problems and can jump to them.
 */
export function ErrorSummary({ problem, fieldId }: { problem: FormProblem; fieldId: (field: string) => string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [problem]);
  const items = Object.entries(problem.fields);
  return (
    <Alert type="error" role="alert" ref={ref} tabIndex={-1} className="lg-alert">
      <Paragraph>
        <strong>{problem.title}</strong>
      </Paragraph>
      {problem.detail && <Paragraph>{problem.detail}</Paragraph>}
      {items.length > 0 && (
        <ul className="lg-admin-error-summary" aria-label={t('manage.form.summaryLabel')}>
          {items.map(([field, message]) => (
            <li key={field}>
              <a
                className="utrecht-link utrecht-link--html-a"
                href={`#${fieldId(field)}`}
                onClick={(event) => {
                  event.preventDefault();
                  document.getElementById(fieldId(field))?.focus();
                }}
              >
                {message}
              </a>
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
