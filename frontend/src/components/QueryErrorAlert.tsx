import { Alert, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/ApiError';

/** A failed load in words: the server's problem title when it sent one, else what probably went wrong. */
export function QueryErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const title = isApiError(error)
    ? (error.problem?.title ?? t('errors.load.unexpected'))
    : t('errors.load.network');
  const detail = isApiError(error) ? (error.problem?.detail ?? `HTTP ${error.status}`) : undefined;
  return (
    <Alert type="error" role="alert" className="lg-alert">
      <Paragraph>
        <strong>{title}</strong>
      </Paragraph>
      {detail && <Paragraph>{detail}</Paragraph>}
    </Alert>
  );
}
