import '../../i18n/security';
import '../coaching/staff.css';
import './security.css';
import { Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../api/types';
import { usePageTitle } from '../../components/usePageTitle';
import { PasswordSection } from './PasswordSection';
import { SecondFactorSection } from './SecondFactorSection';
import { SessionsSection } from './SessionsSection';

/**
 * /mijn-account/beveiliging, for everyone signed in: change the password, turn the second factor on or off (or
 * see that it is required), new recovery codes, and the devices one is logged in on, to end any of them.
 */
export function SecurityPage({ user }: { user: Me }) {
  const { t } = useTranslation();
  usePageTitle(t('security.page.title'));
  const passwordId = useId();
  const factorId = useId();
  const sessionsId = useId();
  return (
    <div className="lg-security">
      <Heading1>{t('security.page.title')}</Heading1>
      <Paragraph lead>{t('security.page.intro')}</Paragraph>
      <section aria-labelledby={passwordId} className="lg-section">
        <Heading2 id={passwordId} className="lg-section__heading">
          {t('security.password.heading')}
        </Heading2>
        <PasswordSection user={user} />
      </section>
      <section aria-labelledby={factorId} className="lg-section">
        <Heading2 id={factorId} className="lg-section__heading">
          {t('security.factor.heading')}
        </Heading2>
        <SecondFactorSection user={user} />
      </section>
      <section aria-labelledby={sessionsId} className="lg-section">
        <Heading2 id={sessionsId} className="lg-section__heading">
          {t('security.sessions.heading')}
        </Heading2>
        <SessionsSection />
      </section>
    </div>
  );
}
