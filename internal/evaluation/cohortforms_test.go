package evaluation_test

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/vgs/leergang/internal/testapp"
)

// The question keys of sampleForm, as the server makes them from the prompts.
const (
	keyScale  = "hoe-waardeert-u-de-spreker" // scale, required
	keyRec    = "zou-u-de-leergang-aanbevelen"
	keyChoice = "was-de-lengte-goed" // te-kort, goed, te-lang
	keyText   = "wat-neemt-u-mee"
)

// attachedJSON is an EvaluationForm with the fields of a cohort form.
type attachedJSON struct {
	formJSON
	Scope       *string    `json:"scope"`
	SessionID   *uuid.UUID `json:"sessionId"`
	ModuleID    *uuid.UUID `json:"moduleId"`
	TargetTitle *string    `json:"targetTitle"`
	OpensAt     *time.Time `json:"opensAt"`
	ClosesAt    *time.Time `json:"closesAt"`
	State       *string    `json:"state"`
}

type cohortFormListJSON struct {
	Forms []cohortFormSummaryJSON `json:"forms"`
}

type cohortFormSummaryJSON struct {
	ID               uuid.UUID  `json:"id"`
	Title            string     `json:"title"`
	Scope            string     `json:"scope"`
	SessionID        *uuid.UUID `json:"sessionId"`
	ModuleID         *uuid.UUID `json:"moduleId"`
	TargetTitle      string     `json:"targetTitle"`
	OpensAt          time.Time  `json:"opensAt"`
	ClosesAt         time.Time  `json:"closesAt"`
	State            string     `json:"state"`
	CopiedFromFormID *uuid.UUID `json:"copiedFromFormId"`
	Invited          int        `json:"invited"`
	Answered         int        `json:"answered"`
	ResponseRate     float64    `json:"responseRate"`
	Version          int        `json:"version"`
}

// testZone is Europe/Amsterdam, in which the tests write moments as people enter them.
var testZone = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		panic(err)
	}
	return loc
}()

// moment is now + d, to the second, as RFC 3339 in Amsterdam time.
func moment(d time.Duration) string {
	return time.Now().Add(d).Truncate(time.Second).In(testZone).Format(time.RFC3339)
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func (w *evalWorld) cohortFormsPath(cohort uuid.UUID) string {
	return "/cohorts/" + cohort.String() + "/evaluation-forms"
}

// attachBody attaches tmpl to the whole cohort, open from now+opens to now+closes.
func attachBody(tmpl uuid.UUID, opens, closes time.Duration) map[string]any {
	return map[string]any{"templateId": tmpl, "scope": "cohort", "opensAt": moment(opens), "closesAt": moment(closes)}
}

// attach attaches tmpl to the whole of w.Cohort as admin and fails the test unless it is created.
func (w *evalWorld) attach(t *testing.T, body map[string]any) attachedJSON {
	t.Helper()
	r := w.call(t, "admin", http.MethodPost, w.cohortFormsPath(w.Cohort), body, 0)
	wantStatus(t, r, http.StatusCreated)
	var f attachedJSON
	r.JSON(t, &f)
	return f
}

// openForm is a template with sampleForm's questions attached to w.Cohort, open from an hour ago for a week.
func (w *evalWorld) openForm(t *testing.T, title string) attachedJSON {
	t.Helper()
	tmpl := w.createTemplate(t, sampleForm(title))
	f := w.attach(t, attachBody(tmpl.ID, time.Minute, 7*24*time.Hour))
	return w.movePeriod(t, f.ID, -time.Hour, 7*24*time.Hour)
}

// movePeriod sets a cohort form's period (relative to now) through the API, as admin.
func (w *evalWorld) movePeriod(t *testing.T, id uuid.UUID, opens, closes time.Duration) attachedJSON {
	t.Helper()
	var cur attachedJSON
	w.call(t, "admin", http.MethodGet, "/evaluation-forms/"+id.String(), nil, 0).JSON(t, &cur)
	r := w.call(t, "admin", http.MethodPut, "/evaluation-forms/"+id.String()+"/period",
		map[string]any{"opensAt": moment(opens), "closesAt": moment(closes)}, cur.Version)
	wantStatus(t, r, http.StatusOK)
	var f attachedJSON
	r.JSON(t, &f)
	return f
}

func (w *evalWorld) moduleID(t *testing.T, cohort uuid.UUID, position int) uuid.UUID {
	t.Helper()
	var id uuid.UUID
	if err := w.App.DB.Raw(`SELECT id FROM modules WHERE cohort_id = ? AND position = ?`, cohort, position).Row().Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

func (w *evalWorld) count(t *testing.T, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := w.App.DB.Raw(sql, args...).Row().Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// raceAll sends the calls at the same moment and returns their responses in order.
func raceAll(calls ...func() *testapp.Response) []*testapp.Response {
	out := make([]*testapp.Response, len(calls))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, call := range calls {
		wg.Go(func() {
			<-start
			out[i] = call()
		})
	}
	close(start)
	wg.Wait()
	return out
}

// statuses returns the sorted status codes of rs.
func statuses(rs []*testapp.Response) []int {
	out := make([]int, len(rs))
	for i, r := range rs {
		out[i] = r.StatusCode
	}
	slices.Sort(out)
	return out
}

func TestAttachCopiesTheTemplateWithItsKeysAndLineage(t *testing.T) {
	w := newEvalWorld(t)
	tmpl := w.createTemplate(t, sampleForm("Evaluatie bijeenkomst"))
	start := time.Now().Add(14 * 24 * time.Hour).Truncate(time.Hour)
	session := w.App.Session(t, w.Cohort, 1, "Datagericht werken in de praktijk", start, 3*time.Hour)
	module := w.moduleID(t, w.Cohort, 2)
	opens, closes := moment(15*24*time.Hour), moment(29*24*time.Hour)

	cases := []struct {
		name        string
		body        map[string]any
		scope       string
		session     *uuid.UUID
		module      *uuid.UUID
		title       string
		targetTitle string
	}{
		{"session", map[string]any{"templateId": tmpl.ID, "scope": "session", "sessionId": session,
			"opensAt": opens, "closesAt": closes, "title": "  Evaluatie: datagericht werken  "},
			"session", &session, nil, "Evaluatie: datagericht werken", "Datagericht werken in de praktijk"},
		{"module", map[string]any{"templateId": tmpl.ID, "scope": "module", "moduleId": module, "sessionId": nil,
			"opensAt": opens, "closesAt": closes},
			"module", nil, &module, "Evaluatie bijeenkomst", "Samenwerking en netwerken"},
		{"cohort", map[string]any{"templateId": tmpl.ID, "scope": "cohort", "opensAt": opens, "closesAt": closes, "title": ""},
			"cohort", nil, nil, "Evaluatie bijeenkomst", "2026–2027"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := w.call(t, "admin", http.MethodPost, w.cohortFormsPath(w.Cohort), c.body, 0)
			wantStatus(t, r, http.StatusCreated)
			var f attachedJSON
			r.JSON(t, &f)
			if r.Header.Get("ETag") != `"1"` || r.Header.Get("Location") != "/api/v1/evaluation-forms/"+f.ID.String() {
				t.Fatalf("ETag %q, Location %q", r.Header.Get("ETag"), r.Header.Get("Location"))
			}
			if f.ID == tmpl.ID || f.IsTemplate || f.CohortID == nil || *f.CohortID != w.Cohort ||
				f.CopiedFromFormID == nil || *f.CopiedFromFormID != tmpl.ID || f.ProgrammeID != w.Programme ||
				f.Title != c.title || f.Description != "Na elke bijeenkomst." || f.Revision != 1 || f.Version != 1 ||
				f.Responses != 0 || f.Locked {
				t.Fatalf("form %+v", f)
			}
			if *f.Scope != c.scope || (c.session == nil) != (f.SessionID == nil) || (c.session != nil && *f.SessionID != *c.session) ||
				(c.module == nil) != (f.ModuleID == nil) || (c.module != nil && *f.ModuleID != *c.module) ||
				*f.TargetTitle != c.targetTitle || !f.OpensAt.Equal(mustTime(t, opens)) ||
				!f.ClosesAt.Equal(mustTime(t, closes)) || *f.State != "upcoming" {
				t.Fatalf("cohort fields %+v", f)
			}
			// The same keys, kinds and options, in the same order, as new questions.
			if !slices.Equal(f.keys(), tmpl.keys()) {
				t.Fatalf("keys %v, want %v", f.keys(), tmpl.keys())
			}
			for i, q := range f.Questions {
				tq := tmpl.Questions[i]
				if q.ID == tq.ID || q.Kind != tq.Kind || q.Prompt != tq.Prompt || q.Required != tq.Required ||
					q.Position != i+1 || len(q.Choices) != len(tq.Choices) || len(q.Labels) != len(tq.Labels) {
					t.Fatalf("question %d %+v, template's %+v", i, q, tq)
				}
			}
			var g attachedJSON
			w.call(t, "facilitator", http.MethodGet, "/evaluation-forms/"+f.ID.String(), nil, 0).JSON(t, &g)
			if g.ID != f.ID || *g.Scope != c.scope || *g.TargetTitle != c.targetTitle || *g.State != "upcoming" {
				t.Fatalf("read back %+v", g)
			}
		})
	}
	// A template's cohort fields are all null.
	var g attachedJSON
	w.call(t, "admin", http.MethodGet, "/evaluation-forms/"+tmpl.ID.String(), nil, 0).JSON(t, &g)
	if g.Scope != nil || g.SessionID != nil || g.ModuleID != nil || g.TargetTitle != nil || g.OpensAt != nil ||
		g.ClosesAt != nil || g.State != nil {
		t.Fatalf("template %+v", g)
	}
	var l templateListJSON
	w.call(t, "admin", http.MethodGet, w.templatesPath(), nil, 0).JSON(t, &l)
	if len(l.Templates) != 1 || l.Templates[0].Copies != 3 || l.Templates[0].Responses != 0 {
		t.Fatalf("templates %+v", l.Templates)
	}
	if n := w.count(t, `SELECT count(*) FROM evaluation_questions q JOIN evaluation_forms f ON f.id = q.form_id
		WHERE f.copied_from_form_id = ?`, tmpl.ID); n != 12 {
		t.Fatalf("%d copied questions, want 3 × 4", n)
	}
}

func TestAttachIsForAdminsOnly(t *testing.T) {
	w := newEvalWorld(t)
	tmpl := w.createTemplate(t, sampleForm("Slotevaluatie"))
	want := map[string]int{"anonymous": http.StatusUnauthorized, "admin": http.StatusCreated}
	for _, role := range testapp.Roles {
		if _, ok := want[role]; !ok {
			want[role] = http.StatusForbidden
		}
	}
	for role, status := range want {
		t.Run(role, func(t *testing.T) {
			r := w.call(t, role, http.MethodPost, w.cohortFormsPath(w.Cohort), attachBody(tmpl.ID, time.Hour, 48*time.Hour), 0)
			wantStatus(t, r, status)
		})
	}
	if n := w.count(t, `SELECT count(*) FROM evaluation_forms WHERE cohort_id = ?`, w.Cohort); n != 1 {
		t.Fatalf("%d cohort forms, want the admin's one", n)
	}
	wantStatus(t, w.call(t, "admin", http.MethodPost, w.cohortFormsPath(uuid.New()), attachBody(tmpl.ID, time.Hour, 48*time.Hour), 0),
		http.StatusNotFound)
	wantStatus(t, w.call(t, "admin", http.MethodPost, "/cohorts/geen-id/evaluation-forms", attachBody(tmpl.ID, time.Hour, 48*time.Hour), 0),
		http.StatusNotFound)
}

func TestAttachReportsEveryWrongField(t *testing.T) {
	w := newEvalWorld(t)
	tmpl := w.createTemplate(t, sampleForm("Evaluatie bijeenkomst"))
	r := w.call(t, "admin", http.MethodPost, "/programmes/"+w.OtherProgramme.String()+"/evaluation-templates",
		sampleForm("Evaluatie regio"), 0)
	wantStatus(t, r, http.StatusCreated)
	var otherTmpl formJSON
	r.JSON(t, &otherTmpl)
	copyForm := w.attach(t, attachBody(tmpl.ID, time.Hour, 48*time.Hour))
	start := time.Now().Add(10 * 24 * time.Hour)
	otherSession := w.App.Session(t, w.OtherCohort, 1, "Elders", start, time.Hour)
	cancelled := w.App.Session(t, w.Cohort, 1, "Gaat niet door", start, time.Hour)
	w.App.Exec(t, `UPDATE sessions SET status = 'cancelled' WHERE id = ?`, cancelled)
	otherModule := w.moduleID(t, w.OtherCohort, 1)
	ok := func() map[string]any { return attachBody(tmpl.ID, time.Hour, 48*time.Hour) }
	with := func(changes map[string]any) map[string]any {
		b := ok()
		for k, v := range changes {
			if v == nil {
				delete(b, k)
			} else {
				b[k] = v
			}
		}
		return b
	}
	cases := []struct {
		name   string
		body   map[string]any
		fields []string
	}{
		{"empty", map[string]any{}, []string{"templateId:required", "scope:required", "opensAt:required", "closesAt:required"}},
		{"other programme, unknown scope, backwards", with(map[string]any{"templateId": otherTmpl.ID, "scope": "bijeenkomst",
			"opensAt": moment(72 * time.Hour), "closesAt": moment(48 * time.Hour)}),
			[]string{"templateId:other_programme", "scope:invalid", "closesAt:before_opens"}},
		{"a cohort form is no template", with(map[string]any{"templateId": copyForm.ID}), []string{"templateId:not_template"}},
		{"no such template", with(map[string]any{"templateId": uuid.New()}), []string{"templateId:not_found"}},
		{"no id", with(map[string]any{"templateId": "sjabloon-1"}), []string{"templateId:invalid"}},
		{"session scope without session, with module", with(map[string]any{"scope": "session", "moduleId": w.moduleID(t, w.Cohort, 1)}),
			[]string{"sessionId:required", "moduleId:not_allowed"}},
		{"module scope without module", with(map[string]any{"scope": "module"}), []string{"moduleId:required"}},
		{"another cohort's session", with(map[string]any{"scope": "session", "sessionId": otherSession}), []string{"sessionId:not_in_cohort"}},
		{"a cancelled session", with(map[string]any{"scope": "session", "sessionId": cancelled}), []string{"sessionId:cancelled"}},
		{"another cohort's module", with(map[string]any{"scope": "module", "moduleId": otherModule}), []string{"moduleId:not_in_cohort"}},
		{"cohort scope naming a session", with(map[string]any{"sessionId": cancelled}), []string{"sessionId:not_allowed"}},
		{"closes when it opens", with(map[string]any{"closesAt": ok()["opensAt"]}), []string{"closesAt:before_opens"}},
		{"closed from the start", with(map[string]any{"opensAt": moment(-72 * time.Hour), "closesAt": moment(-time.Hour)}),
			[]string{"closesAt:past"}},
		{"not a moment", with(map[string]any{"opensAt": "morgen", "closesAt": "2026-13-01T00:00:00Z"}),
			[]string{"opensAt:invalid", "closesAt:invalid"}},
		{"long title", with(map[string]any{"title": strings.Repeat("x", 201)}), []string{"title:too_long"}},
		{"unknown field", with(map[string]any{"kleur": "rood"}), []string{"kleur:unknown"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := w.call(t, "admin", http.MethodPost, w.cohortFormsPath(w.Cohort), c.body, 0)
			wantFields(t, r, http.StatusUnprocessableEntity, c.fields...)
		})
	}
	if n := w.count(t, `SELECT count(*) FROM evaluation_forms WHERE cohort_id IS NOT NULL`); n != 1 {
		t.Fatalf("%d cohort forms, want only the first", n)
	}
}

func TestAttachRefusesArchivedCohortsAndDoubleAttaching(t *testing.T) {
	w := newEvalWorld(t)
	tmpl := w.createTemplate(t, sampleForm("Evaluatie bijeenkomst"))
	first := w.attach(t, attachBody(tmpl.ID, time.Hour, 10*24*time.Hour))
	// The same template on the same target in an overlapping period: a double click.
	r := w.call(t, "admin", http.MethodPost, w.cohortFormsPath(w.Cohort), attachBody(tmpl.ID, 5*24*time.Hour, 20*24*time.Hour), 0)
	wantFields(t, r, http.StatusConflict, "templateId:duplicate")
	// After it closes, the same template again (a closing evaluation after a mid-term one) is fine.
	second := w.attach(t, attachBody(tmpl.ID, 10*24*time.Hour+time.Minute, 20*24*time.Hour))
	if second.ID == first.ID {
		t.Fatal("same form twice")
	}
	// Two admins clicking at once: one copy.
	other := w.createTemplate(t, sampleForm("Slotevaluatie"))
	rs := raceAll(
		func() *testapp.Response {
			return w.call(t, "admin", http.MethodPost, w.cohortFormsPath(w.Cohort), attachBody(other.ID, time.Hour, 48*time.Hour), 0)
		},
		func() *testapp.Response {
			return w.call(t, "admin", http.MethodPost, w.cohortFormsPath(w.Cohort), attachBody(other.ID, time.Hour, 48*time.Hour), 0)
		})
	if got := statuses(rs); !slices.Equal(got, []int{http.StatusCreated, http.StatusConflict}) {
		t.Fatalf("statuses %v", got)
	}

	w.App.Exec(t, `UPDATE cohorts SET status = 'archived', archived_at = now() WHERE id = ?`, w.Cohort)
	wantStatus(t, w.call(t, "admin", http.MethodPost, w.cohortFormsPath(w.Cohort), attachBody(tmpl.ID, 30*24*time.Hour, 40*24*time.Hour), 0),
		http.StatusConflict)
	wantStatus(t, w.call(t, "admin", http.MethodPut, "/evaluation-forms/"+first.ID.String()+"/period",
		map[string]any{"opensAt": moment(time.Hour), "closesAt": moment(48 * time.Hour)}, first.Version), http.StatusConflict)
	wantStatus(t, w.call(t, "admin", http.MethodDelete, "/evaluation-forms/"+first.ID.String(), nil, first.Version),
		http.StatusConflict)
	if n := w.count(t, `SELECT count(*) FROM evaluation_forms WHERE cohort_id = ?`, w.Cohort); n != 3 {
		t.Fatalf("%d cohort forms, want 3", n)
	}
}

func TestCohortFormListShowsRatesToAdminsAndTheCohortsFacilitators(t *testing.T) {
	w := newEvalWorld(t)
	// A third participant who completed the cohort is invited too; the withdrawn one is not.
	completed := w.App.User(t, "afgerond@test.example", "Afgerond", false)
	w.App.Enrol(t, w.Cohort, completed, "completed")
	open := w.openForm(t, "Evaluatie bijeenkomst")
	tmpl2 := w.createTemplate(t, sampleForm("Slotevaluatie"))
	upcoming := w.attach(t, map[string]any{"templateId": tmpl2.ID, "scope": "module", "moduleId": w.moduleID(t, w.Cohort, 1),
		"title": "Evaluatie module 1", "opensAt": moment(30 * 24 * time.Hour), "closesAt": moment(44 * 24 * time.Hour)})
	wantStatus(t, w.submit(t, "participant", open.ID, map[string]any{keyScale: map[string]any{"value": 4}}, ""), http.StatusCreated)
	// Someone who answered and then withdrew counts neither as invited nor as answered.
	wantStatus(t, w.submit(t, "other-participant", open.ID, map[string]any{keyScale: map[string]any{"value": 2}}, ""), http.StatusCreated)
	w.App.Exec(t, `UPDATE enrolments SET status = 'withdrawn', withdrawn_at = now() WHERE user_id = ?`, w.Users["other-participant"])
	// A form of another cohort is not listed.
	w.App.Exec(t, `INSERT INTO evaluation_forms (programme_id, cohort_id, scope, title, opens_at, closes_at)
		VALUES (?, ?, 'cohort', 'Elders', now(), now() + interval '1 day')`, w.Programme, w.OtherCohort)

	want := []cohortFormSummaryJSON{
		{ID: open.ID, Title: "Evaluatie bijeenkomst", Scope: "cohort", TargetTitle: "2026–2027", OpensAt: *open.OpensAt,
			ClosesAt: *open.ClosesAt, State: "open", CopiedFromFormID: open.CopiedFromFormID, Invited: 2, Answered: 1,
			ResponseRate: 0.5, Version: 2},
		{ID: upcoming.ID, Title: "Evaluatie module 1", Scope: "module", ModuleID: upcoming.ModuleID,
			TargetTitle: "De gemeentesecretaris in zijn/haar context", OpensAt: *upcoming.OpensAt, ClosesAt: *upcoming.ClosesAt,
			State: "upcoming", CopiedFromFormID: &tmpl2.ID, Invited: 2, Answered: 0, ResponseRate: 0, Version: 1},
	}
	cases := map[string]int{
		"admin": http.StatusOK, "facilitator": http.StatusOK, "programme-facilitator": http.StatusOK,
		"other-cohort-facilitator": http.StatusForbidden, "other-programme-facilitator": http.StatusForbidden,
		"reviewer": http.StatusForbidden, "participant": http.StatusForbidden, "other-cohort-participant": http.StatusForbidden,
		"withdrawn-participant": http.StatusForbidden, "anonymous": http.StatusUnauthorized,
	}
	for role, status := range cases {
		t.Run(role, func(t *testing.T) {
			r := w.call(t, role, http.MethodGet, w.cohortFormsPath(w.Cohort), nil, 0)
			wantStatus(t, r, status)
			if status != http.StatusOK {
				return
			}
			var l cohortFormListJSON
			r.JSON(t, &l)
			if len(l.Forms) != len(want) {
				t.Fatalf("forms %+v", l.Forms)
			}
			for i := range want {
				g, x := l.Forms[i], want[i]
				if !g.OpensAt.Equal(x.OpensAt) || !g.ClosesAt.Equal(x.ClosesAt) {
					t.Fatalf("form %d period %v–%v, want %v–%v", i, g.OpensAt, g.ClosesAt, x.OpensAt, x.ClosesAt)
				}
				g.OpensAt, g.ClosesAt = x.OpensAt, x.ClosesAt
				if fmt.Sprintf("%+v", derefSummary(g)) != fmt.Sprintf("%+v", derefSummary(x)) {
					t.Fatalf("form %d\n got %+v\nwant %+v", i, derefSummary(g), derefSummary(x))
				}
			}
		})
	}
	wantStatus(t, w.call(t, "admin", http.MethodGet, w.cohortFormsPath(uuid.New()), nil, 0), http.StatusNotFound)
	var empty cohortFormListJSON
	r := w.call(t, "other-cohort-facilitator", http.MethodGet, w.cohortFormsPath(w.OtherCohort), nil, 0)
	wantStatus(t, r, http.StatusOK)
	r.JSON(t, &empty)
	if len(empty.Forms) != 1 || empty.Forms[0].Title != "Elders" || empty.Forms[0].Invited != 1 || empty.Forms[0].CopiedFromFormID != nil {
		t.Fatalf("other cohort %+v", empty.Forms)
	}
}

// derefSummary makes a summary printable with its pointers' values.
func derefSummary(s cohortFormSummaryJSON) string {
	str := func(id *uuid.UUID) string {
		if id == nil {
			return "nil"
		}
		return id.String()
	}
	return fmt.Sprintf("%s %q %s s=%s m=%s %q %s from=%s %d/%d %v v%d", s.ID, s.Title, s.Scope, str(s.SessionID),
		str(s.ModuleID), s.TargetTitle, s.State, str(s.CopiedFromFormID), s.Answered, s.Invited, s.ResponseRate, s.Version)
}

func TestSetPeriodMovesTheFormBasedOnItsVersion(t *testing.T) {
	w := newEvalWorld(t)
	tmpl := w.createTemplate(t, sampleForm("Evaluatie bijeenkomst"))
	f := w.attach(t, attachBody(tmpl.ID, 24*time.Hour, 48*time.Hour))
	path := "/evaluation-forms/" + f.ID.String() + "/period"
	past := map[string]any{"opensAt": moment(-48 * time.Hour), "closesAt": moment(-time.Hour)}

	for _, role := range []string{"facilitator", "programme-facilitator", "reviewer", "participant", "other-programme-facilitator"} {
		wantStatus(t, w.call(t, role, http.MethodPut, path, past, f.Version), http.StatusForbidden)
	}
	wantStatus(t, w.call(t, "anonymous", http.MethodPut, path, past, f.Version), http.StatusUnauthorized)
	wantStatus(t, w.call(t, "admin", http.MethodPut, path, past, 0), http.StatusPreconditionRequired)
	wantStatus(t, w.call(t, "admin", http.MethodPut, path, past, f.Version+1), http.StatusPreconditionFailed)
	wantFields(t, w.call(t, "admin", http.MethodPut, path, map[string]any{"opensAt": moment(time.Hour), "closesAt": moment(-time.Hour)},
		f.Version), http.StatusUnprocessableEntity, "closesAt:before_opens")
	wantFields(t, w.call(t, "admin", http.MethodPut, path, map[string]any{"closesAt": "gisteren"}, f.Version),
		http.StatusUnprocessableEntity, "opensAt:required", "closesAt:invalid")
	wantStatus(t, w.call(t, "admin", http.MethodPut, "/evaluation-forms/"+uuid.NewString()+"/period", past, 1), http.StatusNotFound)
	wantStatus(t, w.call(t, "admin", http.MethodPut, "/evaluation-forms/"+tmpl.ID.String()+"/period", past, tmpl.Version),
		http.StatusConflict)

	// Closing a form early (into the past) is allowed; it is then closed.
	r := w.call(t, "admin", http.MethodPut, path, past, f.Version)
	wantStatus(t, r, http.StatusOK)
	var g attachedJSON
	r.JSON(t, &g)
	if r.Header.Get("ETag") != `"2"` || g.Version != 2 || *g.State != "closed" || !g.OpensAt.Equal(mustTime(t, past["opensAt"].(string))) ||
		!g.ClosesAt.Equal(mustTime(t, past["closesAt"].(string))) || len(g.Questions) != 4 {
		t.Fatalf("ETag %q, form %+v", r.Header.Get("ETag"), g)
	}
	g = w.movePeriod(t, f.ID, -time.Hour, time.Hour)
	if *g.State != "open" || g.Version != 3 {
		t.Fatalf("reopened %+v", g)
	}
}

func TestConcurrentPeriodChangesLetExactlyOneWin(t *testing.T) {
	w := newEvalWorld(t)
	tmpl := w.createTemplate(t, sampleForm("Evaluatie bijeenkomst"))
	f := w.attach(t, attachBody(tmpl.ID, time.Hour, 48*time.Hour))
	path := "/evaluation-forms/" + f.ID.String() + "/period"
	version := f.Version
	for round := range 5 {
		bodies := []map[string]any{
			{"opensAt": moment(time.Duration(round+1) * time.Hour), "closesAt": moment(72 * time.Hour)},
			{"opensAt": moment(time.Duration(round+2) * time.Hour), "closesAt": moment(96 * time.Hour)},
		}
		rs := raceAll(
			func() *testapp.Response { return w.call(t, "admin", http.MethodPut, path, bodies[0], version) },
			func() *testapp.Response { return w.call(t, "admin", http.MethodPut, path, bodies[1], version) })
		if got := statuses(rs); !slices.Equal(got, []int{http.StatusOK, http.StatusPreconditionFailed}) {
			t.Fatalf("round %d: statuses %v", round, got)
		}
		win := 0
		if rs[1].StatusCode == http.StatusOK {
			win = 1
		}
		var now attachedJSON
		w.call(t, "admin", http.MethodGet, "/evaluation-forms/"+f.ID.String(), nil, 0).JSON(t, &now)
		if now.Version != version+1 || !now.ClosesAt.Equal(mustTime(t, bodies[win]["closesAt"].(string))) {
			t.Fatalf("round %d: stored %+v, winner %d", round, now, win)
		}
		version = now.Version
	}
}

func TestDeleteRemovesOnlyFormsNobodyAnswered(t *testing.T) {
	w := newEvalWorld(t)
	tmpl := w.createTemplate(t, sampleForm("Ongebruikt sjabloon"))
	answered := w.openForm(t, "Evaluatie bijeenkomst")
	wantStatus(t, w.submit(t, "participant", answered.ID, map[string]any{keyScale: map[string]any{"value": 5}}, ""), http.StatusCreated)
	unanswered := w.openForm(t, "Slotevaluatie")
	// A draft is no answer: it goes with the form.
	wantStatus(t, w.saveDraft(t, "other-participant", unanswered.ID, map[string]any{keyScale: map[string]any{"value": 3}}, 0),
		http.StatusOK)
	path := "/evaluation-forms/" + unanswered.ID.String()

	for _, role := range []string{"facilitator", "programme-facilitator", "reviewer", "participant", "other-programme-facilitator"} {
		wantStatus(t, w.call(t, role, http.MethodDelete, path, nil, unanswered.Version), http.StatusForbidden)
	}
	wantStatus(t, w.call(t, "anonymous", http.MethodDelete, path, nil, unanswered.Version), http.StatusUnauthorized)
	wantStatus(t, w.call(t, "admin", http.MethodDelete, path, nil, 0), http.StatusPreconditionRequired)
	wantStatus(t, w.call(t, "admin", http.MethodDelete, path, nil, unanswered.Version+1), http.StatusPreconditionFailed)
	wantStatus(t, w.call(t, "admin", http.MethodDelete, "/evaluation-forms/"+answered.ID.String(), nil, answered.Version),
		http.StatusConflict)
	// The template has copies (the answered one among them).
	var tmplNow formJSON
	w.call(t, "admin", http.MethodGet, "/evaluation-forms/"+answered.CopiedFromFormID.String(), nil, 0).JSON(t, &tmplNow)
	wantStatus(t, w.call(t, "admin", http.MethodDelete, "/evaluation-forms/"+tmplNow.ID.String(), nil, tmplNow.Version),
		http.StatusConflict)

	wantStatus(t, w.call(t, "admin", http.MethodDelete, path, nil, unanswered.Version), http.StatusNoContent)
	wantStatus(t, w.call(t, "admin", http.MethodGet, path, nil, 0), http.StatusNotFound)
	if n := w.count(t, `SELECT count(*) FROM evaluation_questions WHERE form_id = ?`, unanswered.ID) +
		w.count(t, `SELECT count(*) FROM evaluation_drafts WHERE form_id = ?`, unanswered.ID); n != 0 {
		t.Fatalf("%d questions and drafts left", n)
	}
	// Its template now has no copies and goes too; the unrelated template without copies as well.
	var slot formJSON
	w.call(t, "admin", http.MethodGet, "/evaluation-forms/"+unanswered.CopiedFromFormID.String(), nil, 0).JSON(t, &slot)
	wantStatus(t, w.call(t, "admin", http.MethodDelete, "/evaluation-forms/"+slot.ID.String(), nil, slot.Version), http.StatusNoContent)
	wantStatus(t, w.call(t, "admin", http.MethodDelete, "/evaluation-forms/"+tmpl.ID.String(), nil, tmpl.Version), http.StatusNoContent)
	wantStatus(t, w.call(t, "admin", http.MethodDelete, "/evaluation-forms/"+uuid.NewString(), nil, 1), http.StatusNotFound)
	if n := w.count(t, `SELECT count(*) FROM evaluation_forms`); n != 2 {
		t.Fatalf("%d forms left, want the answered one and its template", n)
	}
}

func TestConcurrentDeletesPeriodChangesAndSubmits(t *testing.T) {
	w := newEvalWorld(t)
	for round := range 4 {
		f := w.openForm(t, "Evaluatie "+strconv.Itoa(round)+"a")
		path := "/evaluation-forms/" + f.ID.String()
		// Two deletes: one removes it, the other finds nothing.
		rs := raceAll(
			func() *testapp.Response { return w.call(t, "admin", http.MethodDelete, path, nil, f.Version) },
			func() *testapp.Response { return w.call(t, "admin", http.MethodDelete, path, nil, f.Version) })
		if got := statuses(rs); !slices.Equal(got, []int{http.StatusNoContent, http.StatusNotFound}) {
			t.Fatalf("round %d, two deletes: %v", round, got)
		}

		// A delete and a period change based on one version: exactly one of them happens.
		g := w.openForm(t, "Evaluatie "+strconv.Itoa(round)+"b")
		gpath := "/evaluation-forms/" + g.ID.String()
		rs = raceAll(
			func() *testapp.Response { return w.call(t, "admin", http.MethodDelete, gpath, nil, g.Version) },
			func() *testapp.Response {
				return w.call(t, "admin", http.MethodPut, gpath+"/period",
					map[string]any{"opensAt": moment(-time.Hour), "closesAt": moment(time.Hour)}, g.Version)
			})
		switch got := [2]int{rs[0].StatusCode, rs[1].StatusCode}; got {
		case [2]int{http.StatusNoContent, http.StatusNotFound}:
			wantStatus(t, w.call(t, "admin", http.MethodGet, gpath, nil, 0), http.StatusNotFound)
		case [2]int{http.StatusPreconditionFailed, http.StatusOK}:
			wantStatus(t, w.call(t, "admin", http.MethodGet, gpath, nil, 0), http.StatusOK)
		default:
			t.Fatalf("round %d, delete and period: %v", round, got)
		}

		// A delete and a submit: either the answer is stored and the form stays, or the form is gone first.
		h := w.openForm(t, "Evaluatie "+strconv.Itoa(round)+"c")
		hpath := "/evaluation-forms/" + h.ID.String()
		rs = raceAll(
			func() *testapp.Response { return w.call(t, "admin", http.MethodDelete, hpath, nil, h.Version) },
			func() *testapp.Response {
				return w.submit(t, "participant", h.ID, map[string]any{keyScale: map[string]any{"value": 4}}, "")
			})
		switch got := [2]int{rs[0].StatusCode, rs[1].StatusCode}; got {
		case [2]int{http.StatusConflict, http.StatusCreated}:
			if n := w.count(t, `SELECT count(*) FROM evaluation_responses WHERE form_id = ?`, h.ID); n != 1 {
				t.Fatalf("round %d: %d responses", round, n)
			}
		case [2]int{http.StatusNoContent, http.StatusNotFound}:
			if n := w.count(t, `SELECT count(*) FROM evaluation_submissions WHERE form_id = ?`, h.ID); n != 0 {
				t.Fatalf("round %d: %d submissions of a deleted form", round, n)
			}
		default:
			t.Fatalf("round %d, delete and submit: %v", round, got)
		}
	}
}

func TestEditingTheQuestionsOfACohortForm(t *testing.T) {
	w := newEvalWorld(t)
	f := w.openForm(t, "Evaluatie bijeenkomst")
	path := "/evaluation-forms/" + f.ID.String()
	body := sampleForm("Evaluatie bijeenkomst, aangepast")
	qs := body["questions"].([]map[string]any)
	for i := range qs {
		qs[i]["key"] = f.Questions[i].Key
	}
	qs[3]["prompt"] = "Wat neemt u mee naar uw gemeente?"
	r := w.call(t, "admin", http.MethodPut, path, body, f.Version)
	wantStatus(t, r, http.StatusOK)
	var g attachedJSON
	r.JSON(t, &g)
	if g.Title != "Evaluatie bijeenkomst, aangepast" || g.Questions[3].Prompt != "Wat neemt u mee naar uw gemeente?" ||
		g.Questions[3].ID != f.Questions[3].ID || *g.Scope != "cohort" || *g.State != "open" || g.IsTemplate ||
		*g.CopiedFromFormID != *f.CopiedFromFormID || g.Version != f.Version+1 {
		t.Fatalf("form %+v", g)
	}
	// Once answered, a question cannot go.
	wantStatus(t, w.submit(t, "participant", f.ID, map[string]any{keyScale: map[string]any{"value": 4}}, ""), http.StatusCreated)
	removed := map[string]any{"title": body["title"], "questions": qs[:3]}
	wantFields(t, w.call(t, "admin", http.MethodPut, path, removed, g.Version), http.StatusConflict, "questions:removed")
}
