import { Button, NavBar, PageFooter, PageHeader, Paragraph, SkipLink } from '@utrecht/component-library-react';
import { Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate, useNavigationType } from 'react-router';
import { logout } from '../api/client';
import { homePaths, homesFor } from '../auth/roles';
import { useSession } from '../auth/useSession';
import { LanguageSwitch } from './LanguageSwitch';
import { Loading } from './Loading';
import { RouterLink, RouterNavLink } from './RouterLink';

export function Layout() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const navigationType = useNavigationType();
  const mainRef = useRef<HTMLElement>(null);

  // After a link click, move focus to the new page's content so keyboard and screen reader users start there.
  // Not on redirects or the first load: then the skip link must stay the first tab stop. Not when only the query
  // changes (a filter on the same page): focus stays on the control that changed it.
  const shownPath = useRef(pathname);
  useEffect(() => {
    if (shownPath.current === pathname) return;
    shownPath.current = pathname;
    if (navigationType === 'PUSH') mainRef.current?.focus();
  }, [pathname, navigationType]);

  const user = session.status === 'signedIn' ? session.user : null;
  const homes = user ? homesFor(user) : [];

  async function onLogout() {
    const revoked = await logout();
    // If the server could not end the session, its cookie still works in this browser: say so on the login page.
    navigate('/inloggen', { replace: true, state: revoked ? null : { logoutFailed: true } });
  }

  const logo = (
    <RouterLink to="/" className="lg-header__logo">
      <span className="lg-header__name">{t('app.name')}</span>
      <span className="lg-header__tagline">{t('app.tagline')}</span>
    </RouterLink>
  );

  // Until the refresh cookie has answered, show only the logo. Whether a navigation bar, the user's tools and
  // which page follow depends on who is signed in; rendering a guess first would make it all jump down a moment
  // later (a layout shift that readers see and Lighthouse counts).
  if (session.status === 'loading') {
    return (
      <div className="lg-app utrecht-document">
        <PageHeader className="lg-header">
          <div className="lg-header__content">{logo}</div>
        </PageHeader>
      </div>
    );
  }

  return (
    <div className="lg-app utrecht-document">
      <SkipLink href="#main">{t('app.skipLink')}</SkipLink>
      <PageHeader className="lg-header">
        <div className="lg-header__content">
          {logo}
          <div className="lg-header__tools">
            <LanguageSwitch />
            {user && (
              <div className="lg-header__user">
                <Paragraph small className="lg-header__signed-in">
                  {t('nav.signedInAs', { name: user.name })}
                </Paragraph>
                {/* For everyone signed in: who read my data, and a download of all of it (AVG). */}
                <RouterLink to="/mijn-gegevens">{t('myData.nav')}</RouterLink>
                {/* Password, second factor and the devices one is logged in on. */}
                <RouterLink to="/mijn-account/beveiliging">{t('nav.security')}</RouterLink>
                <Button type="button" appearance="secondary-action-button" onClick={() => void onLogout()}>
                  {t('nav.logout')}
                </Button>
              </div>
            )}
          </div>
        </div>
      </PageHeader>
      {homes.length > 0 && (
        <NavBar aria-label={t('nav.label')} className="lg-nav">
          <ul className="utrecht-nav-list" role="list">
            {homes.flatMap((kind) => [
              <li key={kind} className="utrecht-nav-list__item">
                {/* The participant's home is not "current" on "Mijn programma", which has its own nav item. */}
                <RouterNavLink to={homePaths[kind]} end={kind === 'participant'} className="utrecht-nav-list__link">
                  {t(`nav.${kind}`)}
                </RouterNavLink>
              </li>,
              ...(kind === 'participant'
                ? [
                    <li key="programme" className="utrecht-nav-list__item">
                      <RouterNavLink to="/deelnemer/programma" className="utrecht-nav-list__link">
                        {t('programme.nav')}
                      </RouterNavLink>
                    </li>,
                  ]
                : []),
            ])}
          </ul>
        </NavBar>
      )}
      <main id="main" ref={mainRef} tabIndex={-1} className="lg-main">
        {/* Most pages are lazy chunks: while one loads, the header and navigation stay and the page says so. */}
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <PageFooter className="lg-footer">
        <div className="lg-footer__content">
          <Paragraph>{t('footer.organisers')}</Paragraph>
          <Paragraph>
            {/* A plain link: /api/docs/ is a separate page served by the Go binary, not an SPA route. */}
            <a className="utrecht-link utrecht-link--html-a" href="/api/docs/">
              {t('footer.apiDocs')}
            </a>
          </Paragraph>
        </div>
      </PageFooter>
    </div>
  );
}
