import { Heading1, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { RouterLink } from '../../components/RouterLink';
import { usePageTitle } from '../../components/usePageTitle';

export function ForbiddenPage() {
  const { t } = useTranslation();
  usePageTitle(t('errors.forbidden.title'));
  return (
    <>
      <Heading1>{t('errors.forbidden.title')}</Heading1>
      <Paragraph>{t('errors.forbidden.body')}</Paragraph>
      <Paragraph>
        <RouterLink to="/">{t('errors.forbidden.home')}</RouterLink>
      </Paragraph>
    </>
  );
}
