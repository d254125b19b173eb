import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect } from 'react';
import { Route, Routes } from 'react-router';
import { refreshSession } from './api/client';
import { forgetEarly } from './api/early';
import { RequireHome, RequireUser } from './auth/RequireHome';
import { getSession, subscribe } from './auth/session';
import { Layout } from './components/Layout';
import { NotFoundPage } from './features/errors/NotFoundPage';
import { ParticipantHome } from './features/homes/ParticipantHome';
import { StartPage } from './features/homes/StartPage';
import { LoginPage } from './features/login/LoginPage';
import { Loading } from './components/Loading';

// The staff's pages, the participant's programme and the public link pages: lazy chunks too, so that the first
// load of a participant's home carries only that home (Lighthouse on a phone counts every kilobyte).
const AttendancePage = lazy(() => import('./features/attendance/AttendancePage').then((m) => ({ default: m.AttendancePage })));
const CohortPage = lazy(() => import('./features/cohorts/CohortPage').then((m) => ({ default: m.CohortPage })));
const OutboxMailPage = lazy(() => import('./features/outbox/OutboxMailPage').then((m) => ({ default: m.OutboxMailPage })));
const OutboxPage = lazy(() => import('./features/outbox/OutboxPage').then((m) => ({ default: m.OutboxPage })));
const ProgrammePage = lazy(() => import('./features/programme/ProgrammePage').then((m) => ({ default: m.ProgrammePage })));
const AdminHome = lazy(() => import('./features/homes/AdminHome').then((m) => ({ default: m.AdminHome })));
// The facilitator's and the reviewer's homes (with the calendar subscription): not part of a participant's first load.
const RoleHome = lazy(() => import('./features/homes/RoleHome').then((m) => ({ default: m.RoleHome })));
const PlannerPage = lazy(() => import('./features/planner/PlannerPage').then((m) => ({ default: m.PlannerPage })));
const SpeakerResponsePage = lazy(() => import('./features/speaker-response/SpeakerResponsePage').then((m) => ({ default: m.SpeakerResponsePage })));
const SpeakersPage = lazy(() => import('./features/speakers/SpeakersPage').then((m) => ({ default: m.SpeakersPage })));
const CohortModulesPage = lazy(() => import('./features/admin/CohortModulesPage').then((m) => ({ default: m.CohortModulesPage })));
const ProgrammesPage = lazy(() => import('./features/admin/ProgrammesPage').then((m) => ({ default: m.ProgrammesPage })));
const RolesPage = lazy(() => import('./features/admin/RolesPage').then((m) => ({ default: m.RolesPage })));
const ParticipantsPage = lazy(() => import('./features/participants/ParticipantsPage').then((m) => ({ default: m.ParticipantsPage })));
const SetPasswordPage = lazy(() => import('./features/password/SetPasswordPage').then((m) => ({ default: m.SetPasswordPage })));
const ManageProgrammePage = lazy(() =>
  import('./features/admin/ProgrammePage').then((m) => ({ default: m.ProgrammePage })),
);

// Coaching, portrait review, people, public portraits and "Mijn gegevens": each page in its own lazy chunk (the
// coaching chart's library only in the chart's), so none of them weighs on the first load.
const CoachingPage = lazy(() => import('./features/coaching/CoachingPage').then((m) => ({ default: m.CoachingPage })));
const ParticipantCoachingPage = lazy(() =>
  import('./features/coaching/ParticipantCoachingPage').then((m) => ({ default: m.ParticipantCoachingPage })),
);
const PortraitReviewPage = lazy(() =>
  import('./features/portrait-review/PortraitReviewPage').then((m) => ({ default: m.PortraitReviewPage })),
);
const PeoplePage = lazy(() => import('./features/people/PeoplePage').then((m) => ({ default: m.PeoplePage })));
const PublicPortraitsPage = lazy(() =>
  import('./features/public-portraits/PublicPortraitsPage').then((m) => ({ default: m.PublicPortraitsPage })),
);
const MyDataPage = lazy(() => import('./features/my-data/MyDataPage').then((m) => ({ default: m.MyDataPage })));
const SecurityPage = lazy(() => import('./features/security/SecurityPage').then((m) => ({ default: m.SecurityPage })));
const ForgotPasswordPage = lazy(() =>
  import('./features/password/ForgotPasswordPage').then((m) => ({ default: m.ForgotPasswordPage })),
);
// The participant's learning work (goals, logbook, shared reflections, portrait): lazy chunks as well.
const GoalsPage = lazy(() => import('./features/goals/GoalsPage').then((m) => ({ default: m.GoalsPage })));
const GoalNewPage = lazy(() => import('./features/goals/GoalNewPage').then((m) => ({ default: m.GoalNewPage })));
const GoalPage = lazy(() => import('./features/goals/GoalPage').then((m) => ({ default: m.GoalPage })));
const LogbookPage = lazy(() => import('./features/reflections/LogbookPage').then((m) => ({ default: m.LogbookPage })));
const NewReflectionPage = lazy(() =>
  import('./features/reflections/NewReflectionPage').then((m) => ({ default: m.NewReflectionPage })),
);
const ReflectionPage = lazy(() => import('./features/reflections/ReflectionPage').then((m) => ({ default: m.ReflectionPage })));
const EditReflectionPage = lazy(() =>
  import('./features/reflections/EditReflectionPage').then((m) => ({ default: m.EditReflectionPage })),
);
const SharedReflectionsPage = lazy(() =>
  import('./features/reflections/SharedReflectionsPage').then((m) => ({ default: m.SharedReflectionsPage })),
);
const PortraitPage = lazy(() => import('./features/portrait/PortraitPage').then((m) => ({ default: m.PortraitPage })));
// Evaluation forms (programme office, facilitators) and answering them (participants): lazy chunks as well.
const TemplatesPage = lazy(() => import('./features/evaluation-forms/TemplatesPage').then((m) => ({ default: m.TemplatesPage })));
const NewFormPage = lazy(() => import('./features/evaluation-forms/BuilderPages').then((m) => ({ default: m.NewFormPage })));
const EditFormPage = lazy(() => import('./features/evaluation-forms/BuilderPages').then((m) => ({ default: m.EditFormPage })));
const CohortFormsPage = lazy(() =>
  import('./features/evaluation-forms/CohortFormsPage').then((m) => ({ default: m.CohortFormsPage })),
);
const EvaluationProgressPage = lazy(() =>
  import('./features/evaluation-forms/ProgressPage').then((m) => ({ default: m.ProgressPage })),
);
const MyEvaluationsPage = lazy(() =>
  import('./features/my-evaluations/MyEvaluationsPage').then((m) => ({ default: m.MyEvaluationsPage })),
);
const MyEvaluationPage = lazy(() =>
  import('./features/my-evaluations/MyEvaluationPage').then((m) => ({ default: m.MyEvaluationPage })),
);
// The evaluation report (A&O-fonds, programme office, facilitators): its own chunk, its charts in another.
const EvaluationReportPage = lazy(() =>
  import('./features/evaluation-report/EvaluationReportPage').then((m) => ({ default: m.EvaluationReportPage })),
);

// The admin's security pages (audit log, a person's sign-in security, retention): lazy chunks with their strings.
const AuditLogPage = lazy(() => import('./features/audit-log/AuditLogPage').then((m) => ({ default: m.AuditLogPage })));
const PersonSecurityPage = lazy(() =>
  import('./features/people/PersonSecurityPage').then((m) => ({ default: m.PersonSecurityPage })),
);
const RetentionPage = lazy(() => import('./features/retention/RetentionPage').then((m) => ({ default: m.RetentionPage })));

export function App() {
  const queryClient = useQueryClient();

  // Restore the session from the httpOnly refresh cookie; a 401 simply means nobody is signed in. The entry
  // (main.tsx) has usually started this already: then there is nothing left to do, or the same request to share.
  useEffect(() => {
    if (getSession().status === 'loading') void refreshSession();
  }, []);

  // Cached API data belongs to whoever was signed in: drop it on sign-out so the next user never sees it.
  useEffect(
    () =>
      subscribe(() => {
        if (getSession().status === 'signedOut') {
          queryClient.clear();
          forgetEarly();
        }
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
        <Route path="wachtwoord-vergeten" element={<Suspense fallback={<Loading />}><ForgotPasswordPage /></Suspense>} />
        {/* Coaching: the cohort's facilitators and admins; the API decides, its 403 becomes the no-access page. */}
        <Route
          path="groepen/:cohortId/coaching"
          element={<RequireUser>{() => <Suspense fallback={<Loading />}><CoachingPage /></Suspense>}</RequireUser>}
        />
        <Route
          path="groepen/:cohortId/coaching/:userId"
          element={<RequireUser>{() => <Suspense fallback={<Loading />}><ParticipantCoachingPage /></Suspense>}</RequireUser>}
        />
        <Route
          path="beheer/portretten"
          element={<RequireHome kind="admin">{() => <Suspense fallback={<Loading />}><PortraitReviewPage /></Suspense>}</RequireHome>}
        />
        <Route
          path="beheer/personen"
          element={<RequireHome kind="admin">{() => <Suspense fallback={<Loading />}><PeoplePage /></Suspense>}</RequireHome>}
        />
        <Route
          path="beheer/personen/:userId/beveiliging"
          element={<RequireHome kind="admin">{() => <Suspense fallback={<Loading />}><PersonSecurityPage /></Suspense>}</RequireHome>}
        />
        <Route
          path="beheer/auditlog"
          element={<RequireHome kind="admin">{() => <Suspense fallback={<Loading />}><AuditLogPage /></Suspense>}</RequireHome>}
        />
        <Route
          path="beheer/bewaartermijnen"
          element={<RequireHome kind="admin">{() => <Suspense fallback={<Loading />}><RetentionPage /></Suspense>}</RequireHome>}
        />
        <Route
          path="mijn-gegevens"
          element={<RequireUser>{() => <Suspense fallback={<Loading />}><MyDataPage /></Suspense>}</RequireUser>}
        />
        <Route
          path="mijn-account/beveiliging"
          element={<RequireUser>{(user) => <Suspense fallback={<Loading />}><SecurityPage user={user} /></Suspense>}</RequireUser>}
        />
        {/* Public: published portraits need no account. */}
        <Route path="portretten/:slug" element={<Suspense fallback={<Loading />}><PublicPortraitsPage /></Suspense>} />
        {/* The participant's own learning work; a reflection's page is also for those it is shared with. */}
        <Route
          path="deelnemer/leerdoelen"
          element={<RequireHome kind="participant">{(user) => <Suspense fallback={<Loading />}><GoalsPage user={user} /></Suspense>}</RequireHome>}
        />
        <Route
          path="deelnemer/leerdoelen/nieuw"
          element={<RequireHome kind="participant">{(user) => <Suspense fallback={<Loading />}><GoalNewPage user={user} /></Suspense>}</RequireHome>}
        />
        <Route
          path="deelnemer/leerdoelen/:goalId"
          element={<RequireHome kind="participant">{(user) => <Suspense fallback={<Loading />}><GoalPage user={user} /></Suspense>}</RequireHome>}
        />
        <Route
          path="deelnemer/logboek"
          element={<RequireHome kind="participant">{(user) => <Suspense fallback={<Loading />}><LogbookPage user={user} /></Suspense>}</RequireHome>}
        />
        <Route
          path="deelnemer/logboek/nieuw"
          element={
            <RequireHome kind="participant">{(user) => <Suspense fallback={<Loading />}><NewReflectionPage user={user} /></Suspense>}</RequireHome>
          }
        />
        <Route
          path="deelnemer/portret"
          element={<RequireHome kind="participant">{(user) => <Suspense fallback={<Loading />}><PortraitPage user={user} /></Suspense>}</RequireHome>}
        />
        <Route
          path="reflecties/:reflectionId"
          element={<RequireUser>{() => <Suspense fallback={<Loading />}><ReflectionPage /></Suspense>}</RequireUser>}
        />
        <Route
          path="reflecties/:reflectionId/bewerken"
          element={<RequireUser>{(user) => <Suspense fallback={<Loading />}><EditReflectionPage user={user} /></Suspense>}</RequireUser>}
        />
        <Route
          path="groepen/:cohortId/reflecties"
          element={<RequireUser>{(user) => <Suspense fallback={<Loading />}><SharedReflectionsPage user={user} /></Suspense>}</RequireUser>}
        />
        {/* Admins and the programme's reviewers (?groep= optional), facilitators for their cohort; the API decides. */}
        <Route
          path="leergangen/:programmeId/evaluatierapport"
          element={<RequireUser>{(user) => <Suspense fallback={<Loading />}><EvaluationReportPage user={user} /></Suspense>}</RequireUser>}
        />
        {/* Evaluation forms: templates and the builder for admins; a cohort's forms and progress for its
            facilitators and admins (the API decides, its 403 becomes the no-access page); answering for participants. */}
        <Route
          path="beheer/leergangen/:programmeId/evaluaties"
          element={<RequireHome kind="admin">{() => <Suspense fallback={<Loading />}><TemplatesPage /></Suspense>}</RequireHome>}
        />
        <Route
          path="beheer/leergangen/:programmeId/evaluaties/nieuw"
          element={<RequireHome kind="admin">{() => <Suspense fallback={<Loading />}><NewFormPage /></Suspense>}</RequireHome>}
        />
        <Route
          path="beheer/evaluatieformulieren/:formId"
          element={<RequireHome kind="admin">{() => <Suspense fallback={<Loading />}><EditFormPage /></Suspense>}</RequireHome>}
        />
        <Route
          path="groepen/:cohortId/evaluaties"
          element={<RequireUser>{(user) => <Suspense fallback={<Loading />}><CohortFormsPage user={user} /></Suspense>}</RequireUser>}
        />
        <Route
          path="groepen/:cohortId/evaluaties/:formId"
          element={<RequireUser>{() => <Suspense fallback={<Loading />}><EvaluationProgressPage /></Suspense>}</RequireUser>}
        />
        <Route
          path="evaluaties"
          element={<RequireUser>{() => <Suspense fallback={<Loading />}><MyEvaluationsPage /></Suspense>}</RequireUser>}
        />
        <Route
          path="evaluaties/:formId"
          element={<RequireUser>{() => <Suspense fallback={<Loading />}><MyEvaluationPage /></Suspense>}</RequireUser>}
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
