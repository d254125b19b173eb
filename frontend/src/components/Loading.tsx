import { Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';

/** A polite live region: screen readers hear that something is loading without losing their place. */
export function Loading() {
  const { t } = useTranslation();
  return (
    <Paragraph role="status" aria-live="polite">
      {t('app.loading')}
    </Paragraph>
  );
}
