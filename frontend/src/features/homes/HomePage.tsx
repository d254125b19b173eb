import { Heading1, Paragraph } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../components/usePageTitle';

/** The frame every role's home shares: its title, a greeting by name, then what the role has to show. */
export function HomePage({ title, name, children }: { title: string; name: string; children: ReactNode }) {
  const { t } = useTranslation();
  usePageTitle(title);
  return (
    <>
      <Heading1>{title}</Heading1>
      <Paragraph lead>{t('home.greeting', { name })}</Paragraph>
      {children}
    </>
  );
}
