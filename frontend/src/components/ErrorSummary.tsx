import { Alert, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormProblem } from './formProblem';

/*
 * What is wrong with a form, at its top: a focusable alert with a link to each field that has an error, so
 * keyboard and screen reader users hear the problems and can jump to them.
 */

export interface SummaryItem {
  /** The DOM id of the field. */
  id: string;
  message: string;
}

/**
 * The summary of a list of field errors, and of reasons that belong to no single field (messages); the form
 * decides when to move focus to it (alertRef).
 */
export function FieldErrorSummary({
  title,
  detail,
  messages = [],
  items,
  alertRef,
}: {
  title: string;
  detail?: string | undefined;
  messages?: string[];
  items: SummaryItem[];
  alertRef?: Ref<HTMLDivElement>;
}) {
  const { t } = useTranslation();
  return (
    <Alert type="error" role="alert" ref={alertRef} tabIndex={-1} className="lg-alert">
      <Paragraph>
        <strong>{title}</strong>
      </Paragraph>
      {detail && <Paragraph>{detail}</Paragraph>}
      {messages.length > 0 && (
        <ul className="lg-error-summary">
          {messages.map((message, index) => (
            <li key={index}>{message}</li>
          ))}
        </ul>
      )}
      {items.length > 0 && (
        <ul className="lg-error-summary" aria-label={t('manage.form.summaryLabel')}>
          {items.map((item) => (
            <li key={item.id}>
              <a
                className="utrecht-link utrecht-link--html-a"
                href={`#${item.id}`}
                onClick={(event) => {
                  event.preventDefault();
                  document.getElementById(item.id)?.focus();
                }}
              >
                {item.message}
              </a>
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}

/** The summary of a FormProblem (the server's field names mapped to DOM ids); takes focus when it appears. */
export function ErrorSummary({ problem, fieldId }: { problem: FormProblem; fieldId: (field: string) => string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [problem]);
  const items = Object.entries(problem.fields).map(([field, message]) => ({ id: fieldId(field), message }));
  return <FieldErrorSummary title={problem.title} detail={problem.detail} items={items} alertRef={ref} />;
}
