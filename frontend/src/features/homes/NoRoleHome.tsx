import { Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../api/types';
import { HomePage } from './HomePage';

/** An account that exists but has not been given a role in any programme yet. */
export function NoRoleHome({ user }: { user: Me }) {
  const { t } = useTranslation();
  return (
    <HomePage title={t('home.noRole.title')} name={user.name}>
      <Paragraph>{t('home.noRole.intro')}</Paragraph>
    </HomePage>
  );
}
