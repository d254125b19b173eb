import '../../i18n/staff';
import { Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../api/types';
import { GrantList } from '../../components/GrantList';
import { RouterLink } from '../../components/RouterLink';
import { AdminLinks } from '../admin/AdminLinks';
import { HomePage } from './HomePage';

export function AdminHome({ user }: { user: Me }) {
  const { t } = useTranslation();
  return (
    <HomePage title={t('home.admin.title')} name={user.name}>
      <Paragraph>{t('home.admin.intro')}</Paragraph>
      <Paragraph>
        <RouterLink to="/beheer/mail">{t('outbox.adminLink')}</RouterLink>
      </Paragraph>
      <Paragraph>
        <RouterLink to="/beheer/portretten">{t('portraitReview.adminLink')}</RouterLink>
      </Paragraph>
      <Paragraph>
        <RouterLink to="/beheer/personen">{t('people.adminLink')}</RouterLink>
      </Paragraph>
      <AdminLinks />
      {user.grants.length > 0 && (
        <>
          <Paragraph>{t('home.admin.otherRoles')}</Paragraph>
          {/* An admin may open any cohort, whatever role the grant itself is for. */}
          <GrantList grants={user.grants} showRole linkCohorts />
        </>
      )}
    </HomePage>
  );
}
