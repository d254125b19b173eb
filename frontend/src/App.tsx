import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Route, Routes } from 'react-router';
import { refreshSession } from './api/client';
import { RequireHome, RequireUser } from './auth/RequireHome';
import { getSession, subscribe } from './auth/session';
import { Layout } from './components/Layout';
import { AttendancePage } from './features/attendance/AttendancePage';
import { CohortPage } from './features/cohorts/CohortPage';
import { OutboxMailPage } from './features/outbox/OutboxMailPage';
import { OutboxPage } from './features/outbox/OutboxPage';
import { ProgrammePage } from './features/programme/ProgrammePage';
import { NotFoundPage } from './features/errors/NotFoundPage';
import { AdminHome } from './features/homes/AdminHome';
import { ParticipantHome } from './features/homes/ParticipantHome';
import { RoleHome } from './features/homes/RoleHome';
import { StartPage } from './features/homes/StartPage';
import { LoginPage } from './features/login/LoginPage';
import { PlannerPage } from './features/planner/PlannerPage';
import { SpeakerResponsePage } from './features/speaker-response/SpeakerResponsePage';
import { SpeakersPage } from './features/speakers/SpeakersPage';
import { CohortModulesPage } from './features/admin/CohortModulesPage';
import { ProgrammePage as ManageProgrammePage } from './features/admin/ProgrammePage';
import { ProgrammesPage } from './features/admin/ProgrammesPage';
import { RolesPage } from './features/admin/RolesPage';
import { ParticipantsPage } from './features/participants/ParticipantsPage';
import { SetPasswordPage } from './features/password/SetPasswordPage';

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
        <Route path="groepen/:cohortId/aanwezigheid" element={<RequireUser>{() => <AttendancePage />}</RequireUser>} />
        <Route path="groepen/:cohortId/planning" element={<RequireUser>{(user) => <PlannerPage user={user} />}</RequireUser>} />
        <Route path="leergangen/:programmeId/sprekers" element={<RequireUser>{(user) => <SpeakersPage user={user} />}</RequireUser>} />
        {/* Public: speakers answer their invitation without an account; the signed link is the key. */}
        <Route path="spreker/uitnodiging" element={<SpeakerResponsePage />} />
        <Route
          path="deelnemer/programma"
          element={<RequireHome kind="participant">{(user) => <ProgrammePage user={user} />}</RequireHome>}
        />
        <Route path="beheer/mail" element={<RequireHome kind="admin">{() => <OutboxPage />}</RequireHome>} />
        <Route path="beheer/mail/:mailId" element={<RequireHome kind="admin">{() => <OutboxMailPage />}</RequireHome>} />
        <Route path="beheer/leergangen" element={<RequireHome kind="admin">{() => <ProgrammesPage />}</RequireHome>} />
        <Route
          path="beheer/leergangen/:programmeId"
          element={<RequireHome kind="admin">{() => <ManageProgrammePage />}</RequireHome>}
        />
        <Route path="beheer/leergangen/:programmeId/rollen" element={<RequireHome kind="admin">{() => <RolesPage />}</RequireHome>} />
        {/* For the cohort's facilitators and admins: the API decides, its 403 becomes the no-access page. */}
        <Route path="groepen/:cohortId/deelnemers" element={<RequireUser>{() => <ParticipantsPage />}</RequireUser>} />
        <Route path="groepen/:cohortId/modules" element={<RequireUser>{() => <CohortModulesPage />}</RequireUser>} />
        {/* Public: the link from an invitation mail; the token in it is the key. */}
        <Route path="wachtwoord-instellen" element={<SetPasswordPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
