package privacy_test

import (
	"context"
	"crypto/rand"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/vgs/leergang/internal/audit"
	"github.com/vgs/leergang/internal/database/dbtest"
	"github.com/vgs/leergang/internal/testapp"
)

func TestMain(m *testing.M) { os.Exit(dbtest.Main(m)) }

func insertID(t *testing.T, a *testapp.App, sql string, args ...any) uuid.UUID {
	t.Helper()
	var id uuid.UUID
	if err := a.DB.Raw(sql, args...).Row().Scan(&id); err != nil {
		t.Fatalf("insert: %v\n%s", err, sql)
	}
	return id
}

func count(t *testing.T, a *testapp.App, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := a.DB.Raw(sql, args...).Row().Scan(&n); err != nil {
		t.Fatalf("count: %v\n%s", err, sql)
	}
	return n
}

func expect(t *testing.T, r *testapp.Response, status int) {
	t.Helper()
	if r.StatusCode != status {
		t.Fatalf("%s %s: status %d, want %d: %s", r.Request.Method, r.Request.URL.Path, r.StatusCode, status, r.Body)
	}
}

func randomHash() []byte {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return b
}

// Texts that must reach the participant's own export and never anyone else's, and texts of the other
// participant that must never reach the participant's.
const (
	privateText      = "Mijn privé-twijfel over de reorganisatie"
	sharedText       = "Gedeeld met de groep: wat ik van Buren leerde"
	ownCommentText   = "Mijn reactie bij de reflectie van een ander"
	othersCommentTxt = "Reactie van de ander bij mijn reflectie"
	othersPrivate    = "Andermans geheime reflectie"
	othersShared     = "Andermans gedeelde reflectie"
	othersGoal       = "Andermans leerdoel"
)

// person is everything the fixture created for the participant (and around them).
type person struct {
	ID                                  uuid.UUID
	Goals, Steps                        []uuid.UUID
	Reflections                         []uuid.UUID
	PrivateReflection, SharedReflection uuid.UUID
	OwnComment, OthersComment           uuid.UUID
	OthersReflection                    uuid.UUID
	Portrait, Session, Form             uuid.UUID
	Response                            uuid.UUID
}

// seedPerson gives the World's participant data in every table that holds personal data, and the other
// participant some of their own around it. Rows are inserted directly: the fixture is about what the export and
// erasure find, not about how the rows came to be.
func seedPerson(t *testing.T, w *testapp.World) person {
	t.Helper()
	a := w.App
	me, other := w.Users["participant"], w.Users["other-participant"]
	p := person{ID: me}

	fw := insertID(t, a, `INSERT INTO frameworks (title) VALUES ('Digitaal leiderschap') RETURNING id`)
	group := insertID(t, a, `INSERT INTO framework_groups (framework_id, key, title, question, position)
		VALUES (?, 'legitimiteit', 'Legitimiteit (mogen)', 'mogen', 1) RETURNING id`, fw)
	aspect := insertID(t, a, `INSERT INTO framework_aspects (framework_id, group_id, key, title, position)
		VALUES (?, ?, 'privacy-veiligheid', 'Privacy en veiligheid', 1) RETURNING id`, fw, group)
	a.Exec(t, `UPDATE programmes SET framework_id = ? WHERE id = ?`, fw, w.Programme)
	module := insertID(t, a, `SELECT id FROM modules WHERE cohort_id = ? AND position = 1`, w.Cohort)

	g1 := insertID(t, a, `INSERT INTO learning_goals (user_id, cohort_id, module_id, title, status)
		VALUES (?, ?, ?, 'Datagedreven sturen', 'active') RETURNING id`, me, w.Cohort, module)
	g2 := insertID(t, a, `INSERT INTO learning_goals (user_id, cohort_id, title, target_date)
		VALUES (?, ?, 'Netwerk in de regio', '2027-03-01') RETURNING id`, me, w.Cohort)
	p.Goals = []uuid.UUID{g1, g2}
	for i, title := range []string{"Dashboard bekijken met de CIO", "Gesprek met de FG"} {
		p.Steps = append(p.Steps, insertID(t, a, `INSERT INTO goal_steps (goal_id, position, title) VALUES (?, ?, ?) RETURNING id`,
			g1, i+1, title))
	}
	a.Exec(t, `INSERT INTO goal_aspects (goal_id, aspect_id) VALUES (?, ?)`, g1, aspect)
	a.Exec(t, `INSERT INTO learning_goals (user_id, cohort_id, title, description) VALUES (?, ?, ?, ?)`,
		other, w.Cohort, othersGoal, othersGoal)

	p.PrivateReflection = insertID(t, a, `INSERT INTO reflections (author_id, cohort_id, title, body_markdown, visibility)
		VALUES (?, ?, 'Twijfel', ?, 'private') RETURNING id`, me, w.Cohort, privateText+"\n\n<script>alert('x')</script>")
	p.SharedReflection = insertID(t, a, `INSERT INTO reflections (author_id, cohort_id, module_id, body_markdown, visibility)
		VALUES (?, ?, ?, ?, 'cohort') RETURNING id`, me, w.Cohort, module, sharedText)
	p.Reflections = []uuid.UUID{p.PrivateReflection, p.SharedReflection}
	a.Exec(t, `INSERT INTO reflection_goals (reflection_id, goal_id, user_id) VALUES (?, ?, ?)`, p.SharedReflection, g1, me)
	a.Exec(t, `INSERT INTO reflections (author_id, cohort_id, body_markdown, visibility) VALUES (?, ?, ?, 'private')`,
		other, w.Cohort, othersPrivate)
	p.OthersReflection = insertID(t, a, `INSERT INTO reflections (author_id, cohort_id, body_markdown, visibility)
		VALUES (?, ?, ?, 'cohort') RETURNING id`, other, w.Cohort, othersShared)
	p.OwnComment = insertID(t, a, `INSERT INTO reflection_comments (reflection_id, author_id, body) VALUES (?, ?, ?) RETURNING id`,
		p.OthersReflection, me, ownCommentText)
	p.OthersComment = insertID(t, a, `INSERT INTO reflection_comments (reflection_id, author_id, body) VALUES (?, ?, ?) RETURNING id`,
		p.SharedReflection, other, othersCommentTxt)

	p.Portrait = insertID(t, a, `INSERT INTO portraits (user_id, cohort_id, title, body) VALUES (?, ?, 'Mijn portret', 'Tekst')
		RETURNING id`, me, w.Cohort)

	p.Session = a.Session(t, w.Cohort, 1, "Informatieveiligheid", time.Now().Add(-48*time.Hour), 3*time.Hour)
	a.Exec(t, `INSERT INTO attendance (session_id, user_id, cohort_id, status) VALUES (?, ?, ?, 'present'), (?, ?, ?, 'absent')`,
		p.Session, me, w.Cohort, p.Session, other, w.Cohort)

	p.Form = insertID(t, a, `INSERT INTO evaluation_forms (programme_id, cohort_id, scope, title, opens_at, closes_at)
		VALUES (?, ?, 'cohort', 'Slotevaluatie', now() - interval '1 day', now() + interval '7 days') RETURNING id`,
		w.Programme, w.Cohort)
	question := insertID(t, a, `INSERT INTO evaluation_questions (form_id, position, key, kind, prompt)
		VALUES (?, 1, 'nut', 'scale', 'Hoe nuttig was de leergang?') RETURNING id`, p.Form)
	a.Exec(t, `INSERT INTO evaluation_submissions (form_id, user_id, cohort_id) VALUES (?, ?, ?)`, p.Form, me, w.Cohort)
	p.Response = insertID(t, a, `INSERT INTO evaluation_responses (form_id, submitted_on) VALUES (?, current_date) RETURNING id`, p.Form)
	a.Exec(t, `INSERT INTO evaluation_answers (response_id, form_id, question_id, question_kind, scale_value)
		VALUES (?, ?, ?, 'scale', 4)`, p.Response, p.Form, question)
	draftForm := insertID(t, a, `INSERT INTO evaluation_forms (programme_id, cohort_id, scope, session_id, title, opens_at, closes_at)
		VALUES (?, ?, 'session', ?, 'Evaluatie bijeenkomst', now() - interval '1 day', now() + interval '7 days') RETURNING id`,
		w.Programme, w.Cohort, p.Session)
	a.Exec(t, `INSERT INTO evaluation_drafts (form_id, user_id, cohort_id, answers) VALUES (?, ?, ?, '{"nut": 5}')`,
		draftForm, me, w.Cohort)

	a.Exec(t, `INSERT INTO calendar_feeds (user_id, token_hash) VALUES (?, ?)`, me, randomHash())
	a.Exec(t, `INSERT INTO invitations (user_id, token_hash, expires_at) VALUES (?, ?, now() + interval '7 days')`, me, randomHash())
	a.Exec(t, `INSERT INTO outbox (kind, to_address, subject, body_text) VALUES ('enrolment', 'participant@test.example',
		'U bent ingeschreven', 'Beste participant')`)
	a.Exec(t, `INSERT INTO outbox (kind, to_address, subject, body_text) VALUES ('enrolment', 'other-participant@test.example',
		'U bent ingeschreven', 'Beste other-participant')`)
	// The participant also facilitates a cohort of the other programme.
	a.Grant(t, me, "facilitator", nil, &w.OtherProgCohort)
	return p
}

// record writes audit entries as if through the given route.
func record(t *testing.T, a *testapp.App, route string, entries ...audit.Entry) {
	t.Helper()
	ctx := audit.WithRequest(context.Background(), audit.Request{Route: route, RequestID: "test", IP: "192.0.2.1"})
	if err := audit.Record(ctx, a.DB, entries...); err != nil {
		t.Fatal(err)
	}
}

func get(t *testing.T, a *testapp.App, token, path string) *testapp.Response {
	t.Helper()
	return a.Do(t, testapp.Request{Method: http.MethodGet, Path: path, Token: token})
}
