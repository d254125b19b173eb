import '../../i18n/staff';
import { Heading2 } from '@utrecht/component-library-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterLink } from '../../components/RouterLink';
import { AdminSecurityLinks } from '../audit-log/lazyLinks';

/** The programme office's way into Beheer, shown on the admin home. */
export function AdminLinks() {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <>
      <nav aria-labelledby={headingId} className="lg-section">
        <Heading2 id={headingId}>{t('manage.home.title')}</Heading2>
        <ul className="lg-link-list">
          <li>
            <RouterLink to="/beheer/leergangen">{t('manage.home.programmes')}</RouterLink>
          </li>
        </ul>
      </nav>
      <AdminSecurityLinks />
    </>
  );
}
