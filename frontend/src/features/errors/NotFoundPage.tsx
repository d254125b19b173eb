import { Heading1, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { RouterLink } from '../../components/RouterLink';
import { usePageTitle } from '../../components/usePageTitle';

export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('errors.notFound.title'));
  return (
    <>
      <Heading1>{t('errors.notFound.title')}</Heading1>
      <Paragraph>{t('errors.notFound.body')}</Paragraph>
      <Paragraph>
        <RouterLink to="/">{t('errors.notFound.home')}</RouterLink>
      </Paragraph>
    </>
  );
}
