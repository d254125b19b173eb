package httpapi

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/vgs/leergang/internal/audit"
	"github.com/vgs/leergang/internal/evaluation"
	"github.com/vgs/leergang/internal/goals"
	"github.com/vgs/leergang/internal/identity"
	"github.com/vgs/leergang/internal/mail"
	"github.com/vgs/leergang/internal/planning"
	"github.com/vgs/leergang/internal/portraits"
	"github.com/vgs/leergang/internal/privacy"
	"github.com/vgs/leergang/internal/reflections"
	"github.com/vgs/leergang/internal/retention"
)

// registerRoutes is the whole API at a glance. Every /api/v1 route is described in api/openapi.yaml; a test
// fails when one is not.
func registerRoutes(e *echo.Echo, d Deps) {
	e.GET("/healthz", healthz)
	e.GET("/readyz", readyz(d.DB))

	v1 := e.Group("/api/v1")
	v1.GET("/openapi.yaml", func(c echo.Context) error {
		c.Response().Header().Set(echo.HeaderCacheControl, "no-cache")
		return c.Blob(http.StatusOK, "application/yaml", d.OpenAPI)
	})

	// Endpoints that take a secret from anyone are limited per client address (see ratelimit.Defaults).
	limits := d.Limits.Config()
	auth := identity.NewHandlers(d.Identity, d.Config.CookieSecure)
	cookieAuth := v1.Group("/auth", sameOrigin(d.Config.BaseURL, d.Config.CORSOrigins))
	cookieAuth.POST("/login", auth.Login, d.Limits.PerIP(limits.LoginPerIP))
	cookieAuth.POST("/refresh", auth.Refresh, d.Limits.PerIP(limits.RefreshPerIP))
	cookieAuth.POST("/logout", auth.Logout)
	cookieAuth.POST("/second-factor", auth.VerifySecondFactor, d.Limits.PerIP(limits.SecondFactorPerIP))
	cookieAuth.POST("/second-factor/enrolment", auth.StartLoginEnrolment, d.Limits.PerIP(limits.SecondFactorPerIP))
	cookieAuth.POST("/second-factor/enrolment/confirm", auth.ConfirmLoginEnrolment, d.Limits.PerIP(limits.SecondFactorPerIP))

	user := v1.Group("", requireUser(d.Identity))
	// Creating requests and one-way actions (cancel, withdraw, submit, approve …) take an optional Idempotency-Key:
	// a retry with it gets the first answer, and nothing is done twice (idempotency.go; the operations declare the
	// IdempotencyKey parameter in the spec). Not guarded: answers that carry a secret (second-factor set-up,
	// recovery codes, the calendar link), which must not be stored, and requests that are harmless to repeat.
	once := idempotent(d.DB, d.Log)
	user.GET("/me", auth.Me)
	user.GET("/me/second-factor", auth.MySecondFactor)
	user.POST("/me/second-factor", auth.EnableMySecondFactor)
	user.POST("/me/second-factor/enrolment", auth.StartMyEnrolment)
	user.POST("/me/second-factor/disable", auth.DisableMySecondFactor)
	user.POST("/me/second-factor/recovery-codes", auth.RegenerateMyRecoveryCodes)
	user.GET("/admin/users/:userID/security", auth.UserSecurity)
	user.POST("/admin/users/:userID/second-factor/reset", auth.ResetUserSecondFactor)
	sessions := identity.NewSessionHandlers(d.Identity, d.Config.CookieSecure, d.Config.BaseURL)
	user.POST("/me/password", sessions.ChangePassword)
	user.GET("/me/sessions", sessions.List)
	user.DELETE("/me/sessions/:loginSessionID", sessions.Revoke)
	user.POST("/me/sessions/revoke-others", sessions.RevokeOthers)

	plan := planning.NewHandlers(d.Planning, d.Config.BaseURL)
	user.GET("/cohorts/:cohortID", plan.Cohort)
	user.GET("/me/calendar-feed", plan.CalendarFeedStatus)
	user.POST("/me/calendar-feed", plan.ResetCalendarFeed)
	v1.GET("/calendar/:file", plan.CalendarICS) // the secret in the URL is the credential
	user.GET("/sessions/:sessionID/attendance", plan.SessionAttendance)
	user.PUT("/sessions/:sessionID/attendance", plan.RecordAttendance)
	user.GET("/cohorts/:cohortID/attendance", plan.CohortAttendance)
	user.GET("/me/attendance", plan.MyAttendance)

	// Sessions, the speaker directory and speaker bookings (the planner).
	user.GET("/cohorts/:cohortID/sessions", plan.CohortSessions)
	user.POST("/cohorts/:cohortID/sessions", plan.CreateSession, once)
	user.GET("/sessions/:sessionID", plan.Session)
	user.PATCH("/sessions/:sessionID", plan.UpdateSession)
	user.POST("/sessions/:sessionID/cancel", plan.CancelSession, once)
	user.GET("/programmes/:programmeID/speakers", plan.ProgrammeSpeakers)
	user.POST("/programmes/:programmeID/speakers", plan.CreateSpeaker, once)
	user.GET("/speakers/:speakerID", plan.Speaker)
	user.PATCH("/speakers/:speakerID", plan.UpdateSpeaker)
	bookings := planning.NewBookingHandlers(d.Planning,
		planning.SpeakerLinks{Keys: d.Identity.SigningKeys(), BaseURL: d.Config.BaseURL})
	user.POST("/sessions/:sessionID/bookings", bookings.Book, once)
	user.POST("/bookings/:bookingID/cancel", bookings.Cancel, once)
	v1.GET("/speaker-invitations/:token", bookings.Invitation, d.Limits.PerIP(limits.SpeakerLinkPerIP)) // the signed link is the credential
	v1.POST("/speaker-invitations/:token", bookings.Respond, d.Limits.PerIP(limits.SpeakerLinkPerIP))

	// Programmes, cohorts, roles and enrolments (the programme office and facilitators).
	user.GET("/programmes", plan.Programmes)
	user.POST("/programmes", plan.CreateProgramme, once)
	user.GET("/programmes/:programmeID", plan.Programme)
	user.PATCH("/programmes/:programmeID", plan.UpdateProgramme)
	user.GET("/programmes/:programmeID/cohorts", plan.ProgrammeCohorts)
	user.POST("/programmes/:programmeID/cohorts", plan.CreateCohort, once)
	user.PATCH("/cohorts/:cohortID", plan.UpdateCohort)
	user.POST("/cohorts/:cohortID/status", plan.ChangeCohortStatus, once)
	user.GET("/cohorts/:cohortID/modules", plan.CohortModules)
	user.PUT("/cohorts/:cohortID/modules", plan.ReplaceCohortModules)
	user.GET("/programmes/:programmeID/grants", plan.Grants)
	user.POST("/programmes/:programmeID/grants", plan.Grant, once)
	user.DELETE("/grants/:grantID", plan.Revoke)
	user.GET("/cohorts/:cohortID/participants", plan.Participants)
	user.POST("/cohorts/:cohortID/participants", plan.Enrol, once)
	user.POST("/cohorts/:cohortID/participants/import", plan.ImportParticipants, once)
	user.POST("/enrolments/:enrolmentID/withdraw", plan.Withdraw, once)
	user.POST("/enrolments/:enrolmentID/invitation", plan.ResendInvitation, once)
	accounts := identity.NewAccountHandlers(d.Identity, d.Config.BaseURL)
	user.GET("/users", accounts.SearchPeople)
	user.POST("/users", accounts.CreatePerson, once)
	v1.POST("/auth/invitation", accounts.LookupInvitation, d.Limits.PerIP(limits.SetPasswordPerIP)) // the token in the body is the credential
	v1.POST("/auth/set-password", accounts.SetPassword, d.Limits.PerIP(limits.SetPasswordPerIP))
	v1.POST("/auth/password-reset", accounts.RequestPasswordReset, d.Limits.PerIP(limits.PasswordResetPerIP))

	outbox := mail.NewHandlers(d.Mail)
	user.GET("/admin/outbox", outbox.List)
	user.GET("/admin/outbox/:mailID", outbox.Get)

	// Learning goals, coaching and the framework they refer to.
	goal := goals.NewHandlers(d.Goals)
	user.GET("/cohorts/:cohortID/framework", goal.Framework)
	user.POST("/cohorts/:cohortID/goals", goal.CreateGoal, once)
	user.GET("/cohorts/:cohortID/participants/:userID/goals", goal.ParticipantGoals)
	user.GET("/cohorts/:cohortID/goal-aspects", goal.AspectCoverage)
	user.GET("/cohorts/:cohortID/coaching", goal.CoachingOverview)
	user.GET("/goals/:goalID", goal.Goal)
	user.PATCH("/goals/:goalID", goal.UpdateGoal)
	user.DELETE("/goals/:goalID", goal.DeleteGoal)
	user.POST("/goals/:goalID/steps", goal.AddStep, once)
	user.PATCH("/goals/:goalID/steps/:stepID", goal.UpdateStep)
	user.DELETE("/goals/:goalID/steps/:stepID", goal.DeleteStep)

	// Reflections (the logbook) and their comments.
	refl := reflections.NewHandlers(d.Reflections)
	user.GET("/me/reflections", refl.MyReflections)
	user.GET("/cohorts/:cohortID/reflections", refl.SharedReflections)
	user.POST("/cohorts/:cohortID/reflections", refl.CreateReflection, once)
	user.GET("/reflections/:reflectionID", refl.Reflection)
	user.PATCH("/reflections/:reflectionID", refl.UpdateReflection)
	user.DELETE("/reflections/:reflectionID", refl.DeleteReflection)
	user.POST("/reflections/:reflectionID/comments", refl.AddComment, once)
	user.PATCH("/reflections/:reflectionID/comments/:commentID", refl.UpdateComment)
	user.DELETE("/reflections/:reflectionID/comments/:commentID", refl.DeleteComment)

	// Portraits: written by participants, approved by admins, public once published.
	portrait := portraits.NewHandlers(d.Portraits)
	user.GET("/cohorts/:cohortID/portrait", portrait.MyPortrait)
	user.PUT("/cohorts/:cohortID/portrait", portrait.SaveMyPortrait)
	user.POST("/cohorts/:cohortID/portrait/submit", portrait.SubmitMyPortrait, once)
	user.POST("/cohorts/:cohortID/portrait/withdraw", portrait.WithdrawMyPortrait, once)
	user.GET("/admin/portraits", portrait.ReviewList)
	user.POST("/admin/portraits/:portraitID/approve", portrait.Approve, once)
	user.POST("/admin/portraits/:portraitID/reject", portrait.Reject, once)
	v1.GET("/public/programmes/:slug/portraits", portrait.PublicPortraits) // public: no login

	// Privacy: the access log, the personal data export, erasure.
	priv := privacy.NewHandlers(d.Privacy)
	user.GET("/me/access-log", priv.AccessLog)
	user.GET("/me/export", priv.Export)
	user.GET("/me/export/document", priv.ExportDocument)
	user.POST("/admin/users/:userID/erase", priv.Erase)
	// The audit log for admins, and the retention of archived cohorts' goals and reflections.
	user.GET("/admin/audit-log", audit.NewHandlers(audit.NewSearcher(d.DB)).Search)
	user.GET("/admin/retention", retention.NewHandlers(retention.NewService(d.DB, retention.OptionsFrom(d.Config))).Overview)
	user.POST("/admin/users/:userID/sessions/revoke", sessions.RevokeUser)

	// Evaluation forms: templates written by the programme office, read by the programme's facilitators.
	evalForms := evaluation.NewHandlers(d.Evaluation, d.Config.BaseURL)
	user.GET("/programmes/:programmeID/evaluation-templates", evalForms.Templates)
	user.POST("/programmes/:programmeID/evaluation-templates", evalForms.CreateTemplate, once)
	user.GET("/evaluation-forms/:formID", evalForms.Form)
	user.PUT("/evaluation-forms/:formID", evalForms.UpdateForm)
	user.DELETE("/evaluation-forms/:formID", evalForms.DeleteForm)
	user.POST("/evaluation-forms/:formID/revisions", evalForms.ReviseTemplate, once)
	// Attached to a cohort, a module or a session; facilitators follow the response rate and remind.
	user.GET("/cohorts/:cohortID/evaluation-forms", evalForms.CohortForms)
	user.POST("/cohorts/:cohortID/evaluation-forms", evalForms.AttachForm, once)
	user.PUT("/evaluation-forms/:formID/period", evalForms.SetPeriod)
	user.GET("/evaluation-forms/:formID/progress", evalForms.Progress)
	user.POST("/evaluation-forms/:formID/reminders", evalForms.Remind, once)
	// Participants answer: drafts while typing, one submission stored without a link to them.
	user.GET("/me/evaluations", evalForms.MyEvaluations)
	user.GET("/me/evaluations/:formID", evalForms.MyEvaluation)
	user.PUT("/me/evaluations/:formID/draft", evalForms.SaveDraft)
	user.POST("/me/evaluations/:formID/submission", evalForms.Submit)
	// Aggregates for reviewers, admins and (their cohort) facilitators; files to take into one's own records.
	user.GET("/programmes/:programmeID/evaluation-report", evalForms.Report)
	user.GET("/programmes/:programmeID/evaluation-report/export/:format", evalForms.ExportReport)

	// Unknown API paths are a problem+json 404, never the SPA's index.html.
	v1.Any("/*", func(c echo.Context) error { return echo.ErrNotFound })
	// Metrics are only on LEERGANG_METRICS_ADDR; a scraper pointed at the public port gets a 404, not the SPA.
	e.Any("/metrics", func(c echo.Context) error { return echo.ErrNotFound })

	e.GET("/*", spaHandler(d.SPA))
	e.HEAD("/*", spaHandler(d.SPA))
}
