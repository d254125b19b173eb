import { useEffect } from 'react';
import { Route, Routes } from 'react-router';
import { refreshSession } from './api/client';
import { RequireHome } from './auth/RequireHome';
import { Layout } from './components/Layout';
import { NotFoundPage } from './features/errors/NotFoundPage';
import { AdminHome } from './features/homes/AdminHome';
import { RoleHome } from './features/homes/RoleHome';
import { StartPage } from './features/homes/StartPage';
import { LoginPage } from './features/login/LoginPage';

export function App() {
  // Restore the session from the httpOnly refresh cookie; a 401 simply means nobody is signed in.
  useEffect(() => {
    void refreshSession();
  }, []);

  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<StartPage />} />
        <Route path="inloggen" element={<LoginPage />} />
        <Route
          path="deelnemer"
          element={<RequireHome kind="participant">{(user) => <RoleHome user={user} role="participant" />}</RequireHome>}
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
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
