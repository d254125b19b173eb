import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Me } from '../api/types';
import { Loading } from '../components/Loading';
import { ForbiddenPage } from '../features/errors/ForbiddenPage';
import { hasHome, type HomeKind } from './roles';
import { useSession } from './useSession';

/**
 * Guards a page for signed-in users. Signed-out visitors go to the login page, which sends them back here
 * afterwards.
 */
export function RequireUser({ children }: { children: (user: Me) => ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.status === 'loading') return <Loading />;
  if (session.status === 'signedOut') {
    return <Navigate to="/inloggen" replace state={{ from: location.pathname + location.search + location.hash }} />;
  }
  return children(session.user);
}

/** Guards a role's home: a signed-in user without the role is told so rather than silently redirected. */
export function RequireHome({ kind, children }: { kind: HomeKind; children: (user: Me) => ReactNode }) {
  return <RequireUser>{(user) => (hasHome(user, kind) ? children(user) : <ForbiddenPage />)}</RequireUser>;
}
