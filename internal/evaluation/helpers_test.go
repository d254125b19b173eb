package evaluation_test

import (
	"net/http"
	"os"
	"slices"
	"strconv"
	"testing"

	"github.com/google/uuid"

	"github.com/vgs/leergang/internal/database/dbtest"
	"github.com/vgs/leergang/internal/testapp"
)

func TestMain(m *testing.M) { os.Exit(dbtest.Main(m)) }

type evalWorld struct{ *testapp.World }

func newEvalWorld(t *testing.T) *evalWorld { return &evalWorld{World: testapp.NewWorld(t)} }

type questionJSON struct {
	ID       uuid.UUID         `json:"id"`
	Key      string            `json:"key"`
	Position int               `json:"position"`
	Kind     string            `json:"kind"`
	Prompt   string            `json:"prompt"`
	HelpText string            `json:"helpText"`
	Required bool              `json:"required"`
	Labels   map[string]string `json:"labels"`
	Choices  []struct {
		Value string `json:"value"`
		Label string `json:"label"`
	} `json:"choices"`
}

type formJSON struct {
	ID               uuid.UUID      `json:"id"`
	ProgrammeID      uuid.UUID      `json:"programmeId"`
	IsTemplate       bool           `json:"isTemplate"`
	Revision         int            `json:"revision"`
	Title            string         `json:"title"`
	Description      string         `json:"description"`
	CohortID         *uuid.UUID     `json:"cohortId"`
	CopiedFromFormID *uuid.UUID     `json:"copiedFromFormId"`
	Questions        []questionJSON `json:"questions"`
	Responses        int            `json:"responses"`
	Locked           bool           `json:"locked"`
	Version          int            `json:"version"`
}

func (f formJSON) keys() []string {
	out := []string{}
	for _, q := range f.Questions {
		out = append(out, q.Key)
	}
	return out
}

// idByKey maps question keys to ids.
func (f formJSON) idByKey() map[string]uuid.UUID {
	out := map[string]uuid.UUID{}
	for _, q := range f.Questions {
		out[q.Key] = q.ID
	}
	return out
}

type templateListJSON struct {
	Templates []struct {
		ID            uuid.UUID `json:"id"`
		Title         string    `json:"title"`
		Revision      int       `json:"revision"`
		QuestionCount int       `json:"questionCount"`
		Copies        int       `json:"copies"`
		Responses     int       `json:"responses"`
		Locked        bool      `json:"locked"`
	} `json:"templates"`
}

// call sends a request as role; ifMatch 0 sends no If-Match.
func (w *evalWorld) call(t *testing.T, role, method, path string, body any, ifMatch int) *testapp.Response {
	t.Helper()
	r := testapp.Request{Method: method, Path: "/api/v1" + path, Token: w.Tokens[role], Body: body}
	if ifMatch > 0 {
		r.Headers = map[string]string{"If-Match": `"` + strconv.Itoa(ifMatch) + `"`}
	}
	return w.App.Do(t, r)
}

func (w *evalWorld) templatesPath() string {
	return "/programmes/" + w.Programme.String() + "/evaluation-templates"
}

// sampleForm is a template body with a question of every kind, keys left to the server.
func sampleForm(title string) map[string]any {
	return map[string]any{
		"title":       title,
		"description": "Na elke bijeenkomst.",
		"questions": []map[string]any{
			{"kind": "scale", "prompt": "Hoe waardeert u de spreker?", "required": true,
				"labels": map[string]string{"1": "slecht", "5": "uitstekend"}},
			{"kind": "recommendation", "prompt": "Zou u de leergang aanbevelen?"},
			{"kind": "choice", "prompt": "Was de lengte goed?", "choices": []map[string]string{
				{"value": "te-kort", "label": "Te kort"}, {"value": "goed", "label": "Goed"}, {"value": "te-lang", "label": "Te lang"}}},
			{"kind": "text", "prompt": "Wat neemt u mee?"},
		},
	}
}

// createTemplate writes a template as admin and fails the test unless it is created.
func (w *evalWorld) createTemplate(t *testing.T, body map[string]any) formJSON {
	t.Helper()
	r := w.call(t, "admin", http.MethodPost, w.templatesPath(), body, 0)
	wantStatus(t, r, http.StatusCreated)
	var f formJSON
	r.JSON(t, &f)
	if r.Header.Get("ETag") != `"`+strconv.Itoa(f.Version)+`"` {
		t.Fatalf("ETag %q, version %d", r.Header.Get("ETag"), f.Version)
	}
	return f
}

// answerCopy inserts, by SQL, a cohort copy of the template with the template's questions and one response
// answering its first question; it returns the copy's id.
func (w *evalWorld) answerCopy(t *testing.T, tmpl formJSON) uuid.UUID {
	t.Helper()
	var copyID uuid.UUID
	if err := w.App.DB.Raw(`INSERT INTO evaluation_forms (programme_id, cohort_id, scope, title, opens_at, closes_at,
			copied_from_form_id)
		VALUES (?, ?, 'cohort', ?, now() - interval '1 day', now() + interval '7 days', ?) RETURNING id`,
		w.Programme, w.Cohort, tmpl.Title, tmpl.ID).Row().Scan(&copyID); err != nil {
		t.Fatal(err)
	}
	w.App.Exec(t, `INSERT INTO evaluation_questions (form_id, position, key, kind, prompt, help_text, required, options)
		SELECT ?, position, key, kind, prompt, help_text, required, options FROM evaluation_questions WHERE form_id = ?`,
		copyID, tmpl.ID)
	var responseID uuid.UUID
	if err := w.App.DB.Raw(`INSERT INTO evaluation_responses (form_id, submitted_on) VALUES (?, current_date) RETURNING id`,
		copyID).Row().Scan(&responseID); err != nil {
		t.Fatal(err)
	}
	w.App.Exec(t, `INSERT INTO evaluation_answers (response_id, form_id, question_id, question_kind, scale_value)
		SELECT ?, form_id, id, kind, 4 FROM evaluation_questions WHERE form_id = ? AND kind = 'scale'`, responseID, copyID)
	return copyID
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

// wantFields fails the test unless r has status and names exactly the fields (with their codes).
func wantFields(t *testing.T, r *testapp.Response, status int, fields ...string) {
	t.Helper()
	wantStatus(t, r, status)
	var got []string
	for _, e := range r.Problem(t).Errors {
		if e.Message == "" {
			t.Fatalf("field %s without a message", e.Field)
		}
		got = append(got, e.Field+":"+e.Code)
	}
	slices.Sort(got)
	slices.Sort(fields)
	if !slices.Equal(got, fields) {
		t.Fatalf("field errors %v, want %v: %s", got, fields, r.Body)
	}
}
