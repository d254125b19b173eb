package evaluation_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/testapp"
)

// ---- fixtures, written by SQL: the report reads what the attach and submit endpoints store ----

// fixtureQuestion is a question of a fixture template; options is the jsonb of evaluation_questions.
type fixtureQuestion struct{ key, kind, prompt, options string }

var (
	qSpreker    = fixtureQuestion{"spreker", "scale", "Hoe waardeert u de spreker?", `{"labels": {"1": "slecht", "5": "uitstekend"}}`}
	qAanbevelen = fixtureQuestion{"aanbevelen", "recommendation", "Zou u de leergang aanbevelen?", `{"labels": {}}`}
	qLengte     = fixtureQuestion{"lengte", "choice", "Was de lengte goed?",
		`{"choices": [{"value": "te-kort", "label": "Te kort"}, {"value": "goed", "label": "Goed"}, {"value": "te-lang", "label": "Te lang"}]}`}
	qMeenemen = fixtureQuestion{"meenemen", "text", "Wat neemt u mee?", `{}`}
)

// template inserts a template with the questions; revisionOf makes it the next revision of that template.
func (w *evalWorld) template(t testing.TB, title string, revisionOf *uuid.UUID, qs ...fixtureQuestion) uuid.UUID {
	t.Helper()
	revision := 1
	if revisionOf != nil {
		if err := w.App.DB.Raw(`SELECT revision + 1 FROM evaluation_forms WHERE id = ?`, *revisionOf).Row().Scan(&revision); err != nil {
			t.Fatal(err)
		}
	}
	id := w.insertID(t, `INSERT INTO evaluation_forms (programme_id, is_template, title, revision, copied_from_form_id)
		VALUES (?, true, ?, ?, ?) RETURNING id`, w.Programme, title, revision, revisionOf)
	for i, q := range qs {
		w.App.Exec(t, `INSERT INTO evaluation_questions (form_id, position, key, kind, prompt, options)
			VALUES (?, ?, ?, ?, ?, ?::jsonb)`, id, i+1, q.key, q.kind, q.prompt, q.options)
	}
	return id
}

// cohortForm copies a template (nil: a form of its own, with the questions qs) into the cohort, as the attach
// endpoint does; scope is cohort, or session/module with the id of the target.
func (w *evalWorld) cohortForm(t testing.TB, tmpl *uuid.UUID, cohort uuid.UUID, title, scope string, target *uuid.UUID,
	opens time.Time, qs ...fixtureQuestion) uuid.UUID {
	t.Helper()
	var session, module *uuid.UUID
	switch scope {
	case "session":
		session = target
	case "module":
		module = target
	}
	revision := 1
	if tmpl != nil {
		if err := w.App.DB.Raw(`SELECT revision FROM evaluation_forms WHERE id = ?`, *tmpl).Row().Scan(&revision); err != nil {
			t.Fatal(err)
		}
	}
	id := w.insertID(t, `INSERT INTO evaluation_forms (programme_id, cohort_id, scope, session_id, module_id, title,
			revision, opens_at, closes_at, copied_from_form_id)
		SELECT programme_id, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM cohorts WHERE id = ? RETURNING id`,
		cohort, scope, session, module, title, revision, opens, opens.AddDate(0, 0, 14), tmpl, cohort)
	if tmpl != nil {
		w.App.Exec(t, `INSERT INTO evaluation_questions (form_id, position, key, kind, prompt, help_text, required, options)
			SELECT ?, position, key, kind, prompt, help_text, required, options FROM evaluation_questions WHERE form_id = ?`,
			id, *tmpl)
	}
	for i, q := range qs {
		w.App.Exec(t, `INSERT INTO evaluation_questions (form_id, position, key, kind, prompt, options)
			VALUES (?, ?, ?, ?, ?, ?::jsonb)`, id, i+1, q.key, q.kind, q.prompt, q.options)
	}
	return id
}

func (w *evalWorld) insertID(t testing.TB, sql string, args ...any) uuid.UUID {
	t.Helper()
	var id uuid.UUID
	if err := w.App.DB.Raw(sql, args...).Row().Scan(&id); err != nil {
		t.Fatalf("insert: %v", err)
	}
	return id
}

// responses stores n empty responses to the form and returns their ids; the answer helpers fill them in.
func (w *evalWorld) responses(t testing.TB, form uuid.UUID, n int) []uuid.UUID {
	t.Helper()
	var ids []uuid.UUID
	if err := w.App.DB.Raw(`INSERT INTO evaluation_responses (form_id, submitted_on)
		SELECT ?, current_date FROM generate_series(1, ?) RETURNING id`, form, n).Scan(&ids).Error; err != nil {
		t.Fatal(err)
	}
	return ids
}

// answer stores the i-th value as the answer of the i-th response to the question key: an int for scale and
// recommendation, a string for a choice, a text or a shared text for an open question.
func (w *evalWorld) answer(t testing.TB, form uuid.UUID, rs []uuid.UUID, key string, values ...any) {
	t.Helper()
	if len(values) > len(rs) {
		t.Fatalf("%d answers for %d responses", len(values), len(rs))
	}
	for i, v := range values {
		var scale, choice, text any
		share := false
		switch v := v.(type) {
		case int:
			scale = v
		case string:
			choice = v
		case openAnswer:
			text, share = v.text, v.share
		default:
			t.Fatalf("answer %T", v)
		}
		w.App.Exec(t, `INSERT INTO evaluation_answers (response_id, form_id, question_id, question_kind, scale_value,
				choice_value, text_value, share_with_funder)
			SELECT ?, form_id, id, kind, ?::smallint, ?::text, ?::text, ? FROM evaluation_questions WHERE form_id = ? AND key = ?`,
			rs[i], scale, choice, text, share, form, key)
	}
}

type openAnswer struct {
	text  string
	share bool
}

func shared(s string) openAnswer  { return openAnswer{s, true} }
func private(s string) openAnswer { return openAnswer{s, false} }

// people enrols n new participants with the status in the cohort and returns their ids.
func (w *evalWorld) people(t testing.TB, cohort uuid.UUID, status string, n int) []uuid.UUID {
	t.Helper()
	var ids []uuid.UUID
	for range n {
		id := w.App.User(t, "p-"+uuid.NewString()[:8]+"@test.example", "Deelnemer "+uuid.NewString()[:6], false)
		w.App.Enrol(t, cohort, id, status)
		ids = append(ids, id)
	}
	return ids
}

// attend records the statuses for the people at the session.
func (w *evalWorld) attend(t testing.TB, session, cohort uuid.UUID, people []uuid.UUID, statuses ...string) {
	t.Helper()
	for i, s := range statuses {
		w.App.Exec(t, `INSERT INTO attendance (session_id, user_id, cohort_id, status) VALUES (?, ?, ?, ?)`,
			session, people[i], cohort, s)
	}
}

// cohortIn adds a running cohort starting in the year.
func (w *evalWorld) cohortIn(t testing.TB, name string, year int, status string) uuid.UUID {
	t.Helper()
	id := w.App.Cohort(t, w.Programme, name, "Module")
	w.setCohort(t, id, year, status)
	return id
}

func (w *evalWorld) setCohort(t testing.TB, id uuid.UUID, year int, status string) {
	t.Helper()
	archived := "NULL"
	if status == "archived" {
		archived = "now()"
	}
	w.App.Exec(t, `UPDATE cohorts SET starts_on = make_date(?, 9, 1), ends_on = make_date(? + 1, 6, 30), status = ?,
		archived_at = `+archived+` WHERE id = ?`, year, year, status, id)
}

func (w *evalWorld) moduleOf(t testing.TB, cohort uuid.UUID, position int) uuid.UUID {
	t.Helper()
	return w.insertID(t, `SELECT id FROM modules WHERE cohort_id = ? AND position = ?`, cohort, position)
}

// ---- the report as JSON, and its stats in a form that reads like a hand calculation ----

type statJSON struct {
	Withheld     bool
	N            int
	Mean, Median *float64
	Distribution []struct {
		Value, Label string
		Count        int
	}
	NPS *struct {
		Promoters, Passives, Detractors int
		Score                           float64
	}
}

type groupJSON struct {
	ID, Label string
	Stat      statJSON
}

type questionReportJSON struct {
	Key, Prompt, Kind        string
	Overall                  statJSON
	ByYear, ByCohort, ByForm []groupJSON
	SharedAnswers            []string
}

type reportFormJSON struct {
	FormID, CohortID   uuid.UUID
	CohortName         string
	Year               int
	Title, TargetTitle string
	OpensAt, ClosesAt  time.Time
	Invited            int
	ResponseRate       float64
}

type lineageJSON struct {
	LineageID uuid.UUID
	Title     string
	Forms     []reportFormJSON
	Responses int
	Withheld  bool
	Questions []questionReportJSON
}

type cohortFiguresJSON struct {
	CohortID                         uuid.UUID
	Name                             string
	Year                             int
	Status                           string
	Enrolments, Completed, Withdrawn int
	CompletionRate, AttendanceRate   *float64
}

type reportJSON struct {
	Programme struct {
		ID   uuid.UUID
		Name string
		K    int
	}
	CohortID    *uuid.UUID
	GeneratedAt time.Time
	Figures     struct {
		Cohorts, Enrolments, Completed, Withdrawn int
		CompletionRate, AttendanceRate            *float64
		ByCohort                                  []cohortFiguresJSON
	}
	Forms []lineageJSON
}

func (r reportJSON) lineage(t *testing.T, title string) lineageJSON {
	t.Helper()
	for _, l := range r.Forms {
		if l.Title == title {
			return l
		}
	}
	t.Fatalf("no lineage %q in %+v", title, r.Forms)
	return lineageJSON{}
}

func (l lineageJSON) question(t *testing.T, key, kind string) questionReportJSON {
	t.Helper()
	for _, q := range l.Questions {
		if q.Key == key && q.Kind == kind {
			return q
		}
	}
	t.Fatalf("no question %s (%s) in %q", key, kind, l.Title)
	return questionReportJSON{}
}

// dec writes a number with up to four decimals, as the expectations are written.
func dec(f *float64) string {
	if f == nil {
		return "-"
	}
	s := fmt.Sprintf("%.4f", *f)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		return "0"
	}
	return s
}

// String is a stat in one line: "n=6 mean=4 median=4 [1(slecht):0 2:0 3:2 4:2 5(uitstekend):2]" (with
// "nps=P/Pa/D:score" for recommendations), or "withheld", which must carry nothing but the flag.
func (s statJSON) String() string {
	if s.Withheld {
		if s.N != 0 || s.Mean != nil || s.Median != nil || len(s.Distribution) != 0 || s.NPS != nil {
			return fmt.Sprintf("withheld but showing n=%d mean=%s median=%s %d buckets nps=%v", s.N, dec(s.Mean),
				dec(s.Median), len(s.Distribution), s.NPS != nil)
		}
		return "withheld"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "n=%d mean=%s median=%s [", s.N, dec(s.Mean), dec(s.Median))
	for i, d := range s.Distribution {
		if i > 0 {
			b.WriteString(" ")
		}
		if d.Label == d.Value {
			fmt.Fprintf(&b, "%s:%d", d.Value, d.Count)
		} else {
			fmt.Fprintf(&b, "%s(%s):%d", d.Value, d.Label, d.Count)
		}
	}
	b.WriteString("]")
	if s.NPS != nil {
		score := s.NPS.Score
		fmt.Fprintf(&b, " nps=%d/%d/%d:%s", s.NPS.Promoters, s.NPS.Passives, s.NPS.Detractors, dec(&score))
	}
	return b.String()
}

// groups lists "label: stat" per group.
func groups(gs []groupJSON) []string {
	out := []string{}
	for _, g := range gs {
		out = append(out, g.Label+": "+g.Stat.String())
	}
	return out
}

func wantLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\n got  %s\n want %s", what, strings.Join(got, "\n      "), strings.Join(want, "\n      "))
	}
}

func (w *evalWorld) reportPath(cohort *uuid.UUID) string {
	p := "/programmes/" + w.Programme.String() + "/evaluation-report"
	if cohort != nil {
		p += "?cohortId=" + cohort.String()
	}
	return p
}

// report reads the report as role and fails unless it is a 200.
func (w *evalWorld) report(t *testing.T, role string, cohort *uuid.UUID) reportJSON {
	t.Helper()
	path := w.reportPath(cohort)
	if cohort == nil {
		path += "?formSplits=true" // the groups per form are where withholding is decided
	}
	r := w.call(t, role, http.MethodGet, path, nil, 0)
	wantStatus(t, r, http.StatusOK)
	var out reportJSON
	r.JSON(t, &out)
	return out
}

// ---- the fixture of the hand calculation ----

// handFixture is a programme with two years:
//   - 2021: cohort A (OtherCohort, completed; 8 completed, 2 withdrawn), forms A1 (session, 6 responses) and A2
//     (module, 5 responses), both copies of revision 1 of "Evaluatie bijeenkomst";
//   - 2026: cohort B (Cohort, running; 10 active, 1 withdrawn), form B1 (cohort scope, 5 responses), a copy of
//     revision 2, which rewords the scale question.
//
// Open answers: A1 6 (3 shared), A2 5 (1 shared), B1 3 (1 shared), so for the open question 2026 has 3 answers.
type handFixture struct {
	*evalWorld
	tmpl1, tmpl2, a1, a2, b1 uuid.UUID
	cohortA, cohortB         uuid.UUID
}

func newHandFixture(t *testing.T) *handFixture {
	w := newEvalWorld(t)
	f := &handFixture{evalWorld: w, cohortA: w.OtherCohort, cohortB: w.Cohort}
	w.setCohort(t, f.cohortA, 2021, "completed")
	w.App.Exec(t, `UPDATE cohorts SET name = 'Groep Zeeën 2021' WHERE id = ?`, f.cohortA)
	// A: other-cohort-participant (completed) + 7 completed + 2 withdrawn. B: 2 active + 1 withdrawn + 8 active.
	aPeople := append([]uuid.UUID{w.Users["other-cohort-participant"]}, w.people(t, f.cohortA, "completed", 7)...)
	w.people(t, f.cohortA, "withdrawn", 2)
	bPeople := append([]uuid.UUID{w.Users["participant"], w.Users["other-participant"]}, w.people(t, f.cohortB, "active", 8)...)

	// Attendance: A 5 present, 2 absent, 1 excused (8 people); a cancelled session's record does not count.
	// B 3 present, 1 absent: 4 people, fewer than k, so B's rate is withheld.
	sessA := w.App.Session(t, f.cohortA, 1, "Digitale strategie", time.Date(2021, 10, 5, 9, 0, 0, 0, time.UTC), 3*time.Hour)
	w.attend(t, sessA, f.cohortA, aPeople, "present", "present", "present", "present", "present", "absent", "absent", "excused")
	cancelled := w.App.Session(t, f.cohortA, 1, "Vervallen", time.Date(2021, 11, 5, 9, 0, 0, 0, time.UTC), 3*time.Hour)
	w.attend(t, cancelled, f.cohortA, aPeople[5:6], "present")
	w.App.Exec(t, `UPDATE sessions SET status = 'cancelled' WHERE id = ?`, cancelled)
	sessB := w.App.Session(t, f.cohortB, 1, "Kick-off", time.Date(2026, 9, 10, 9, 0, 0, 0, time.UTC), 3*time.Hour)
	w.attend(t, sessB, f.cohortB, bPeople, "present", "present", "present", "absent")

	f.tmpl1 = w.template(t, "Evaluatie bijeenkomst", nil, qSpreker, qAanbevelen, qLengte, qMeenemen)
	reworded := qSpreker
	reworded.prompt = "Hoe waardeert u de spreker(s)?"
	f.tmpl2 = w.template(t, "Evaluatie bijeenkomst", &f.tmpl1, reworded, qAanbevelen, qLengte, qMeenemen)

	f.a1 = w.cohortForm(t, &f.tmpl1, f.cohortA, "Evaluatie strategie", "session", &sessA,
		time.Date(2021, 10, 5, 12, 0, 0, 0, time.UTC))
	moduleA := w.moduleOf(t, f.cohortA, 1)
	f.a2 = w.cohortForm(t, &f.tmpl1, f.cohortA, "Evaluatie module Context", "module", &moduleA,
		time.Date(2022, 3, 1, 12, 0, 0, 0, time.UTC))
	f.b1 = w.cohortForm(t, &f.tmpl2, f.cohortB, "Slotevaluatie", "cohort", nil,
		time.Date(2027, 6, 1, 12, 0, 0, 0, time.UTC))

	rs := w.responses(t, f.a1, 6)
	w.answer(t, f.a1, rs, "spreker", 5, 4, 4, 3, 5, 3)
	w.answer(t, f.a1, rs, "aanbevelen", 10, 9, 7, 6, 3) // one respondent skipped it
	w.answer(t, f.a1, rs, "lengte", "goed", "goed", "goed", "goed", "te-lang", "te-lang")
	w.answer(t, f.a1, rs, "meenemen", shared("Zebra's en olifanten"), shared("Aandacht voor de raad"),
		shared("Énorm veel geleerd"), private("GEHEIM-A1-een"), private("GEHEIM-A1-twee"), private("GEHEIM-A1-drie"))
	rs = w.responses(t, f.a2, 5)
	w.answer(t, f.a2, rs, "spreker", 2, 3, 4, 4, 5)
	w.answer(t, f.a2, rs, "aanbevelen", 10, 10, 9, 8, 5)
	w.answer(t, f.a2, rs, "lengte", "goed", "goed", "goed", "te-kort", "te-lang")
	w.answer(t, f.a2, rs, "meenemen", shared("Betere vergaderingen"), private("GEHEIM-A2-een"), private("GEHEIM-A2-twee"),
		private("GEHEIM-A2-drie"), private("GEHEIM-A2-vier"))
	rs = w.responses(t, f.b1, 5)
	w.answer(t, f.b1, rs, "spreker", 1, 2, 3, 3, 5)
	w.answer(t, f.b1, rs, "aanbevelen", 9, 8, 8, 4, 1)
	w.answer(t, f.b1, rs, "lengte", "goed", "goed", "te-kort", "te-kort", "te-kort")
	w.answer(t, f.b1, rs, "meenemen", shared("Collega's uit het land"), private("GEHEIM-B1-een"), private("GEHEIM-B1-twee"))
	return f
}

func TestReportStatisticsAreTheHandComputedOnes(t *testing.T) {
	f := newHandFixture(t)
	r := f.report(t, "reviewer", nil)

	if r.Programme.ID != f.Programme || r.Programme.Name != "Leergang Digitaal Leiderschap" || r.Programme.K != 5 ||
		r.CohortID != nil || time.Since(r.GeneratedAt) > time.Minute {
		t.Fatalf("heading %+v %v %v", r.Programme, r.CohortID, r.GeneratedAt)
	}
	if len(r.Forms) != 1 {
		t.Fatalf("%d lineages, want 1 (both revisions and their copies)", len(r.Forms))
	}
	l := r.Forms[0]
	if l.LineageID != f.tmpl1 || l.Title != "Evaluatie bijeenkomst" || l.Responses != 16 || l.Withheld {
		t.Fatalf("lineage %v %q %d %v", l.LineageID, l.Title, l.Responses, l.Withheld)
	}

	// Forms by opening moment; invited = active + completed participants of the cohort.
	var forms []string
	for _, fm := range l.Forms {
		forms = append(forms, fmt.Sprintf("%s|%s|%d|%s|%s|%s|%d|%s", fm.FormID, fm.CohortName, fm.Year, fm.Title,
			fm.TargetTitle, fm.OpensAt.Format(time.RFC3339), fm.Invited, dec(&fm.ResponseRate)))
	}
	wantLines(t, "forms", forms, []string{
		f.a1.String() + "|Groep Zeeën 2021|2021|Evaluatie strategie|Digitale strategie|2021-10-05T12:00:00Z|8|0.75",
		f.a2.String() + "|Groep Zeeën 2021|2021|Evaluatie module Context|Context|2022-03-01T12:00:00Z|8|0.625",
		f.b1.String() + "|2026–2027|2026|Slotevaluatie|2026–2027|2027-06-01T12:00:00Z|10|0.5",
	})

	var keys []string
	for _, q := range l.Questions {
		keys = append(keys, q.Key+"/"+q.Kind+"/"+q.Prompt)
	}
	wantLines(t, "questions, in the newest wording", keys, []string{
		"spreker/scale/Hoe waardeert u de spreker(s)?", "aanbevelen/recommendation/Zou u de leergang aanbevelen?",
		"lengte/choice/Was de lengte goed?", "meenemen/text/Wat neemt u mee?",
	})

	// Scale. A1 5,4,4,3,5,3: 24/6 = 4, sorted 3,3,4,4,5,5 → median 4. A2 2,3,4,4,5: 18/5 = 3.6, median 4.
	// B1 1,2,3,3,5: 14/5 = 2.8, median 3. A = 42/11 = 3.8182, 11 sorted 2,3,3,3,4,4,4,4,5,5,5 → median 4.
	// All 16: 56/16 = 3.5; 8th and 9th of 1,2,2,3,3,3,3,3,4,4,4,4,5,5,5,5 are 3 and 4 → median 3.5.
	q := l.question(t, "spreker", "scale")
	wantLines(t, "spreker overall", []string{q.Overall.String()},
		[]string{"n=16 mean=3.5 median=3.5 [1(slecht):1 2:2 3:5 4:4 5(uitstekend):4]"})
	wantLines(t, "spreker by year", groups(q.ByYear), []string{
		"2021: n=11 mean=3.8182 median=4 [1(slecht):0 2:1 3:3 4:4 5(uitstekend):3]",
		"2026: n=5 mean=2.8 median=3 [1(slecht):1 2:1 3:2 4:0 5(uitstekend):1]",
	})
	wantLines(t, "spreker by cohort", groups(q.ByCohort), []string{
		"Groep Zeeën 2021: n=11 mean=3.8182 median=4 [1(slecht):0 2:1 3:3 4:4 5(uitstekend):3]",
		"2026–2027: n=5 mean=2.8 median=3 [1(slecht):1 2:1 3:2 4:0 5(uitstekend):1]",
	})
	wantLines(t, "spreker by form", groups(q.ByForm), []string{
		"Groep Zeeën 2021 · Evaluatie strategie: n=6 mean=4 median=4 [1(slecht):0 2:0 3:2 4:2 5(uitstekend):2]",
		"Groep Zeeën 2021 · Evaluatie module Context: n=5 mean=3.6 median=4 [1(slecht):0 2:1 3:1 4:2 5(uitstekend):1]",
		"2026–2027 · Slotevaluatie: n=5 mean=2.8 median=3 [1(slecht):1 2:1 3:2 4:0 5(uitstekend):1]",
	})
	if q.ByYear[0].ID != "2021" || q.ByCohort[0].ID != f.cohortA.String() || q.ByForm[2].ID != f.b1.String() {
		t.Errorf("group ids %s %s %s", q.ByYear[0].ID, q.ByCohort[0].ID, q.ByForm[2].ID)
	}

	// Recommendation. A1 10,9,7,6,3: 35/5 = 7, median 7, promoters 2, passives 1, detractors 2 → NPS 0.
	// A2 10,10,9,8,5: 42/5 = 8.4, median 9, 3/1/1 → 40. B1 9,8,8,4,1: 30/5 = 6, median 8, 1/2/2 → −20.
	// A: 77/10 = 7.7, median (8+9)/2 = 8.5, 5/2/3 → 20. All 15: 107/15 = 7.1333, median 8, 6/4/5 → 100/15 = 6.6667.
	q = l.question(t, "aanbevelen", "recommendation")
	wantLines(t, "aanbevelen overall", []string{q.Overall.String()},
		[]string{"n=15 mean=7.1333 median=8 [0:0 1:1 2:0 3:1 4:1 5:1 6:1 7:1 8:3 9:3 10:3] nps=6/4/5:6.6667"})
	wantLines(t, "aanbevelen by year", groups(q.ByYear), []string{
		"2021: n=10 mean=7.7 median=8.5 [0:0 1:0 2:0 3:1 4:0 5:1 6:1 7:1 8:1 9:2 10:3] nps=5/2/3:20",
		"2026: n=5 mean=6 median=8 [0:0 1:1 2:0 3:0 4:1 5:0 6:0 7:0 8:2 9:1 10:0] nps=1/2/2:-20",
	})
	wantLines(t, "aanbevelen by form", groups(q.ByForm), []string{
		"Groep Zeeën 2021 · Evaluatie strategie: n=5 mean=7 median=7 [0:0 1:0 2:0 3:1 4:0 5:0 6:1 7:1 8:0 9:1 10:1] nps=2/1/2:0",
		"Groep Zeeën 2021 · Evaluatie module Context: n=5 mean=8.4 median=9 [0:0 1:0 2:0 3:0 4:0 5:1 6:0 7:0 8:1 9:1 10:2] nps=3/1/1:40",
		"2026–2027 · Slotevaluatie: n=5 mean=6 median=8 [0:0 1:1 2:0 3:0 4:1 5:0 6:0 7:0 8:2 9:1 10:0] nps=1/2/2:-20",
	})

	// Choice: counts per option in the options' order, no mean or median.
	q = l.question(t, "lengte", "choice")
	wantLines(t, "lengte", append([]string{q.Overall.String()}, groups(q.ByForm)...), []string{
		"n=16 mean=- median=- [te-kort(Te kort):4 goed(Goed):9 te-lang(Te lang):3]",
		"Groep Zeeën 2021 · Evaluatie strategie: n=6 mean=- median=- [te-kort(Te kort):0 goed(Goed):4 te-lang(Te lang):2]",
		"Groep Zeeën 2021 · Evaluatie module Context: n=5 mean=- median=- [te-kort(Te kort):1 goed(Goed):3 te-lang(Te lang):1]",
		"2026–2027 · Slotevaluatie: n=5 mean=- median=- [te-kort(Te kort):3 goed(Goed):2 te-lang(Te lang):0]",
	})
	wantLines(t, "lengte by cohort", groups(q.ByCohort), []string{
		"Groep Zeeën 2021: n=11 mean=- median=- [te-kort(Te kort):1 goed(Goed):7 te-lang(Te lang):3]",
		"2026–2027: n=5 mean=- median=- [te-kort(Te kort):3 goed(Goed):2 te-lang(Te lang):0]",
	})

	// Open question: 14 answers. 2026 has 3, so it is withheld, and 2021 with it (11 − 3 must not be derivable);
	// every cohort and form below a withheld year is withheld too. The total stands, with the five shared answers
	// in Dutch alphabetical order (É with the E's); the private ones never leave the database.
	q = l.question(t, "meenemen", "text")
	wantLines(t, "meenemen", append(append(append([]string{q.Overall.String()}, groups(q.ByYear)...),
		groups(q.ByCohort)...), groups(q.ByForm)...), []string{
		"n=14 mean=- median=- []",
		"2021: withheld", "2026: withheld",
		"Groep Zeeën 2021: withheld", "2026–2027: withheld",
		"Groep Zeeën 2021 · Evaluatie strategie: withheld", "Groep Zeeën 2021 · Evaluatie module Context: withheld",
		"2026–2027 · Slotevaluatie: withheld",
	})
	wantLines(t, "shared answers", q.SharedAnswers, []string{"Aandacht voor de raad", "Betere vergaderingen",
		"Collega's uit het land", "Énorm veel geleerd", "Zebra's en olifanten"})

	// Programme figures. A completed: 8 / (8 + 2) = 0.8; attendance 5 present of 8 recorded (the cancelled
	// session's record left out). B running: no completion rate; 4 people with records < k: no attendance rate.
	// Programme: 8 of 12 recorded present = 0.6667 (12 people ≥ k).
	fg := r.Figures
	got := []string{fmt.Sprintf("cohorts=%d enrolments=%d completed=%d withdrawn=%d completion=%s attendance=%s",
		fg.Cohorts, fg.Enrolments, fg.Completed, fg.Withdrawn, dec(fg.CompletionRate), dec(fg.AttendanceRate))}
	for _, c := range fg.ByCohort {
		got = append(got, fmt.Sprintf("%s %d %s enrolments=%d completed=%d withdrawn=%d completion=%s attendance=%s",
			c.Name, c.Year, c.Status, c.Enrolments, c.Completed, c.Withdrawn, dec(c.CompletionRate), dec(c.AttendanceRate)))
	}
	wantLines(t, "figures", got, []string{
		"cohorts=2 enrolments=21 completed=8 withdrawn=3 completion=0.8 attendance=0.6667",
		"Groep Zeeën 2021 2021 completed enrolments=10 completed=8 withdrawn=2 completion=0.8 attendance=0.625",
		"2026–2027 2026 running enrolments=11 completed=0 withdrawn=1 completion=- attendance=-",
	})
}

// A report on one cohort is that cohort's part of the programme report: the same decisions, so that a cohort
// report and the programme report can never be subtracted into a group the programme report withholds.
func TestCohortReportIsTheCohortsPartOfTheProgrammeReport(t *testing.T) {
	f := newHandFixture(t)
	b := f.report(t, "facilitator", &f.cohortB)
	if b.CohortID == nil || *b.CohortID != f.cohortB || len(b.Forms) != 1 || len(b.Forms[0].Forms) != 1 ||
		b.Forms[0].Forms[0].FormID != f.b1 || b.Forms[0].Responses != 5 || b.Forms[0].Withheld {
		t.Fatalf("cohort report %+v", b)
	}
	l := b.Forms[0]
	q := l.question(t, "spreker", "scale")
	wantLines(t, "spreker, cohort B", append(append(append([]string{q.Overall.String()}, groups(q.ByYear)...),
		groups(q.ByCohort)...), groups(q.ByForm)...), []string{
		"n=5 mean=2.8 median=3 [1(slecht):1 2:1 3:2 4:0 5(uitstekend):1]",
		"2026: n=5 mean=2.8 median=3 [1(slecht):1 2:1 3:2 4:0 5(uitstekend):1]",
		"2026–2027: n=5 mean=2.8 median=3 [1(slecht):1 2:1 3:2 4:0 5(uitstekend):1]",
		"2026–2027 · Slotevaluatie: n=5 mean=2.8 median=3 [1(slecht):1 2:1 3:2 4:0 5(uitstekend):1]",
	})
	// B's 3 open answers are withheld in the programme report, so here too: no count, no shared answer.
	q = l.question(t, "meenemen", "text")
	if q.Overall.String() != "withheld" || len(q.SharedAnswers) != 0 {
		t.Errorf("open question of B: %s %v", q.Overall, q.SharedAnswers)
	}
	// A's 11 open answers stand on their own, but the programme report withholds 2021 (to protect 2026), so
	// the cohort report of A withholds them as well.
	a := f.report(t, "reviewer", &f.cohortA)
	q = a.Forms[0].question(t, "meenemen", "text")
	if q.Overall.String() != "withheld" || len(q.SharedAnswers) != 0 || len(a.Forms[0].Forms) != 2 ||
		a.Forms[0].Responses != 11 {
		t.Errorf("open question of A: %s %v", q.Overall, q.SharedAnswers)
	}
	if fg := a.Figures; fg.Cohorts != 1 || fg.Enrolments != 10 || dec(fg.CompletionRate) != "0.8" ||
		dec(fg.AttendanceRate) != "0.625" || len(fg.ByCohort) != 1 || fg.ByCohort[0].CohortID != f.cohortA {
		t.Errorf("figures of A %+v", fg)
	}
}

// subtractionFixture: 2021 cohort Z with forms Z1 (6 answers) and Z2 (3); 2026 cohorts X with X1 (6) and Y
// with Y1 (3). Means: X1 28/6 = 4.67, Y1 4/3 = 1.33, Z1 23/6 = 3.83, Z2 5/3 = 1.67; Z 28/9 = 3.11,
// 2026 32/9 = 3.56, 2021 = Z, all 60/18 = 3.33.
type subtractionFixture struct {
	*evalWorld
	x, y, z, x1, y1, z1, z2 uuid.UUID
}

func newSubtractionFixture(t *testing.T) *subtractionFixture {
	w := newEvalWorld(t)
	f := &subtractionFixture{evalWorld: w, x: w.Cohort, z: w.OtherCohort}
	w.setCohort(t, f.z, 2021, "archived")
	f.y = w.cohortIn(t, "Najaar 2026", 2026, "running")
	w.people(t, f.x, "active", 8)
	w.people(t, f.y, "active", 10)
	w.people(t, f.z, "completed", 9)
	tmpl := w.template(t, "Evaluatie", nil, qSpreker)
	day := time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC)
	f.x1 = w.cohortForm(t, &tmpl, f.x, "Dag 1", "cohort", nil, day)
	f.y1 = w.cohortForm(t, &tmpl, f.y, "Dag 1", "cohort", nil, day.AddDate(0, 0, 1))
	f.z1 = w.cohortForm(t, &tmpl, f.z, "Dag 1", "cohort", nil, day.AddDate(-5, 0, 0))
	f.z2 = w.cohortForm(t, &tmpl, f.z, "Dag 2", "cohort", nil, day.AddDate(-5, 1, 0))
	for form, values := range map[uuid.UUID][]any{f.x1: {5, 5, 5, 5, 4, 4}, f.y1: {1, 1, 2},
		f.z1: {4, 4, 4, 4, 4, 3}, f.z2: {2, 2, 1}} {
		w.answer(t, form, w.responses(t, form, len(values)), "spreker", values...)
	}
	return f
}

func TestSmallGroupsAreWithheldTogetherWithTheirComplement(t *testing.T) {
	f := newSubtractionFixture(t)
	r := f.report(t, "reviewer", nil)
	q := r.Forms[0].question(t, "spreker", "scale")
	wantLines(t, "withholding", append(append(append([]string{q.Overall.String()}, groups(q.ByYear)...),
		groups(q.ByCohort)...), groups(q.ByForm)...), []string{
		"n=18 mean=3.3333 median=4 [1(slecht):3 2:3 3:1 4:7 5(uitstekend):4]",
		"2021: n=9 mean=3.1111 median=4 [1(slecht):1 2:2 3:1 4:5 5(uitstekend):0]",
		"2026: n=9 mean=3.5556 median=4 [1(slecht):2 2:1 3:0 4:2 5(uitstekend):4]",
		// Z alone in 2021 equals its year. In 2026 Y (3) is below k, and X goes with it: 2026 − X would be Y.
		"2021–2022: n=9 mean=3.1111 median=4 [1(slecht):1 2:2 3:1 4:5 5(uitstekend):0]",
		"2026–2027: withheld",
		"Najaar 2026: withheld",
		// Forms: X1 under a withheld cohort; Z2 (3) below k and Z1 with it, since Z − Z1 would be Z2.
		"2021–2022 · Dag 1: withheld", "2021–2022 · Dag 2: withheld",
		"2026–2027 · Dag 1: withheld", "Najaar 2026 · Dag 1: withheld",
	})
	// The cohort reports agree: X's 6 answers are withheld there too.
	x := f.report(t, "admin", &f.x)
	if s := x.Forms[0].question(t, "spreker", "scale").Overall.String(); s != "withheld" {
		t.Errorf("cohort X alone: %s", s)
	}
	z := f.report(t, "admin", &f.z)
	zq := z.Forms[0].question(t, "spreker", "scale")
	wantLines(t, "cohort Z alone", append([]string{zq.Overall.String()}, groups(zq.ByForm)...), []string{
		"n=9 mean=3.1111 median=4 [1(slecht):1 2:2 3:1 4:5 5(uitstekend):0]",
		"2021–2022 · Dag 1: withheld", "2021–2022 · Dag 2: withheld",
	})
}

func TestReportFollowsTheLineageOfRevisionsAndCopies(t *testing.T) {
	w := newEvalWorld(t)
	tempo := fixtureQuestion{"tempo", "scale", "Was het tempo goed?", `{"labels": {}}`}
	v1 := w.template(t, "Evaluatie module", nil, qSpreker, tempo)
	// Revision 2 rewords the scale question and makes "tempo" a choice: its answers no longer compare.
	tempoChoice := fixtureQuestion{"tempo", "choice", "Hoe was het tempo?",
		`{"choices": [{"value": "traag", "label": "Traag"}, {"value": "goed", "label": "Goed"}]}`}
	reworded := qSpreker
	reworded.prompt = "Wat vond u van de spreker?"
	v2 := w.template(t, "Evaluatie module", &v1, reworded, tempoChoice)
	w.App.Exec(t, `UPDATE evaluation_forms SET title = 'Evaluatie module (nieuw)' WHERE id = ?`, v2)
	w.template(t, "Ongebruikt sjabloon", nil, qSpreker) // no copies: not in the report
	day := time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC)
	c1 := w.cohortForm(t, &v1, w.OtherCohort, "Module 1", "cohort", nil, day)
	c2 := w.cohortForm(t, &v2, w.Cohort, "Module 1", "cohort", nil, day.AddDate(0, 1, 0))
	own := w.cohortForm(t, nil, w.Cohort, "Losse vragenlijst", "cohort", nil, day.AddDate(0, 2, 0), qLengte)
	w.answer(t, c1, w.responses(t, c1, 5), "tempo", 3, 3, 3, 3, 3)
	w.answer(t, c2, w.responses(t, c2, 5), "tempo", "goed", "goed", "goed", "traag", "traag")

	r := w.report(t, "admin", nil)
	var got []string
	for _, l := range r.Forms {
		line := l.LineageID.String() + " " + l.Title + ":"
		for _, q := range l.Questions {
			line += fmt.Sprintf(" %s/%s(%s)=%s", q.Key, q.Kind, q.Prompt, q.Overall)
		}
		got = append(got, line)
	}
	wantLines(t, "lineages", got, []string{
		v1.String() + " Evaluatie module (nieuw):" +
			" spreker/scale(Wat vond u van de spreker?)=withheld" +
			" tempo/choice(Hoe was het tempo?)=n=5 mean=- median=- [traag(Traag):2 goed(Goed):3]" +
			" tempo/scale(Was het tempo goed?)=n=5 mean=3 median=3 [1:0 2:0 3:5 4:0 5:0]",
		own.String() + " Losse vragenlijst: lengte/choice(Was de lengte goed?)=withheld",
	})

	// With a cohort filter only the lineages and questions that cohort asked.
	r = w.report(t, "admin", &w.OtherCohort)
	if len(r.Forms) != 1 || len(r.Forms[0].Questions) != 2 || r.Forms[0].Questions[1].Kind != "scale" ||
		r.Forms[0].Forms[0].FormID != c1 {
		t.Errorf("report of the other cohort: %+v", r.Forms)
	}
}

func TestReportAccess(t *testing.T) {
	w := newEvalWorld(t)
	tmpl := w.template(t, "Evaluatie", nil, qSpreker)
	w.cohortForm(t, &tmpl, w.Cohort, "Dag 1", "cohort", nil, time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC))
	w.cohortForm(t, &tmpl, w.OtherCohort, "Dag 1", "cohort", nil, time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC))
	cohort, other, elsewhere := w.Cohort.String(), w.OtherCohort.String(), w.OtherProgCohort.String()
	const ok, no, anon, missing, bad = http.StatusOK, http.StatusForbidden, http.StatusUnauthorized, http.StatusNotFound, http.StatusBadRequest
	// Per role: the whole programme, ?cohortId= the Cohort, the OtherCohort, a cohort of another programme, no id.
	cases := []struct {
		role                                       string
		all, inCohort, inOther, elsewhere, notAnID int
	}{
		{"admin", ok, ok, ok, missing, bad},
		{"reviewer", ok, ok, ok, missing, bad},
		{"facilitator", no, ok, no, missing, bad},
		{"programme-facilitator", no, ok, ok, missing, bad},
		{"other-cohort-facilitator", no, no, ok, missing, bad},
		{"other-programme-facilitator", no, no, no, no, no},
		{"participant", no, no, no, no, no},
		{"other-participant", no, no, no, no, no},
		{"other-cohort-participant", no, no, no, no, no},
		{"withdrawn-participant", no, no, no, no, no},
		{"anonymous", anon, anon, anon, anon, anon},
	}
	for _, c := range cases {
		t.Run(c.role, func(t *testing.T) {
			for _, q := range []struct {
				query  string
				status int
				cohort string
			}{{"", c.all, ""}, {"?cohortId=" + cohort, c.inCohort, cohort}, {"?cohortId=" + other, c.inOther, other},
				{"?cohortId=" + elsewhere, c.elsewhere, ""}, {"?cohortId=2026", c.notAnID, ""}} {
				base := "/programmes/" + w.Programme.String() + "/evaluation-report"
				r := w.call(t, c.role, http.MethodGet, base+q.query, nil, 0)
				wantStatus(t, r, q.status)
				if q.status == ok {
					var rep reportJSON
					r.JSON(t, &rep)
					wantCohorts, wantForms := 2, 2
					if q.cohort != "" {
						wantCohorts, wantForms = 1, 1
						if rep.CohortID == nil || rep.CohortID.String() != q.cohort {
							t.Errorf("%s: cohortId %v", q.query, rep.CohortID)
						}
					}
					if rep.Programme.ID != w.Programme || rep.Figures.Cohorts != wantCohorts || len(rep.Forms) != 1 ||
						len(rep.Forms[0].Forms) != wantForms {
						t.Errorf("%s: %+v", q.query, rep)
					}
				}
				// The exports answer alike.
				for _, format := range []string{"csv", "xlsx", "pdf"} {
					r := w.call(t, c.role, http.MethodGet, base+"/export/"+format+q.query, nil, 0)
					wantStatus(t, r, q.status)
					if q.status == ok && len(r.Body) < 100 {
						t.Errorf("%s %s: %d bytes", format, q.query, len(r.Body))
					}
				}
			}
			unknown := w.call(t, c.role, http.MethodGet, "/programmes/"+uuid.NewString()+"/evaluation-report", nil, 0)
			if c.role == "anonymous" {
				wantStatus(t, unknown, anon)
			} else {
				wantStatus(t, unknown, missing)
			}
		})
	}
	wantStatus(t, w.call(t, "admin", http.MethodGet, "/programmes/"+w.Programme.String()+"/evaluation-report/export/docx", nil, 0),
		http.StatusNotFound)
}

// ---- query count and speed ----

// countStatements counts the statements the app runs from now on.
func countStatements(t testing.TB, db *gorm.DB) *atomic.Int64 {
	t.Helper()
	var n atomic.Int64
	count := func(*gorm.DB) { n.Add(1) }
	for name, err := range map[string]error{
		"row":   db.Callback().Row().After("gorm:row").Register("test:count_row", count),
		"raw":   db.Callback().Raw().After("gorm:raw").Register("test:count_raw", count),
		"query": db.Callback().Query().After("gorm:query").Register("test:count_query", count),
	} {
		if err != nil {
			t.Fatalf("register %s callback: %v", name, err)
		}
	}
	return &n
}

// bulkForms gives every cohort forms copies of the template, each with n responses answering every question
// (the scale and recommendation answers spread over their range, open answers half shared), by SQL.
func (w *evalWorld) bulkForms(t testing.TB, tmpl uuid.UUID, cohorts []uuid.UUID, forms, n int) {
	t.Helper()
	for _, c := range cohorts {
		for i := range forms {
			f := w.cohortForm(t, &tmpl, c, fmt.Sprintf("Bijeenkomst %d", i+1), "cohort", nil,
				time.Date(2026, 9, 1, 9, 0, 0, 0, time.UTC).AddDate(0, i, 0))
			w.App.Exec(t, `INSERT INTO evaluation_responses (form_id, submitted_on) SELECT ?, current_date FROM generate_series(1, ?)`, f, n)
			w.App.Exec(t, `INSERT INTO evaluation_answers (response_id, form_id, question_id, question_kind, scale_value,
					choice_value, text_value, share_with_funder)
				SELECT r.id, r.form_id, q.id, q.kind,
					CASE q.kind WHEN 'scale' THEN 1 + abs(hashtext(r.id::text)) % 5
						WHEN 'recommendation' THEN abs(hashtext(r.id::text)) % 11 END,
					CASE q.kind WHEN 'choice' THEN (ARRAY['te-kort', 'goed', 'te-lang'])[1 + abs(hashtext(r.id::text)) % 3] END,
					CASE q.kind WHEN 'text' THEN 'Antwoord ' || r.id END,
					q.kind = 'text' AND abs(hashtext(r.id::text)) % 2 = 0
				FROM evaluation_responses r JOIN evaluation_questions q ON q.form_id = r.form_id
				WHERE r.form_id = ?`, f)
		}
	}
}

// The report costs the same number of statements for one form as for many cohorts with many forms.
func TestAProgrammeReportSplitsPerFormOnlyWhenAsked(t *testing.T) {
	w := newEvalWorld(t)
	tmpl := w.template(t, "Evaluatie bijeenkomst", nil, qSpreker, qMeenemen)
	w.bulkForms(t, tmpl, []uuid.UUID{w.Cohort}, 2, 6)
	splits := func(path string) (forms, cohorts int) {
		t.Helper()
		r := w.call(t, "reviewer", http.MethodGet, path, nil, 0)
		wantStatus(t, r, http.StatusOK)
		var out reportJSON
		r.JSON(t, &out)
		q := out.Forms[0].Questions[0]
		return len(q.ByForm), len(q.ByCohort)
	}
	if forms, cohorts := splits(w.reportPath(nil)); forms != 0 || cohorts != 1 {
		t.Errorf("programme report: %d form splits, %d cohort splits; want 0 and 1", forms, cohorts)
	}
	if forms, _ := splits(w.reportPath(nil) + "?formSplits=true"); forms != 2 {
		t.Errorf("programme report with formSplits: %d form splits, want 2", forms)
	}
	if forms, _ := splits(w.reportPath(&w.Cohort)); forms != 2 {
		t.Errorf("cohort report: %d form splits, want 2", forms)
	}
	r := w.call(t, "reviewer", http.MethodGet, w.reportPath(nil)+"?formSplits=misschien", nil, 0)
	wantStatus(t, r, http.StatusBadRequest)
}

// The dashboard (without the split per form) and the exports and JSON with it are made of one build: an export
// is as fresh as the dashboard it is taken from, and the report is not built twice.
func TestTheDashboardAndTheSplitReportShareOneBuild(t *testing.T) {
	w := newEvalWorld(t)
	w.App.Evaluation.CacheReports(time.Hour)
	w.App.Exec(t, `UPDATE programmes SET k_anonymity = 2 WHERE id = ?`, w.Programme)
	form := w.openForm(t, "Evaluatie module")
	w.responses(t, form.ID, 2)
	read := func(path string) lineageJSON {
		t.Helper()
		r := w.call(t, "reviewer", http.MethodGet, path, nil, 0)
		wantStatus(t, r, http.StatusOK)
		var out reportJSON
		r.JSON(t, &out)
		return out.lineage(t, "Evaluatie module")
	}
	dashboard := read(w.reportPath(nil))
	// Written behind the service's back: a build of its own would count it. The dashboard's JSON was made first,
	// from a copy: the shared build still has its split.
	w.responses(t, form.ID, 1)
	split := read(w.reportPath(nil) + "?formSplits=true")
	if dashboard.Responses != 2 || split.Responses != 2 {
		t.Errorf("responses: dashboard %d, with the split %d; want 2 from the one build", dashboard.Responses, split.Responses)
	}
	for i, q := range dashboard.Questions {
		if len(q.ByForm) != 0 || len(split.Questions[i].ByForm) != 1 {
			t.Errorf("question %s: %d form splits on the dashboard, %d with the split; want 0 and 1", q.Key,
				len(q.ByForm), len(split.Questions[i].ByForm))
		}
	}
}

func TestACachedReportIsRebuiltAfterASubmission(t *testing.T) {
	w := newEvalWorld(t)
	w.App.Evaluation.CacheReports(time.Hour)
	w.App.Exec(t, `UPDATE programmes SET k_anonymity = 2 WHERE id = ?`, w.Programme)
	form := w.openForm(t, "Evaluatie module")
	responses := func(role string) int {
		t.Helper()
		return w.report(t, role, nil).lineage(t, "Evaluatie module").Responses
	}
	if n := responses("reviewer"); n != 0 {
		t.Fatalf("responses before any answer: %d", n)
	}
	// Written behind the service's back: the cached report, shared by every reader, does not see them.
	w.responses(t, form.ID, 2)
	if r, a := responses("reviewer"), responses("admin"); r != 0 || a != 0 {
		t.Errorf("responses after an insert the cache cannot know of: reviewer %d, admin %d; want the cached 0", r, a)
	}
	// A submission through the service drops the programme's reports: the next read counts all three.
	wantStatus(t, w.submit(t, "participant", form.ID, fullAnswers(), ""), http.StatusCreated)
	if n := responses("reviewer"); n != 3 {
		t.Errorf("responses after a submission: %d, want 3", n)
	}
}

func TestAReportInSteadyUseIsRebuiltInTheBackground(t *testing.T) {
	w := newEvalWorld(t)
	const ttl = 2 * time.Second
	w.App.Evaluation.CacheReports(ttl)
	w.App.Exec(t, `UPDATE programmes SET k_anonymity = 2 WHERE id = ?`, w.Programme)
	form := w.openForm(t, "Evaluatie module")
	w.responses(t, form.ID, 2)
	responses := func() int {
		t.Helper()
		return w.report(t, "reviewer", nil).lineage(t, "Evaluatie module").Responses
	}
	csvHas := func(want string) bool {
		t.Helper()
		r := w.call(t, "reviewer", http.MethodGet, w.reportPath(nil)+"/export/csv", nil, 0)
		wantStatus(t, r, http.StatusOK)
		return strings.Contains(string(r.Body), want)
	}
	built := time.Now()
	if n := responses(); n != 2 {
		t.Fatalf("responses: %d, want 2", n)
	}
	if !csvHas("Evaluatie module") {
		t.Fatal("the CSV does not name the form")
	}
	// Written behind the service's back: within the first half of the TTL, readers get the built report.
	w.responses(t, form.ID, 1)
	if n := responses(); n != 2 && time.Since(built) < ttl/2 {
		t.Errorf("responses while fresh: %d, want the cached 2", n)
	}
	// In the second half a read still answers from the old build at once and starts a rebuild; the rebuild
	// lands well before the TTL ends, so later reads see the new answer without ever waiting for a build.
	time.Sleep(time.Until(built.Add(ttl/2 + 100*time.Millisecond)))
	start := time.Now()
	n := responses()
	if took := time.Since(start); n != 2 || took > ttl/4 {
		t.Errorf("the read that starts the rebuild: %d responses in %s, want the old 2 at once", n, took)
	}
	deadline := time.Now().Add(ttl)
	for responses() != 3 {
		if time.Now().After(deadline) {
			t.Fatal("the background rebuild never showed the third response")
		}
		time.Sleep(50 * time.Millisecond)
	}
	if !csvHas("Evaluatie module") {
		t.Error("the CSV after the rebuild does not name the form")
	}
}

// encodedAnswer is an answer as the server sent it, compressed or not.
type encodedAnswer struct {
	Header http.Header
	Body   []byte
}

// getEncoded reads path as the reviewer with a plain client: with Accept-Encoding set by hand, Go's transport
// leaves the body as the server sent it. The answer must vary by Accept-Encoding.
func (w *evalWorld) getEncoded(t *testing.T, path, acceptEncoding string) encodedAnswer {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, w.App.URL+"/api/v1"+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+w.Tokens["reviewer"])
	req.Header.Set("Accept-Encoding", acceptEncoding)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("Accept-Encoding %q: status %d, %v", acceptEncoding, resp.StatusCode, err)
	}
	if vary := resp.Header.Values("Vary"); !slices.Contains(vary, "Accept-Encoding") {
		t.Errorf("Accept-Encoding %q: Vary %q, want Accept-Encoding", acceptEncoding, vary)
	}
	return encodedAnswer{resp.Header, body}
}

func TestTheReportIsSentGzippedToWhoAcceptsIt(t *testing.T) {
	w := newEvalWorld(t)
	w.App.Evaluation.CacheReports(time.Hour)
	get := func(acceptEncoding string) encodedAnswer { return w.getEncoded(t, w.reportPath(nil), acceptEncoding) }
	plain := get("identity")
	if enc := plain.Header.Get("Content-Encoding"); enc != "" {
		t.Errorf("Content-Encoding without gzip accepted: %q", enc)
	}
	var want map[string]any
	if err := json.Unmarshal(plain.Body, &want); err != nil {
		t.Fatalf("plain body: %v", err)
	}
	for _, accept := range []string{"gzip", "br, gzip;q=0.5", "*"} {
		r := get(accept)
		if enc := r.Header.Get("Content-Encoding"); enc != "gzip" {
			t.Errorf("Accept-Encoding %q: Content-Encoding %q, want gzip", accept, enc)
			continue
		}
		zr, err := gzip.NewReader(bytes.NewReader(r.Body))
		if err != nil {
			t.Fatalf("Accept-Encoding %q: %v", accept, err)
		}
		var got map[string]any
		if err := json.NewDecoder(zr).Decode(&got); err != nil {
			t.Fatalf("Accept-Encoding %q: %v", accept, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Accept-Encoding %q: the gzipped report differs from the plain one", accept)
		}
	}
	if enc := get("gzip;q=0").Header.Get("Content-Encoding"); enc != "" {
		t.Errorf("gzip;q=0: Content-Encoding %q, want none", enc)
	}
}

// The CSV export is kept and sent gzipped to who accepts it (a large programme's is 2.6 MB, 140 KB gzipped), and
// unpacked to who does not; both get the file's name.
func TestTheCSVExportIsSentGzippedToWhoAcceptsIt(t *testing.T) {
	w := newEvalWorld(t)
	w.App.Evaluation.CacheReports(time.Hour)
	form := w.openForm(t, "Evaluatie module")
	w.responses(t, form.ID, 6)
	get := func(acceptEncoding string) encodedAnswer {
		t.Helper()
		a := w.getEncoded(t, w.reportPath(nil)+"/export/csv", acceptEncoding)
		if !strings.HasPrefix(a.Header.Get("Content-Disposition"), "attachment; filename=") ||
			a.Header.Get("Content-Type") != "text/csv; charset=utf-8" {
			t.Errorf("Accept-Encoding %q: headers %v", acceptEncoding, a.Header)
		}
		return a
	}
	plain := get("identity")
	if enc := plain.Header.Get("Content-Encoding"); enc != "" || !strings.Contains(string(plain.Body), "Evaluatie module") {
		t.Fatalf("plain: Content-Encoding %q, body %.200q", enc, plain.Body)
	}
	zipped := get("gzip")
	if enc := zipped.Header.Get("Content-Encoding"); enc != "gzip" {
		t.Fatalf("Content-Encoding %q, want gzip", enc)
	}
	zr, err := gzip.NewReader(bytes.NewReader(zipped.Body))
	if err != nil {
		t.Fatal(err)
	}
	unpacked, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(unpacked, plain.Body) {
		t.Error("the gzipped CSV differs from the plain one")
	}
}

func TestReportUsesAConstantNumberOfQueries(t *testing.T) {
	w := newEvalWorld(t)
	tmpl := w.template(t, "Evaluatie bijeenkomst", nil, qSpreker, qAanbevelen, qLengte, qMeenemen)
	w.bulkForms(t, tmpl, []uuid.UUID{w.Cohort}, 1, 5)
	n := countStatements(t, w.App.DB)
	paths := []struct{ role, path string }{
		{"reviewer", w.reportPath(nil)},
		{"facilitator", w.reportPath(&w.Cohort)},
		{"admin", w.reportPath(nil) + "/export/xlsx"},
	}
	measure := func(role, path string) int64 {
		t.Helper()
		before := n.Load()
		wantStatus(t, w.call(t, role, http.MethodGet, path, nil, 0), http.StatusOK)
		return n.Load() - before
	}
	small := make([]int64, len(paths))
	for i, p := range paths {
		small[i] = measure(p.role, p.path)
	}
	var cohorts []uuid.UUID
	for i := range 4 {
		cohorts = append(cohorts, w.cohortIn(t, fmt.Sprintf("Groep %d", i), 2022+i, "completed"))
	}
	w.bulkForms(t, tmpl, append(cohorts, w.Cohort, w.OtherCohort), 3, 8)
	second := w.template(t, "Slotevaluatie", nil, qAanbevelen, qMeenemen)
	w.bulkForms(t, second, cohorts, 1, 6)
	for i, p := range paths {
		if large := measure(p.role, p.path); large != small[i] {
			t.Errorf("%s as %s: %d statements for one form, %d for 20", p.path, p.role, small[i], large)
		} else {
			t.Logf("%s as %s: %d statements", p.path, p.role, large)
		}
	}
}

// BenchmarkEvaluationReport: a programme of 10 cohorts × 6 forms × 12 responses (720 responses, 2880 answers).
func BenchmarkEvaluationReport(b *testing.B) {
	w := &evalWorld{World: testapp.NewWorld(b)}
	tmpl := w.template(b, "Evaluatie bijeenkomst", nil, qSpreker, qAanbevelen, qLengte, qMeenemen)
	var cohorts []uuid.UUID
	for i := range 10 {
		cohorts = append(cohorts, w.cohortIn(b, fmt.Sprintf("Groep %02d", i+1), 2017+i, "completed"))
	}
	w.bulkForms(b, tmpl, cohorts, 6, 12)
	for _, format := range []string{"", "/export/csv", "/export/xlsx", "/export/pdf"} {
		name := "json"
		if format != "" {
			name = format[len("/export/"):]
		}
		b.Run(name, func(b *testing.B) {
			req, _ := http.NewRequest(http.MethodGet, w.App.URL+"/api/v1"+w.reportPath(nil)+format, nil)
			req.Header.Set("Authorization", "Bearer "+w.Tokens["reviewer"])
			start := time.Now()
			for b.Loop() {
				resp, err := http.DefaultClient.Do(req)
				if err != nil || resp.StatusCode != http.StatusOK {
					b.Fatalf("GET: %v %v", err, resp)
				}
				resp.Body.Close()
			}
			b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(b.N), "ms/op")
		})
	}
}
