import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Route, Routes } from 'react-router';
import { refreshSession } from './api/client';
import { RequireHome, RequireUser } from './auth/RequireHome';
import { getSession, subscribe } from './auth/session';
import { Layout } from './components/Layout';
import { CohortPage } from './features/cohorts/CohortPage';
import { NotFoundPage } from './features/errors/NotFoundPage';
import { AdminHome } from './features/homes/AdminHome';
import { ParticipantHome } from './features/homes/ParticipantHome';
import { RoleHome } from './features/homes/RoleHome';
import { StartPage } from './features/homes/StartPage';
import { LoginPage } from './features/login/LoginPage';

export function App() {
  const queryClient = useQueryClient();

  // Restore the session from the httpOnly refresh cookie; a 401 simply means nobody is signed in.
  useEffect(() => {
    void refreshSession();
  }, []);

  // Cached API data belongs to whoever was signed in: drop it on sign-out so the next user never sees it.
  useEffect(
    () =>
      subscribe(() => {
        if (getSession().status === 'signedOut') queryClient.clear();
      }),
    [queryClient],
  );

  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<StartPage />} />
        <Route path="inloggen" element={<LoginPage />} />
        <Route
          path="deelnemer"
          element={<RequireHome kind="participant">{(user) => <ParticipantHome user={user} />}</RequireHome>}
        />
        <Route
          path="begeleider"
          element={<RequireHome kind="facilitator">{(user) => <RoleHome user={user} role="facilitator" />}</RequireHome>}
        />
        <Route
          path="fonds"
          element={<RequireHome kind="reviewer">{(user) => <RoleHome user={user} role="reviewer" />}</RequireHome>}
        />
        <Route path="beheer" element={<RequireHome kind="admin">{(user) => <AdminHome user={user} />}</RequireHome>} />
        <Route path="groepen/:cohortId" element={<RequireUser>{() => <CohortPage />}</RequireUser>} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
