package privacy

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/audit"
)

// ExportFormat names the layout of the export file, so that a later layout can be told apart.
const ExportFormat = "leergang-personal-data/1"

// Export is everything Leergang holds about one person (AVG art. 15 and 20). What they answered in evaluations
// is not in it: those answers are stored without any link to a person, so nobody can find them, the person
// included. Secrets (password hash, token hashes, the calendar-feed secret) are left out. Nested lists are read
// by queries of their own, hence gorm:"-" on them.
type Export struct {
	Format              string               `json:"format"`
	ExportedAt          time.Time            `json:"exportedAt"`
	Account             Account              `json:"account"`
	Roles               []Role               `json:"roles"`
	Enrolments          []Enrolment          `json:"enrolments"`
	Goals               []Goal               `json:"goals"`
	Reflections         []Reflection         `json:"reflections"`
	Comments            []OwnComment         `json:"comments"`
	Portraits           []Portrait           `json:"portraits"`
	Attendance          []Attendance         `json:"attendance"`
	EvaluationsAnswered []EvaluationAnswered `json:"evaluationsAnswered"`
	EvaluationDrafts    []EvaluationDraft    `json:"evaluationDrafts"`
	Logins              []Login              `json:"logins"`
	CalendarFeed        *CalendarFeed        `json:"calendarFeed"`
	Invitations         []Invitation         `json:"invitations"`
	Mails               []Mail               `json:"mails"`
	AccessLog           []AccessLogEntry     `json:"accessLog"`
}

// Account is the user row, without the password hash.
type Account struct {
	ID          uuid.UUID `json:"id"`
	Email       string    `json:"email"`
	Name        string    `json:"name"`
	IsAdmin     bool      `json:"isAdmin"`
	Locale      string    `json:"locale"`
	PasswordSet bool      `json:"passwordSet"`
	CreatedAt   time.Time `json:"createdAt"`
	UpdatedAt   time.Time `json:"updatedAt"`

	// SecondFactorEnabledAt is when the authenticator app in use was set up; nil while off.
	SecondFactorEnabled   bool       `json:"secondFactorEnabled"`
	SecondFactorEnabledAt *time.Time `json:"secondFactorEnabledAt"`
}

// Role is a facilitator or reviewer grant; being a participant is an enrolment.
type Role struct {
	Role          string     `json:"role"`
	ProgrammeID   uuid.UUID  `json:"programmeId"`
	ProgrammeName string     `json:"programmeName"`
	CohortID      *uuid.UUID `json:"cohortId"`
	CohortName    *string    `json:"cohortName"`
	GrantedAt     time.Time  `json:"grantedAt"`
}

// Enrolment is taking part in a cohort, with the elective options chosen there.
type Enrolment struct {
	ID            uuid.UUID      `json:"id"`
	CohortID      uuid.UUID      `json:"cohortId"`
	CohortName    string         `json:"cohortName"`
	ProgrammeName string         `json:"programmeName"`
	Status        string         `json:"status"`
	Gemeente      string         `json:"gemeente"`
	JobTitle      string         `json:"jobTitle"`
	EnrolledAt    time.Time      `json:"enrolledAt"`
	WithdrawnAt   *time.Time     `json:"withdrawnAt"`
	ModuleChoices []ModuleChoice `json:"moduleChoices" gorm:"-"`
}

// ModuleChoice is an elective option chosen in a module.
type ModuleChoice struct {
	ModuleTitle string    `json:"moduleTitle"`
	OptionTitle string    `json:"optionTitle"`
	ChosenAt    time.Time `json:"chosenAt"`
}

// Goal is a learning goal with its framework aspects and steps.
type Goal struct {
	ID              uuid.UUID  `json:"id"`
	CohortID        uuid.UUID  `json:"cohortId"`
	CohortName      string     `json:"cohortName"`
	ModuleID        *uuid.UUID `json:"moduleId"`
	ModuleTitle     *string    `json:"moduleTitle"`
	Title           string     `json:"title"`
	Description     string     `json:"description"`
	SuccessCriteria string     `json:"successCriteria"`
	Status          string     `json:"status"`
	TargetDate      *string    `json:"targetDate"`
	AspectKeys      []string   `json:"aspectKeys" gorm:"-"`
	Steps           []Step     `json:"steps" gorm:"-"`
	CreatedAt       time.Time  `json:"createdAt"`
	UpdatedAt       time.Time  `json:"updatedAt"`
}

// Step is one small step of a goal.
type Step struct {
	ID       uuid.UUID  `json:"id"`
	Position int        `json:"position"`
	Title    string     `json:"title"`
	DoneAt   *time.Time `json:"doneAt"`
}

// Reflection is one of the person's own reflections, private ones included, with the comments on it.
type Reflection struct {
	ID           uuid.UUID           `json:"id"`
	CohortID     uuid.UUID           `json:"cohortId"`
	CohortName   string              `json:"cohortName"`
	WrittenOn    string              `json:"writtenOn"`
	Title        *string             `json:"title"`
	BodyMarkdown string              `json:"bodyMarkdown"`
	BodyHTML     *string             `json:"-"` // rendered when saved (NULL: render now), for the document
	Visibility   string              `json:"visibility"`
	ModuleID     *uuid.UUID          `json:"moduleId"`
	ModuleTitle  *string             `json:"moduleTitle"`
	SessionID    *uuid.UUID          `json:"sessionId"`
	SessionTitle *string             `json:"sessionTitle"`
	GoalIDs      []uuid.UUID         `json:"goalIds" gorm:"-"`
	Comments     []ReflectionComment `json:"comments" gorm:"-"`
	CreatedAt    time.Time           `json:"createdAt"`
	UpdatedAt    time.Time           `json:"updatedAt"`
}

// ReflectionComment is a comment on one of the person's reflections, by them or by a reader.
type ReflectionComment struct {
	ID         uuid.UUID `json:"id"`
	AuthorName string    `json:"authorName"`
	Mine       bool      `json:"mine"`
	Body       string    `json:"body"`
	Deleted    bool      `json:"deleted"`
	CreatedAt  time.Time `json:"createdAt"`
	UpdatedAt  time.Time `json:"updatedAt"`
}

// OwnComment is a comment the person wrote on someone else's reflection: their text and which reflection it was
// on, never the other person's reflection itself.
type OwnComment struct {
	ID           uuid.UUID  `json:"id"`
	ReflectionID uuid.UUID  `json:"reflectionId"`
	Body         string     `json:"body"`
	CreatedAt    time.Time  `json:"createdAt"`
	UpdatedAt    time.Time  `json:"updatedAt"`
	DeletedAt    *time.Time `json:"deletedAt"`
}

// Portrait is one of the person's portraits, whatever its status.
type Portrait struct {
	ID             uuid.UUID  `json:"id"`
	CohortID       uuid.UUID  `json:"cohortId"`
	CohortName     string     `json:"cohortName"`
	Title          string     `json:"title"`
	Body           string     `json:"body"`
	Status         string     `json:"status"`
	ConsentGivenAt *time.Time `json:"consentGivenAt"`
	SubmittedAt    *time.Time `json:"submittedAt"`
	ReviewedAt     *time.Time `json:"reviewedAt"`
	ReviewNote     string     `json:"reviewNote"`
	PublishedAt    *time.Time `json:"publishedAt"`
	CreatedAt      time.Time  `json:"createdAt"`
	UpdatedAt      time.Time  `json:"updatedAt"`
}

// Attendance is the person's registered attendance at one session.
type Attendance struct {
	SessionID    uuid.UUID `json:"sessionId"`
	SessionTitle string    `json:"sessionTitle"`
	StartsAt     time.Time `json:"startsAt"`
	CohortName   string    `json:"cohortName"`
	Status       string    `json:"status"`
	RecordedAt   time.Time `json:"recordedAt"`
}

// EvaluationAnswered records that the person answered a form (not what).
type EvaluationAnswered struct {
	FormID      uuid.UUID `json:"formId"`
	FormTitle   string    `json:"formTitle"`
	CohortName  string    `json:"cohortName"`
	SubmittedAt time.Time `json:"submittedAt"`
}

// EvaluationDraft is an evaluation the person started but has not sent: these answers are still theirs.
type EvaluationDraft struct {
	FormID    uuid.UUID       `json:"formId"`
	FormTitle string          `json:"formTitle"`
	Answers   json.RawMessage `json:"answers"`
	UpdatedAt time.Time       `json:"updatedAt"`
}

// Login is one login session (a refresh-token family), without its tokens.
type Login struct {
	StartedAt  time.Time `json:"startedAt"`
	LastUsedAt time.Time `json:"lastUsedAt"`
	ExpiresAt  time.Time `json:"expiresAt"`
	Active     bool      `json:"active"`
	UserAgent  string    `json:"userAgent"`
	IP         string    `json:"ip"`
}

// CalendarFeed says that the person has a calendar feed, without its secret address.
type CalendarFeed struct {
	CreatedAt time.Time  `json:"createdAt"`
	ResetAt   *time.Time `json:"resetAt"`
}

// Invitation is an invitation to set a password, without its token.
type Invitation struct {
	CreatedAt time.Time  `json:"createdAt"`
	ExpiresAt time.Time  `json:"expiresAt"`
	UsedAt    *time.Time `json:"usedAt"`
}

// Mail is a mail to the person's address in the outbox.
type Mail struct {
	Kind      string     `json:"kind"`
	Subject   string     `json:"subject"`
	CreatedAt time.Time  `json:"createdAt"`
	SentAt    *time.Time `json:"sentAt"`
}

// Export gathers everything about the signed-in person and logs that they downloaded it (kind is json or html),
// in one repeatable-read transaction: the file is one consistent picture, and there is no file without its
// log entry.
func (s *Service) Export(ctx context.Context, p *access.Principal, kind string) (Export, error) {
	if err := signedIn(p); err != nil {
		return Export{}, err
	}
	var out Export
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		if out, err = gather(ctx, tx, p.UserID); err != nil {
			return err
		}
		out.ExportedAt = s.now()
		return audit.Record(ctx, tx, audit.Entry{ActorID: &p.UserID, SubjectID: &p.UserID,
			Action: "personal_data.exported", ObjectType: "user", ObjectID: p.UserID.String(),
			Detail: map[string]any{"format": kind, "reflections": len(out.Reflections), "goals": len(out.Goals)}})
	}, &sql.TxOptions{Isolation: sql.LevelRepeatableRead})
	return out, err
}

// gather reads the sections, one query each, whatever the amount of data.
func gather(ctx context.Context, tx *gorm.DB, me uuid.UUID) (Export, error) {
	out := Export{Format: ExportFormat}
	db := tx.WithContext(ctx)
	scan := func(what string, dst any, q string) error {
		if err := db.Raw(q, map[string]any{"me": me}).Scan(dst).Error; err != nil {
			return fmt.Errorf("privacy: export %s of %s: %w", what, me, err)
		}
		return nil
	}

	res := db.Raw(`SELECT u.id, u.email, u.name, u.is_admin, u.locale, u.password_hash IS NOT NULL AS password_set,
		u.created_at, u.updated_at, t.enabled_at IS NOT NULL AS second_factor_enabled, t.enabled_at AS second_factor_enabled_at
		FROM users u LEFT JOIN user_totp t ON t.user_id = u.id WHERE u.id = ?`, me).Scan(&out.Account)
	if res.Error != nil {
		return out, fmt.Errorf("privacy: export account of %s: %w", me, res.Error)
	}

	out.Roles = []Role{}
	if err := scan("roles", &out.Roles, `SELECT g.role, p.id AS programme_id, p.name AS programme_name,
			c.id AS cohort_id, c.name AS cohort_name, g.created_at AS granted_at
		FROM role_grants g
		LEFT JOIN cohorts c ON c.id = g.cohort_id
		JOIN programmes p ON p.id = coalesce(g.programme_id, c.programme_id)
		WHERE g.user_id = @me ORDER BY g.created_at, g.id`); err != nil {
		return out, err
	}

	out.Enrolments = []Enrolment{}
	if err := scan("enrolments", &out.Enrolments, `SELECT e.id, e.cohort_id, c.name AS cohort_name,
			p.name AS programme_name, e.status, e.gemeente, e.job_title, e.enrolled_at, e.withdrawn_at
		FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id JOIN programmes p ON p.id = c.programme_id
		WHERE e.user_id = @me ORDER BY e.enrolled_at, e.id`); err != nil {
		return out, err
	}
	var choices []struct {
		ModuleChoice
		CohortID uuid.UUID
	}
	if err := scan("module choices", &choices, `SELECT ch.cohort_id, m.title AS module_title,
			o.title AS option_title, ch.chosen_at
		FROM module_option_choices ch JOIN modules m ON m.id = ch.module_id JOIN module_options o ON o.id = ch.option_id
		WHERE ch.user_id = @me ORDER BY m.position`); err != nil {
		return out, err
	}
	for i := range out.Enrolments {
		out.Enrolments[i].ModuleChoices = []ModuleChoice{}
		for _, ch := range choices {
			if ch.CohortID == out.Enrolments[i].CohortID {
				out.Enrolments[i].ModuleChoices = append(out.Enrolments[i].ModuleChoices, ch.ModuleChoice)
			}
		}
	}

	if err := gatherGoals(&out, scan); err != nil {
		return out, err
	}
	if err := gatherReflections(&out, scan); err != nil {
		return out, err
	}

	out.Portraits = []Portrait{}
	if err := scan("portraits", &out.Portraits, `SELECT pt.id, pt.cohort_id, c.name AS cohort_name, pt.title,
			pt.body, pt.status, pt.consent_given_at, pt.submitted_at, pt.reviewed_at, pt.review_note,
			pt.published_at, pt.created_at, pt.updated_at
		FROM portraits pt JOIN cohorts c ON c.id = pt.cohort_id WHERE pt.user_id = @me ORDER BY pt.created_at`); err != nil {
		return out, err
	}

	out.Attendance = []Attendance{}
	if err := scan("attendance", &out.Attendance, `SELECT a.session_id, s.title AS session_title, s.starts_at,
			c.name AS cohort_name, a.status, a.recorded_at
		FROM attendance a JOIN sessions s ON s.id = a.session_id JOIN cohorts c ON c.id = a.cohort_id
		WHERE a.user_id = @me ORDER BY s.starts_at`); err != nil {
		return out, err
	}

	out.EvaluationsAnswered = []EvaluationAnswered{}
	if err := scan("evaluations", &out.EvaluationsAnswered, `SELECT es.form_id, f.title AS form_title,
			c.name AS cohort_name, es.submitted_at
		FROM evaluation_submissions es JOIN evaluation_forms f ON f.id = es.form_id JOIN cohorts c ON c.id = es.cohort_id
		WHERE es.user_id = @me ORDER BY es.submitted_at`); err != nil {
		return out, err
	}

	var drafts []struct {
		FormID    uuid.UUID
		FormTitle string
		Answers   string
		UpdatedAt time.Time
	}
	if err := scan("evaluation drafts", &drafts, `SELECT d.form_id, f.title AS form_title, d.answers::text AS answers,
			d.updated_at
		FROM evaluation_drafts d JOIN evaluation_forms f ON f.id = d.form_id
		WHERE d.user_id = @me ORDER BY d.updated_at`); err != nil {
		return out, err
	}
	out.EvaluationDrafts = make([]EvaluationDraft, len(drafts))
	for i, d := range drafts {
		out.EvaluationDrafts[i] = EvaluationDraft{FormID: d.FormID, FormTitle: d.FormTitle,
			Answers: json.RawMessage(d.Answers), UpdatedAt: d.UpdatedAt}
	}

	out.Logins = []Login{}
	// A family is one login; its newest token carries the latest device and address.
	if err := scan("logins", &out.Logins, `SELECT min(created_at) AS started_at,
			greatest(max(created_at), coalesce(max(used_at), max(created_at))) AS last_used_at,
			max(expires_at) AS expires_at,
			bool_or(revoked_at IS NULL AND used_at IS NULL AND expires_at > now()) AS active,
			(array_agg(user_agent ORDER BY created_at DESC))[1] AS user_agent,
			(array_agg(ip ORDER BY created_at DESC))[1] AS ip
		FROM refresh_tokens WHERE user_id = @me GROUP BY family_id ORDER BY min(created_at) DESC`); err != nil {
		return out, err
	}

	var feeds []CalendarFeed
	if err := scan("calendar feed", &feeds, `SELECT created_at, reset_at FROM calendar_feeds WHERE user_id = @me`); err != nil {
		return out, err
	}
	if len(feeds) > 0 {
		out.CalendarFeed = &feeds[0]
	}

	out.Invitations = []Invitation{}
	if err := scan("invitations", &out.Invitations, `SELECT created_at, expires_at, used_at FROM invitations
		WHERE user_id = @me ORDER BY created_at`); err != nil {
		return out, err
	}

	out.Mails = []Mail{}
	if err := scan("mails", &out.Mails, `SELECT o.kind, o.subject, o.created_at, o.sent_at FROM outbox o
		WHERE o.to_address = (SELECT email FROM users WHERE id = @me) ORDER BY o.id`); err != nil {
		return out, err
	}

	log, err := accessLog(ctx, tx, me, audit.Cursor{}, 0)
	if err != nil {
		return out, err
	}
	out.AccessLog = log
	return out, nil
}

type scanFunc func(what string, dst any, q string) error

func gatherGoals(out *Export, scan scanFunc) error {
	var goals []struct {
		Goal
		Target *time.Time
	}
	if err := scan("goals", &goals, `SELECT g.id, g.cohort_id, c.name AS cohort_name, g.module_id,
			m.title AS module_title, g.title, g.description, g.success_criteria, g.status, g.target_date AS target,
			g.created_at, g.updated_at
		FROM learning_goals g JOIN cohorts c ON c.id = g.cohort_id LEFT JOIN modules m ON m.id = g.module_id
		WHERE g.user_id = @me ORDER BY g.created_at, g.id`); err != nil {
		return err
	}
	var steps []struct {
		Step
		GoalID uuid.UUID
	}
	if err := scan("goal steps", &steps, `SELECT s.goal_id, s.id, s.position, s.title, s.done_at
		FROM goal_steps s JOIN learning_goals g ON g.id = s.goal_id
		WHERE g.user_id = @me ORDER BY s.goal_id, s.position`); err != nil {
		return err
	}
	var aspects []struct {
		GoalID uuid.UUID
		Key    string
	}
	if err := scan("goal aspects", &aspects, `SELECT ga.goal_id, fa.key
		FROM goal_aspects ga JOIN learning_goals g ON g.id = ga.goal_id JOIN framework_aspects fa ON fa.id = ga.aspect_id
		WHERE g.user_id = @me ORDER BY fa.position, fa.key`); err != nil {
		return err
	}
	out.Goals = make([]Goal, len(goals))
	index := map[uuid.UUID]int{}
	for i, g := range goals {
		out.Goals[i] = g.Goal
		out.Goals[i].TargetDate = dateString(g.Target)
		out.Goals[i].AspectKeys = []string{}
		out.Goals[i].Steps = []Step{}
		index[g.ID] = i
	}
	for _, s := range steps {
		g := &out.Goals[index[s.GoalID]]
		g.Steps = append(g.Steps, s.Step)
	}
	for _, a := range aspects {
		g := &out.Goals[index[a.GoalID]]
		g.AspectKeys = append(g.AspectKeys, a.Key)
	}
	return nil
}

func gatherReflections(out *Export, scan scanFunc) error {
	var refls []struct {
		Reflection
		Written time.Time
	}
	if err := scan("reflections", &refls, `SELECT r.id, r.cohort_id, c.name AS cohort_name, r.written_on AS written,
			r.title, r.body_markdown, r.body_html, r.visibility, r.module_id, m.title AS module_title, r.session_id,
			s.title AS session_title, r.created_at, r.updated_at
		FROM reflections r JOIN cohorts c ON c.id = r.cohort_id
		LEFT JOIN modules m ON m.id = r.module_id LEFT JOIN sessions s ON s.id = r.session_id
		WHERE r.author_id = @me ORDER BY r.written_on, r.created_at, r.id`); err != nil {
		return err
	}
	var links []struct {
		ReflectionID uuid.UUID
		GoalID       uuid.UUID
	}
	if err := scan("reflection goals", &links, `SELECT reflection_id, goal_id FROM reflection_goals
		WHERE user_id = @me ORDER BY created_at`); err != nil {
		return err
	}
	// Comments on my reflections: mine in full; a reader's deleted comment shows as deleted, without its text.
	var comments []struct {
		ReflectionComment
		ReflectionID uuid.UUID
	}
	if err := scan("comments on reflections", &comments, `SELECT rc.reflection_id, rc.id, u.name AS author_name,
			rc.author_id = @me AS mine,
			CASE WHEN rc.deleted_at IS NOT NULL AND rc.author_id <> @me THEN '' ELSE rc.body END AS body,
			rc.deleted_at IS NOT NULL AS deleted, rc.created_at, rc.updated_at
		FROM reflection_comments rc JOIN reflections r ON r.id = rc.reflection_id JOIN users u ON u.id = rc.author_id
		WHERE r.author_id = @me ORDER BY rc.created_at, rc.id`); err != nil {
		return err
	}
	out.Reflections = make([]Reflection, len(refls))
	index := map[uuid.UUID]int{}
	for i, r := range refls {
		out.Reflections[i] = r.Reflection
		out.Reflections[i].WrittenOn = r.Written.Format(time.DateOnly)
		out.Reflections[i].GoalIDs = []uuid.UUID{}
		out.Reflections[i].Comments = []ReflectionComment{}
		index[r.ID] = i
	}
	for _, l := range links {
		r := &out.Reflections[index[l.ReflectionID]]
		r.GoalIDs = append(r.GoalIDs, l.GoalID)
	}
	for _, c := range comments {
		r := &out.Reflections[index[c.ReflectionID]]
		r.Comments = append(r.Comments, c.ReflectionComment)
	}

	// My comments on other people's reflections: my text and the reflection's id, nothing of theirs.
	out.Comments = []OwnComment{}
	return scan("own comments", &out.Comments, `SELECT rc.id, rc.reflection_id, rc.body, rc.created_at, rc.updated_at,
			rc.deleted_at
		FROM reflection_comments rc JOIN reflections r ON r.id = rc.reflection_id
		WHERE rc.author_id = @me AND r.author_id <> @me ORDER BY rc.created_at, rc.id`)
}

func dateString(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := t.Format(time.DateOnly)
	return &s
}
