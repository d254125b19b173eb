import { Navigate } from 'react-router';
import { homePathFor } from '../../auth/roles';
import { useSession } from '../../auth/useSession';
import { Loading } from '../../components/Loading';
import { NoRoleHome } from './NoRoleHome';

/** "/" has no page of its own: it sends each user to their home, or to the login page. */
export function StartPage() {
  const session = useSession();
  if (session.status === 'loading') return <Loading />;
  if (session.status === 'signedOut') return <Navigate to="/inloggen" replace />;
  const home = homePathFor(session.user);
  return home ? <Navigate to={home} replace /> : <NoRoleHome user={session.user} />;
}
