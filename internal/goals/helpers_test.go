package goals_test

import (
	"encoding/json"
	"net/http"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/vgs/leergang/internal/database/dbtest"
	"github.com/vgs/leergang/internal/testapp"
)

func TestMain(m *testing.M) { os.Exit(dbtest.Main(m)) }

// goalWorld is the testapp World with the "Digitaal leiderschap" framework on its programme and a framework of
// its own on the other programme.
type goalWorld struct {
	*testapp.World
	Framework uuid.UUID
}

// fwGroup is a framework group with its aspect keys, in order.
type fwGroup struct {
	key, title, question string
	aspects              []string
}

// testFramework is the framework of the World's programme.
var testFramework = []fwGroup{
	{"waardegedreven-strategie", "Waardegedreven strategie", "willen", []string{"strategie-opgaven", "strategie-gezamenlijk"}},
	{"capaciteit", "Capaciteit", "kunnen", []string{"structuur", "human-resources", "politiek", "symboliek"}},
	{"legitimiteit", "Legitimiteit", "mogen", []string{"privacy-veiligheid", "transparantie", "inclusie"}},
}

func newGoalWorld(t *testing.T) *goalWorld {
	t.Helper()
	w := &goalWorld{World: testapp.NewWorld(t)}
	w.Framework = insertFramework(t, w.App, "Digitaal leiderschap — publieke waarde", testFramework)
	w.App.Exec(t, `UPDATE programmes SET framework_id = ? WHERE id = ?`, w.Framework, w.Programme)
	other := insertFramework(t, w.App, "Regionaal samenwerken",
		[]fwGroup{{"regio", "Regio", "kunnen", []string{"regio-netwerk"}}})
	w.App.Exec(t, `UPDATE programmes SET framework_id = ? WHERE id = ?`, other, w.OtherProgramme)
	return w
}

func insertFramework(t *testing.T, a *testapp.App, title string, groups []fwGroup) uuid.UUID {
	t.Helper()
	var id uuid.UUID
	if err := a.DB.Raw(`INSERT INTO frameworks (title) VALUES (?) RETURNING id`, title).Row().Scan(&id); err != nil {
		t.Fatal(err)
	}
	for i, g := range groups {
		var gid uuid.UUID
		if err := a.DB.Raw(`INSERT INTO framework_groups (framework_id, key, title, question, position)
			VALUES (?, ?, ?, ?, ?) RETURNING id`, id, g.key, g.title, g.question, i+1).Row().Scan(&gid); err != nil {
			t.Fatal(err)
		}
		for j, k := range g.aspects {
			a.Exec(t, `INSERT INTO framework_aspects (framework_id, group_id, key, title, description, position)
				VALUES (?, ?, ?, ?, ?, ?)`, id, gid, k, "Aspect "+k, "Over "+k, j+1)
		}
	}
	return id
}

// module returns the id of the cohort's module at position.
func (w *goalWorld) module(t *testing.T, cohortID uuid.UUID, position int) uuid.UUID {
	t.Helper()
	var id uuid.UUID
	if err := w.App.DB.Raw(`SELECT id FROM modules WHERE cohort_id = ? AND position = ?`, cohortID, position).
		Row().Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

type goalJSON struct {
	ID       uuid.UUID `json:"id"`
	CohortID uuid.UUID `json:"cohortId"`
	Owner    struct {
		ID   uuid.UUID `json:"id"`
		Name string    `json:"name"`
	} `json:"owner"`
	ModuleID        *uuid.UUID `json:"moduleId"`
	ModuleTitle     *string    `json:"moduleTitle"`
	Title           string     `json:"title"`
	Description     string     `json:"description"`
	SuccessCriteria string     `json:"successCriteria"`
	Status          string     `json:"status"`
	TargetDate      *string    `json:"targetDate"`
	Aspects         []struct {
		Key      string `json:"key"`
		Label    string `json:"label"`
		GroupKey string `json:"groupKey"`
	} `json:"aspects"`
	Steps []struct {
		ID       uuid.UUID  `json:"id"`
		Position int        `json:"position"`
		Title    string     `json:"title"`
		Done     bool       `json:"done"`
		DoneAt   *time.Time `json:"doneAt"`
	} `json:"steps"`
	StepsDone  int `json:"stepsDone"`
	StepsTotal int `json:"stepsTotal"`
	Version    int `json:"version"`
}

func (g goalJSON) aspectKeys() []string {
	out := []string{}
	for _, a := range g.Aspects {
		out = append(out, a.Key)
	}
	return out
}

func (g goalJSON) stepTitles() []string {
	out := []string{}
	for _, s := range g.Steps {
		out = append(out, s.Title)
	}
	return out
}

type participantGoalsJSON struct {
	CohortID    uuid.UUID `json:"cohortId"`
	Participant struct {
		ID   uuid.UUID `json:"id"`
		Name string    `json:"name"`
	} `json:"participant"`
	Modules []struct {
		ID       uuid.UUID `json:"id"`
		Position int       `json:"position"`
		Title    string    `json:"title"`
	} `json:"modules"`
	Goals []goalJSON `json:"goals"`
}

func (p participantGoalsJSON) ids() []uuid.UUID {
	out := []uuid.UUID{}
	for _, g := range p.Goals {
		out = append(out, g.ID)
	}
	return out
}

// call sends a request as role; ifMatch 0 sends no If-Match.
func (w *goalWorld) call(t *testing.T, role, method, path string, body any, ifMatch int) *testapp.Response {
	t.Helper()
	r := testapp.Request{Method: method, Path: "/api/v1" + path, Token: w.Tokens[role], Body: body}
	if ifMatch > 0 {
		r.Headers = map[string]string{"If-Match": `"` + strconv.Itoa(ifMatch) + `"`}
	}
	return w.App.Do(t, r)
}

// createGoal writes a goal as role in the World's cohort and fails the test unless it is created.
func (w *goalWorld) createGoal(t *testing.T, role string, body map[string]any) goalJSON {
	t.Helper()
	r := w.call(t, role, http.MethodPost, "/cohorts/"+w.Cohort.String()+"/goals", body, 0)
	if r.StatusCode != http.StatusCreated {
		t.Fatalf("create goal as %s: %d %s", role, r.StatusCode, r.Body)
	}
	var g goalJSON
	r.JSON(t, &g)
	if r.Header.Get("ETag") != `"`+strconv.Itoa(g.Version)+`"` {
		t.Fatalf("ETag %q, version %d", r.Header.Get("ETag"), g.Version)
	}
	return g
}

// insertGoal writes a goal straight into the database (for people who may not write through the API).
func (w *goalWorld) insertGoal(t *testing.T, cohortID, userID uuid.UUID, title, status string) uuid.UUID {
	t.Helper()
	var id uuid.UUID
	if err := w.App.DB.Raw(`INSERT INTO learning_goals (user_id, cohort_id, title, status) VALUES (?, ?, ?, ?) RETURNING id`,
		userID, cohortID, title, status).Row().Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

func (w *goalWorld) goalVersion(t *testing.T, id uuid.UUID) int {
	t.Helper()
	var v int
	if err := w.App.DB.Raw(`SELECT version FROM learning_goals WHERE id = ?`, id).Row().Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// wantStatus fails the test unless r has status; errors come as problem+json.
func wantStatus(t *testing.T, r *testapp.Response, status int) {
	t.Helper()
	if r.StatusCode != status {
		t.Fatalf("%s %s: %d, want %d: %s", r.Request.Method, r.Request.URL.Path, r.StatusCode, status, r.Body)
	}
	if status >= 400 {
		if p := r.Problem(t); p.Status != status {
			t.Fatalf("problem status %d, want %d", p.Status, status)
		}
	}
}

// wantFields fails the test unless r is a 422 naming exactly the fields.
func wantFields(t *testing.T, r *testapp.Response, fields ...string) {
	t.Helper()
	wantStatus(t, r, http.StatusUnprocessableEntity)
	var got []string
	for _, e := range r.Problem(t).Errors {
		if e.Message == "" {
			t.Fatalf("field %s without a message", e.Field)
		}
		got = append(got, e.Field)
	}
	slices.Sort(got)
	slices.Sort(fields)
	if !slices.Equal(got, fields) {
		t.Fatalf("field errors %v, want %v: %s", got, fields, r.Body)
	}
}

type auditRow struct {
	Actor, Subject     uuid.UUID
	Action, ObjectType string
	ObjectID, Route    string
	Detail             map[string]any
}

// auditOf lists the audit entries about subject, oldest first.
func (w *goalWorld) auditOf(t *testing.T, subject uuid.UUID) []auditRow {
	t.Helper()
	rows, err := w.App.DB.Raw(`SELECT actor_user_id, subject_user_id, action, object_type, coalesce(object_id, ''), route,
			detail::text
		FROM audit_log WHERE subject_user_id = ? AND action NOT LIKE 'login.%' ORDER BY id`, subject).Rows()
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []auditRow
	for rows.Next() {
		var r auditRow
		var detail string
		if err := rows.Scan(&r.Actor, &r.Subject, &r.Action, &r.ObjectType, &r.ObjectID, &r.Route, &detail); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(detail), &r.Detail); err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}
