import '../../i18n/admin-security';
import { Heading2 } from '@utrecht/component-library-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterLink } from '../../components/RouterLink';

/**
 * On the admin home: the ways into the audit log and the retention overview. Loaded lazily with its strings
 * (lazyLinks.tsx), so the home's first download does not carry them.
 */
export function AdminSecurityLinks() {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <nav aria-labelledby={headingId} className="lg-section">
      <Heading2 id={headingId}>{t('adminSecurity.links.heading')}</Heading2>
      <ul className="lg-link-list">
        <li>
          <RouterLink to="/beheer/auditlog">{t('adminSecurity.links.auditLog')}</RouterLink>
        </li>
        <li>
          <RouterLink to="/beheer/bewaartermijnen">{t('adminSecurity.links.retention')}</RouterLink>
        </li>
      </ul>
    </nav>
  );
}
