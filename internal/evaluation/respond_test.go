package evaluation_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/vgs/leergang/internal/testapp"
)

type myEvaluationSummaryJSON struct {
	FormID      uuid.UUID  `json:"formId"`
	Title       string     `json:"title"`
	CohortID    uuid.UUID  `json:"cohortId"`
	CohortName  string     `json:"cohortName"`
	Scope       string     `json:"scope"`
	TargetTitle string     `json:"targetTitle"`
	OpensAt     time.Time  `json:"opensAt"`
	ClosesAt    time.Time  `json:"closesAt"`
	State       string     `json:"state"`
	SubmittedAt *time.Time `json:"submittedAt"`
	HasDraft    bool       `json:"hasDraft"`
}

type draftJSON struct {
	Answers   map[string]map[string]any `json:"answers"`
	UpdatedAt time.Time                 `json:"updatedAt"`
	Version   int                       `json:"version"`
}

type myEvaluationJSON struct {
	FormID      uuid.UUID      `json:"formId"`
	Title       string         `json:"title"`
	Description string         `json:"description"`
	CohortName  string         `json:"cohortName"`
	Scope       string         `json:"scope"`
	TargetTitle string         `json:"targetTitle"`
	State       string         `json:"state"`
	SubmittedAt *time.Time     `json:"submittedAt"`
	Questions   []questionJSON `json:"questions"`
	Draft       *draftJSON     `json:"draft"`
}

type receiptJSON struct {
	FormID      uuid.UUID `json:"formId"`
	SubmittedAt time.Time `json:"submittedAt"`
	Answered    int       `json:"answered"`
}

// submit sends answers (by key) as role, with an Idempotency-Key when key is set.
func (w *evalWorld) submit(t *testing.T, role string, form uuid.UUID, answers map[string]any, key string) *testapp.Response {
	t.Helper()
	r := testapp.Request{Method: http.MethodPost, Path: "/api/v1/me/evaluations/" + form.String() + "/submission",
		Token: w.Tokens[role], Body: map[string]any{"answers": answers}}
	if key != "" {
		r.Headers = map[string]string{"Idempotency-Key": key}
	}
	return w.App.Do(t, r)
}

// saveDraft saves answers as role's draft; version 0 sends no If-Match.
func (w *evalWorld) saveDraft(t *testing.T, role string, form uuid.UUID, answers map[string]any, version int) *testapp.Response {
	t.Helper()
	return w.call(t, role, http.MethodPut, "/me/evaluations/"+form.String()+"/draft", map[string]any{"answers": answers}, version)
}

func (w *evalWorld) myList(t *testing.T, role string) []myEvaluationSummaryJSON {
	t.Helper()
	r := w.call(t, role, http.MethodGet, "/me/evaluations", nil, 0)
	wantStatus(t, r, http.StatusOK)
	var l struct {
		Evaluations []myEvaluationSummaryJSON `json:"evaluations"`
	}
	r.JSON(t, &l)
	return l.Evaluations
}

// fullAnswers answers every question of sampleForm.
func fullAnswers() map[string]any {
	return map[string]any{
		keyScale:  map[string]any{"value": 4},
		keyRec:    map[string]any{"value": 9},
		keyChoice: map[string]any{"choice": "goed"},
		keyText:   map[string]any{"text": "  Meer pauzes tussen de sprekers.  ", "shareWithFunder": true},
	}
}

func TestMyEvaluationsListsTheFormsOfMyCohortsInOrder(t *testing.T) {
	w := newEvalWorld(t)
	soon := w.openForm(t, "A: sluit over drie dagen")
	soon = w.movePeriod(t, soon.ID, -time.Hour, 3*24*time.Hour)
	later := w.openForm(t, "B: sluit over tien dagen")
	later = w.movePeriod(t, later.ID, -time.Hour, 10*24*time.Hour)
	upcoming := w.openForm(t, "C: nog niet open")
	upcoming = w.movePeriod(t, upcoming.ID, 2*24*time.Hour, 9*24*time.Hour)
	closed := w.openForm(t, "D: gesloten")
	closed = w.movePeriod(t, closed.ID, -10*24*time.Hour, -24*time.Hour)
	answered := w.openForm(t, "E: ingevuld")
	answered = w.movePeriod(t, answered.ID, -time.Hour, 20*24*time.Hour)
	r := w.submit(t, "participant", answered.ID, fullAnswers(), "")
	wantStatus(t, r, http.StatusCreated)
	var receipt receiptJSON
	r.JSON(t, &receipt)
	wantStatus(t, w.saveDraft(t, "participant", later.ID, map[string]any{keyRec: map[string]any{"value": 7}}, 0), http.StatusOK)
	// A form of the other cohort, for its (completed) participant only.
	tmpl := w.createTemplate(t, sampleForm("Elders"))
	r = w.call(t, "admin", http.MethodPost, w.cohortFormsPath(w.OtherCohort), attachBody(tmpl.ID, time.Hour, 48*time.Hour), 0)
	wantStatus(t, r, http.StatusCreated)
	var elsewhere attachedJSON
	r.JSON(t, &elsewhere)

	type row struct {
		id        uuid.UUID
		state     string
		submitted bool
		draft     bool
	}
	want := []row{
		{soon.ID, "open", false, false}, {later.ID, "open", false, true}, {upcoming.ID, "upcoming", false, false},
		{answered.ID, "open", true, false}, {closed.ID, "closed", false, false},
	}
	got := w.myList(t, "participant")
	if len(got) != len(want) {
		t.Fatalf("%d evaluations: %+v", len(got), got)
	}
	for i, g := range got {
		x := want[i]
		if g.FormID != x.id || g.State != x.state || (g.SubmittedAt != nil) != x.submitted || g.HasDraft != x.draft ||
			g.CohortID != w.Cohort || g.CohortName != "2026–2027" || g.Scope != "cohort" || g.TargetTitle != "2026–2027" {
			t.Fatalf("evaluation %d: %+v, want %+v", i, g, x)
		}
	}
	if !got[3].SubmittedAt.Equal(receipt.SubmittedAt) || got[0].Title != "A: sluit over drie dagen" ||
		!got[4].ClosesAt.Equal(*closed.ClosesAt) || !got[2].OpensAt.Equal(*upcoming.OpensAt) {
		t.Fatalf("evaluations %+v, receipt %+v", got, receipt)
	}
	// The other participant has answered nothing and has no draft.
	other := w.myList(t, "other-participant")
	// For them the answered form is still open: it comes third, by its closing moment.
	if len(other) != 5 || other[1].FormID != later.ID || other[1].HasDraft || other[2].FormID != answered.ID ||
		other[2].SubmittedAt != nil || other[3].FormID != upcoming.ID || other[4].FormID != closed.ID {
		t.Fatalf("other participant %+v", other)
	}
	if l := w.myList(t, "other-cohort-participant"); len(l) != 1 || l[0].FormID != elsewhere.ID || l[0].State != "upcoming" ||
		l[0].CohortName != "2021–2022" {
		t.Fatalf("other cohort %+v", l)
	}
	for _, role := range []string{"withdrawn-participant", "facilitator", "admin", "reviewer"} {
		if l := w.myList(t, role); len(l) != 0 {
			t.Fatalf("%s sees %+v", role, l)
		}
	}
	wantStatus(t, w.call(t, "anonymous", http.MethodGet, "/me/evaluations", nil, 0), http.StatusUnauthorized)
}

func TestMyEvaluationIsOnlyForTheCohortsParticipants(t *testing.T) {
	w := newEvalWorld(t)
	f := w.openForm(t, "Evaluatie bijeenkomst")
	wantStatus(t, w.saveDraft(t, "other-participant", f.ID, map[string]any{keyChoice: map[string]any{"choice": "te-lang"}}, 0),
		http.StatusOK)
	cases := map[string]int{
		"participant": http.StatusOK, "other-participant": http.StatusOK,
		"withdrawn-participant": http.StatusNotFound, "other-cohort-participant": http.StatusNotFound,
		"facilitator": http.StatusNotFound, "programme-facilitator": http.StatusNotFound,
		"other-cohort-facilitator": http.StatusNotFound, "other-programme-facilitator": http.StatusNotFound,
		"reviewer": http.StatusNotFound, "admin": http.StatusNotFound, "anonymous": http.StatusUnauthorized,
	}
	for role, status := range cases {
		t.Run(role, func(t *testing.T) {
			r := w.call(t, role, http.MethodGet, "/me/evaluations/"+f.ID.String(), nil, 0)
			wantStatus(t, r, status)
			if status == http.StatusOK {
				var m myEvaluationJSON
				r.JSON(t, &m)
				if m.FormID != f.ID || m.Title != "Evaluatie bijeenkomst" || m.Description != "Na elke bijeenkomst." ||
					m.CohortName != "2026–2027" || m.Scope != "cohort" || m.TargetTitle != "2026–2027" || m.State != "open" ||
					m.SubmittedAt != nil || len(m.Questions) != 4 || m.Questions[0].Key != keyScale || !m.Questions[0].Required {
					t.Fatalf("evaluation %+v", m)
				}
				// Each sees their own draft only.
				switch role {
				case "participant":
					if m.Draft != nil || r.Header.Get("ETag") != "" {
						t.Fatalf("draft %+v, ETag %q", m.Draft, r.Header.Get("ETag"))
					}
				case "other-participant":
					if m.Draft == nil || m.Draft.Version != 1 || r.Header.Get("ETag") != `"1"` || len(m.Draft.Answers) != 1 ||
						m.Draft.Answers[keyChoice]["choice"] != "te-lang" {
						t.Fatalf("draft %+v, ETag %q", m.Draft, r.Header.Get("ETag"))
					}
				}
			}
			// Writing is refused alike, without telling that the form exists.
			if status != http.StatusOK {
				wantStatus(t, w.saveDraft(t, role, f.ID, map[string]any{}, 0), status)
				wantStatus(t, w.submit(t, role, f.ID, fullAnswers(), ""), status)
			}
		})
	}
	// A template, an unknown id and no id at all are not found either.
	for _, id := range []uuid.UUID{*f.CopiedFromFormID, uuid.New()} {
		wantStatus(t, w.call(t, "participant", http.MethodGet, "/me/evaluations/"+id.String(), nil, 0), http.StatusNotFound)
		wantStatus(t, w.saveDraft(t, "participant", id, map[string]any{}, 0), http.StatusNotFound)
		wantStatus(t, w.submit(t, "participant", id, fullAnswers(), ""), http.StatusNotFound)
	}
	wantStatus(t, w.call(t, "participant", http.MethodGet, "/me/evaluations/geen-id", nil, 0), http.StatusNotFound)
	if n := w.count(t, `SELECT count(*) FROM evaluation_submissions`) + w.count(t, `SELECT count(*) FROM evaluation_responses`); n != 0 {
		t.Fatalf("%d rows stored by outsiders", n)
	}
}

func TestDraftSavesAreBasedOnTheDraftsVersion(t *testing.T) {
	w := newEvalWorld(t)
	f := w.openForm(t, "Evaluatie bijeenkomst")
	r := w.saveDraft(t, "participant", f.ID, map[string]any{keyScale: map[string]any{"value": 3}}, 0)
	wantStatus(t, r, http.StatusOK)
	var d draftJSON
	r.JSON(t, &d)
	if d.Version != 1 || r.Header.Get("ETag") != `"1"` || len(d.Answers) != 1 || d.Answers[keyScale]["value"] != float64(3) {
		t.Fatalf("draft %+v, ETag %q", d, r.Header.Get("ETag"))
	}
	// A second tab that never saw the draft: 428; one based on an old version: 412.
	wantStatus(t, w.saveDraft(t, "participant", f.ID, map[string]any{keyScale: map[string]any{"value": 5}}, 0),
		http.StatusPreconditionRequired)
	answers := map[string]any{
		keyScale:  map[string]any{"value": 5},
		keyRec:    map[string]any{"value": nil},
		keyChoice: map[string]any{"choice": "goed"},
		keyText:   map[string]any{"text": "Nog aan het ty", "shareWithFunder": true},
	}
	r = w.saveDraft(t, "participant", f.ID, answers, 1)
	wantStatus(t, r, http.StatusOK)
	r.JSON(t, &d)
	if d.Version != 2 || r.Header.Get("ETag") != `"2"` {
		t.Fatalf("draft %+v", d)
	}
	wantStatus(t, w.saveDraft(t, "participant", f.ID, map[string]any{}, 1), http.StatusPreconditionFailed)
	// No draft yet, but a version: the draft this was based on is gone.
	wantStatus(t, w.saveDraft(t, "other-participant", f.ID, map[string]any{}, 3), http.StatusPreconditionFailed)

	r = w.call(t, "participant", http.MethodGet, "/me/evaluations/"+f.ID.String(), nil, 0)
	var m myEvaluationJSON
	r.JSON(t, &m)
	want := map[string]map[string]any{
		keyScale:  {"value": float64(5)},
		keyChoice: {"choice": "goed"},
		keyText:   {"text": "Nog aan het ty", "shareWithFunder": true},
	}
	got, _ := json.Marshal(m.Draft.Answers)
	exp, _ := json.Marshal(want)
	if r.Header.Get("ETag") != `"2"` || m.Draft.Version != 2 || string(got) != string(exp) {
		t.Fatalf("ETag %q, draft %s, want %s", r.Header.Get("ETag"), got, exp)
	}

	// An admin removes the choice question meanwhile (nobody answered yet): the draft no longer offers it.
	body := sampleForm("Evaluatie bijeenkomst")
	qs := body["questions"].([]map[string]any)
	body["questions"] = []map[string]any{qs[0], qs[1], qs[3]}
	wantStatus(t, w.call(t, "admin", http.MethodPut, "/evaluation-forms/"+f.ID.String(), body, f.Version), http.StatusOK)
	var edited myEvaluationJSON
	w.call(t, "participant", http.MethodGet, "/me/evaluations/"+f.ID.String(), nil, 0).JSON(t, &edited)
	if _, ok := edited.Draft.Answers[keyChoice]; ok || len(edited.Draft.Answers) != 2 || len(edited.Questions) != 3 {
		t.Fatalf("draft after the edit %+v", edited.Draft.Answers)
	}

	// Two tabs saving a first draft at once: one saves, the other is told that a draft now exists, whose version
	// its next save must name (as in the sequential case above).
	for round := range 4 {
		g := w.openForm(t, "Ronde "+strconv.Itoa(round))
		rs := raceAll(
			func() *testapp.Response {
				return w.saveDraft(t, "other-participant", g.ID, map[string]any{keyScale: map[string]any{"value": 1}}, 0)
			},
			func() *testapp.Response {
				return w.saveDraft(t, "other-participant", g.ID, map[string]any{keyScale: map[string]any{"value": 2}}, 0)
			})
		if got := statuses(rs); !slices.Equal(got, []int{http.StatusOK, http.StatusPreconditionRequired}) {
			t.Fatalf("round %d: %v", round, got)
		}
		if n := w.count(t, `SELECT count(*) FROM evaluation_drafts WHERE form_id = ? AND version = 1`, g.ID); n != 1 {
			t.Fatalf("round %d: %d drafts", round, n)
		}
	}
}

func TestDraftChecksEachAnswerButNotCompleteness(t *testing.T) {
	w := newEvalWorld(t)
	f := w.openForm(t, "Evaluatie bijeenkomst")
	tmpl := w.createTemplate(t, map[string]any{"title": "Aanbeveling", "questions": []map[string]any{
		{"kind": "recommendation", "prompt": "Aanbevelen?", "key": "nps", "required": true},
		{"kind": "text", "prompt": "Toelichting", "key": "toelichting"},
	}})
	g := w.attach(t, attachBody(tmpl.ID, time.Minute, 48*time.Hour))
	g = w.movePeriod(t, g.ID, -time.Hour, 48*time.Hour)

	cases := []struct {
		name    string
		form    uuid.UUID
		answers map[string]any
		fields  []string
	}{
		{"ranges and kinds", f.ID, map[string]any{
			keyScale:  map[string]any{"value": 6},
			keyRec:    map[string]any{"value": 9.5},
			keyChoice: map[string]any{"choice": "misschien"},
			keyText:   map[string]any{"text": strings.Repeat("é", 10001)},
			"kleur":   map[string]any{"choice": "rood"},
		}, []string{"answers." + keyScale + ":out_of_range", "answers." + keyRec + ":out_of_range",
			"answers." + keyChoice + ":invalid_choice", "answers." + keyText + ":too_long", "answers.kleur:unknown"}},
		{"the wrong field for the kind", f.ID, map[string]any{
			keyScale:  map[string]any{"text": "vier"},
			keyChoice: map[string]any{"value": 2},
			keyText:   map[string]any{"choice": "goed"},
			keyRec:    map[string]any{"value": 8, "shareWithFunder": true},
		}, []string{"answers." + keyScale + ":wrong_kind", "answers." + keyChoice + ":wrong_kind",
			"answers." + keyText + ":wrong_kind", "answers." + keyRec + ":share_not_allowed"}},
		{"recommendation runs 0 to 10", g.ID, map[string]any{"nps": map[string]any{"value": 11}}, []string{"answers.nps:out_of_range"}},
		{"answers of the wrong shape", g.ID, map[string]any{"nps": map[string]any{"value": "10"}, "toelichting": "Goed"},
			[]string{"answers.nps:type", "answers.toelichting:type"}},
		{"an unknown field in an answer", g.ID, map[string]any{"nps": map[string]any{"waarde": 10}}, []string{"answers.nps:type"}},
		{"no answers object", g.ID, nil, []string{"answers:required"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var r *testapp.Response
			if c.answers == nil {
				r = w.call(t, "participant", http.MethodPut, "/me/evaluations/"+c.form.String()+"/draft", map[string]any{}, 0)
			} else {
				r = w.saveDraft(t, "participant", c.form, c.answers, 0)
			}
			wantFields(t, r, http.StatusUnprocessableEntity, c.fields...)
		})
	}
	// Edges of the ranges, and a draft that leaves required questions open, are fine.
	r := w.saveDraft(t, "participant", g.ID, map[string]any{"nps": map[string]any{"value": 0},
		"toelichting": map[string]any{"text": strings.Repeat("é", 10000)}}, 0)
	wantStatus(t, r, http.StatusOK)
	r = w.saveDraft(t, "participant", g.ID, map[string]any{"nps": map[string]any{"value": 10}}, 1)
	wantStatus(t, r, http.StatusOK)
	r = w.saveDraft(t, "participant", f.ID, map[string]any{keyRec: map[string]any{"value": 0}}, 0)
	wantStatus(t, r, http.StatusOK)
	if n := w.count(t, `SELECT count(*) FROM evaluation_drafts WHERE user_id = ?`, w.Users["participant"]); n != 2 {
		t.Fatalf("%d drafts", n)
	}
}

func TestAnsweringOnlyWhileOpenAndOnce(t *testing.T) {
	w := newEvalWorld(t)
	f := w.openForm(t, "Evaluatie bijeenkomst")
	upcoming := w.movePeriod(t, w.openForm(t, "Later").ID, 24*time.Hour, 48*time.Hour)
	closed := w.movePeriod(t, w.openForm(t, "Voorbij").ID, -48*time.Hour, -time.Second)
	for _, g := range []attachedJSON{upcoming, closed} {
		wantStatus(t, w.saveDraft(t, "participant", g.ID, map[string]any{}, 0), http.StatusConflict)
		wantStatus(t, w.submit(t, "participant", g.ID, fullAnswers(), ""), http.StatusConflict)
		var m myEvaluationJSON
		r := w.call(t, "participant", http.MethodGet, "/me/evaluations/"+g.ID.String(), nil, 0)
		wantStatus(t, r, http.StatusOK)
		r.JSON(t, &m)
		if m.State != *g.State || len(m.Questions) != 4 {
			t.Fatalf("evaluation %+v", m)
		}
	}
	if *upcoming.State != "upcoming" || *closed.State != "closed" {
		t.Fatalf("states %s, %s", *upcoming.State, *closed.State)
	}
	wantStatus(t, w.submit(t, "participant", f.ID, fullAnswers(), ""), http.StatusCreated)
	wantStatus(t, w.submit(t, "participant", f.ID, fullAnswers(), ""), http.StatusConflict)
	wantStatus(t, w.saveDraft(t, "participant", f.ID, map[string]any{}, 0), http.StatusConflict)
	// Closing the form afterwards does not take the submission back.
	w.movePeriod(t, f.ID, -48*time.Hour, -time.Second)
	if l := w.myList(t, "participant"); len(l) != 3 || l[0].FormID != upcoming.ID || l[1].FormID != f.ID ||
		l[1].SubmittedAt == nil || l[1].State != "closed" {
		t.Fatalf("list %+v", l)
	}
	if n := w.count(t, `SELECT count(*) FROM evaluation_responses`); n != 1 {
		t.Fatalf("%d responses", n)
	}
}

func TestSubmitChecksRequiredQuestionsFieldByField(t *testing.T) {
	w := newEvalWorld(t)
	tmpl := w.createTemplate(t, map[string]any{"title": "Slotevaluatie", "questions": []map[string]any{
		{"kind": "scale", "prompt": "Waardering", "key": "waardering", "required": true},
		{"kind": "recommendation", "prompt": "Aanbevelen?", "key": "nps", "required": true},
		{"kind": "choice", "prompt": "Terugkomdag?", "key": "terugkomdag", "required": true,
			"choices": []map[string]string{{"value": "ja", "label": "Ja"}, {"value": "nee", "label": "Nee"}}},
		{"kind": "text", "prompt": "Opbrengst", "key": "opbrengst", "required": true},
		{"kind": "text", "prompt": "Verbetering", "key": "verbetering"},
	}})
	f := w.attach(t, attachBody(tmpl.ID, time.Minute, 48*time.Hour))
	f = w.movePeriod(t, f.ID, -time.Hour, 48*time.Hour)
	cases := []struct {
		name    string
		answers map[string]any
		fields  []string
	}{
		{"nothing", map[string]any{}, []string{"answers.waardering:required", "answers.nps:required",
			"answers.terugkomdag:required", "answers.opbrengst:required"}},
		{"nulls and blank text", map[string]any{"waardering": map[string]any{"value": nil}, "nps": nil,
			"terugkomdag": map[string]any{"choice": "ja"}, "opbrengst": map[string]any{"text": "   \n "}},
			[]string{"answers.waardering:required", "answers.nps:required", "answers.opbrengst:required"}},
		{"wrong and missing together", map[string]any{"waardering": map[string]any{"value": 0},
			"terugkomdag": map[string]any{"choice": "ja"}, "opbrengst": map[string]any{"text": "Veel."}},
			[]string{"answers.waardering:out_of_range", "answers.nps:required"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			wantFields(t, w.submit(t, "participant", f.ID, c.answers, ""), http.StatusUnprocessableEntity, c.fields...)
		})
	}
	if n := w.count(t, `SELECT count(*) FROM evaluation_submissions`) + w.count(t, `SELECT count(*) FROM evaluation_responses`); n != 0 {
		t.Fatalf("%d rows stored by refused submissions", n)
	}
	r := w.submit(t, "participant", f.ID, map[string]any{"waardering": map[string]any{"value": 1}, "nps": map[string]any{"value": 0},
		"terugkomdag": map[string]any{"choice": "nee"}, "opbrengst": map[string]any{"text": "Veel."}}, "")
	wantStatus(t, r, http.StatusCreated)
	var receipt receiptJSON
	r.JSON(t, &receipt)
	if receipt.Answered != 4 || receipt.FormID != f.ID {
		t.Fatalf("receipt %+v", receipt)
	}
}

func TestSubmitStoresTheAnswersApartFromThePerson(t *testing.T) {
	w := newEvalWorld(t)
	f := w.openForm(t, "Evaluatie bijeenkomst")
	me := w.Users["participant"]
	wantStatus(t, w.saveDraft(t, "participant", f.ID, map[string]any{keyScale: map[string]any{"value": 2}}, 0), http.StatusOK)
	before := time.Now()
	r := w.submit(t, "participant", f.ID, fullAnswers(), "")
	wantStatus(t, r, http.StatusCreated)
	var receipt receiptJSON
	r.JSON(t, &receipt)
	if receipt.FormID != f.ID || receipt.Answered != 4 || receipt.SubmittedAt.Before(before.Add(-time.Minute)) ||
		receipt.SubmittedAt.After(time.Now().Add(time.Minute)) {
		t.Fatalf("receipt %+v", receipt)
	}
	// The other participant leaves the text empty but ticks sharing: no text answer is stored for them.
	r = w.submit(t, "other-participant", f.ID, map[string]any{
		keyScale: map[string]any{"value": 5}, keyRec: map[string]any{"value": 6},
		keyText: map[string]any{"text": "  ", "shareWithFunder": true}}, "")
	wantStatus(t, r, http.StatusCreated)
	r.JSON(t, &receipt)
	if receipt.Answered != 2 {
		t.Fatalf("receipt %+v", receipt)
	}

	// What was answered, question by question (ordered so that the two responses can be told apart).
	type answerRow struct {
		Key             string
		Kind            string
		ScaleValue      *int
		ChoiceValue     *string
		TextValue       *string
		ShareWithFunder bool
	}
	var rows []answerRow
	if err := w.App.DB.Raw(`SELECT q.key, a.question_kind AS kind, a.scale_value, a.choice_value, a.text_value, a.share_with_funder
		FROM evaluation_answers a JOIN evaluation_questions q ON q.id = a.question_id
		WHERE a.form_id = ? ORDER BY q.position, a.scale_value`, f.ID).Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	i := func(n int) *int { return &n }
	s := func(v string) *string { return &v }
	want := []answerRow{
		{keyScale, "scale", i(4), nil, nil, false}, {keyScale, "scale", i(5), nil, nil, false},
		{keyRec, "recommendation", i(6), nil, nil, false}, {keyRec, "recommendation", i(9), nil, nil, false},
		{keyChoice, "choice", nil, s("goed"), nil, false},
		{keyText, "text", nil, nil, s("Meer pauzes tussen de sprekers."), true},
	}
	gotJSON, _ := json.Marshal(rows)
	wantJSON, _ := json.Marshal(want)
	if string(gotJSON) != string(wantJSON) {
		t.Fatalf("answers\n got %s\nwant %s", gotJSON, wantJSON)
	}
	today := time.Now().In(testZone).Format(time.DateOnly)
	if n := w.count(t, `SELECT count(*) FROM evaluation_responses WHERE form_id = ? AND submitted_on = ?::date`, f.ID, today); n != 2 {
		t.Fatalf("%d responses of today (%s)", n, today)
	}

	// No column links a response to a person: the tables hold exactly these columns, refer to no user or
	// submission, and no value of theirs is the person's id.
	columns := func(table string) []string {
		var cs []string
		if err := w.App.DB.Raw(`SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY column_name`,
			table).Scan(&cs).Error; err != nil {
			t.Fatal(err)
		}
		return cs
	}
	if got := columns("evaluation_responses"); !slices.Equal(got, []string{"form_id", "id", "submitted_on"}) {
		t.Fatalf("evaluation_responses columns %v", got)
	}
	if got := columns("evaluation_answers"); !slices.Equal(got, []string{"choice_value", "form_id", "id", "question_id",
		"question_kind", "response_id", "scale_value", "share_with_funder", "text_value"}) {
		t.Fatalf("evaluation_answers columns %v", got)
	}
	if got := columns("evaluation_submissions"); !slices.Equal(got, []string{"cohort_id", "form_id", "idempotency_key",
		"submitted_at", "user_id"}) {
		t.Fatalf("evaluation_submissions columns %v", got)
	}
	var refs []string
	if err := w.App.DB.Raw(`SELECT conrelid::regclass::text || '→' || confrelid::regclass::text FROM pg_constraint
		WHERE contype = 'f' AND conrelid::regclass::text IN ('evaluation_responses', 'evaluation_answers')
		ORDER BY 1`).Scan(&refs).Error; err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(refs, []string{"evaluation_answers→evaluation_questions", "evaluation_answers→evaluation_responses",
		"evaluation_responses→evaluation_forms"}) {
		t.Fatalf("references %v", refs)
	}
	for _, u := range []uuid.UUID{me, w.Users["other-participant"]} {
		if n := w.count(t, `SELECT count(*) FROM evaluation_responses r WHERE row_to_json(r)::text LIKE '%' || ? || '%'`, u.String()) +
			w.count(t, `SELECT count(*) FROM evaluation_answers a WHERE row_to_json(a)::text LIKE '%' || ? || '%'`, u.String()); n != 0 {
			t.Fatalf("%d rows mention user %s", n, u)
		}
	}
	// That they answered is recorded apart, and the draft is gone.
	if n := w.count(t, `SELECT count(*) FROM evaluation_submissions WHERE form_id = ? AND user_id IN (?, ?) AND cohort_id = ?`,
		f.ID, me, w.Users["other-participant"], w.Cohort); n != 2 {
		t.Fatalf("%d submissions", n)
	}
	if n := w.count(t, `SELECT count(*) FROM evaluation_drafts WHERE form_id = ?`, f.ID); n != 0 {
		t.Fatalf("%d drafts left", n)
	}
	// The answer text is nowhere else: not in the audit log, not in a mail.
	if n := w.count(t, `SELECT count(*) FROM audit_log l WHERE row_to_json(l)::text LIKE '%pauzes%'`) +
		w.count(t, `SELECT count(*) FROM outbox o WHERE row_to_json(o)::text LIKE '%pauzes%'`); n != 0 {
		t.Fatalf("the answer text is in %d audit or mail rows", n)
	}
	var m myEvaluationJSON
	r = w.call(t, "participant", http.MethodGet, "/me/evaluations/"+f.ID.String(), nil, 0)
	r.JSON(t, &m)
	if m.SubmittedAt == nil || m.Draft != nil || r.Header.Get("ETag") != "" || strings.Contains(string(r.Body), "pauzes") {
		t.Fatalf("after submitting: %s", r.Body)
	}
}

func TestConcurrentSubmitsOfOnePersonStoreOneResponse(t *testing.T) {
	w := newEvalWorld(t)
	for round := range 5 {
		f := w.openForm(t, "Ronde "+strconv.Itoa(round))
		calls := make([]func() *testapp.Response, 4)
		for i := range calls {
			key := ""
			if i%2 == 1 {
				key = "poging-" + strconv.Itoa(round) + "-" + strconv.Itoa(i)
			}
			calls[i] = func() *testapp.Response { return w.submit(t, "participant", f.ID, fullAnswers(), key) }
		}
		rs := raceAll(calls...)
		if got := statuses(rs); !slices.Equal(got, []int{http.StatusCreated, http.StatusConflict, http.StatusConflict, http.StatusConflict}) {
			t.Fatalf("round %d: %v", round, got)
		}
		if n := w.count(t, `SELECT count(*) FROM evaluation_responses WHERE form_id = ?`, f.ID); n != 1 {
			t.Fatalf("round %d: %d responses", round, n)
		}
		if n := w.count(t, `SELECT count(*) FROM evaluation_answers WHERE form_id = ?`, f.ID); n != 4 {
			t.Fatalf("round %d: %d answers", round, n)
		}

		// The same attempt sent three times at once (a retrying client): stored once, the same receipt thrice.
		g := w.openForm(t, "Ronde "+strconv.Itoa(round)+"b")
		key := "dezelfde-poging-" + strconv.Itoa(round)
		rs = raceAll(
			func() *testapp.Response { return w.submit(t, "other-participant", g.ID, fullAnswers(), key) },
			func() *testapp.Response { return w.submit(t, "other-participant", g.ID, fullAnswers(), key) },
			func() *testapp.Response { return w.submit(t, "other-participant", g.ID, fullAnswers(), key) })
		if got := statuses(rs); !slices.Equal(got, []int{http.StatusOK, http.StatusOK, http.StatusCreated}) {
			t.Fatalf("round %d, one key: %v", round, got)
		}
		var first receiptJSON
		rs[0].JSON(t, &first)
		for _, r := range rs[1:] {
			var other receiptJSON
			r.JSON(t, &other)
			if other != first {
				t.Fatalf("round %d: receipts %+v and %+v", round, first, other)
			}
		}
		if n := w.count(t, `SELECT count(*) FROM evaluation_responses WHERE form_id = ?`, g.ID); n != 1 {
			t.Fatalf("round %d: %d responses", round, n)
		}
	}
}

func TestARetryWithTheIdempotencyKeyGetsTheSameReceipt(t *testing.T) {
	w := newEvalWorld(t)
	f := w.openForm(t, "Evaluatie bijeenkomst")
	key := uuid.NewString()
	r := w.submit(t, "participant", f.ID, fullAnswers(), key)
	wantStatus(t, r, http.StatusCreated)
	var first receiptJSON
	r.JSON(t, &first)
	counts := func() [3]int {
		return [3]int{w.count(t, `SELECT count(*) FROM evaluation_responses`), w.count(t, `SELECT count(*) FROM evaluation_answers`),
			w.count(t, `SELECT count(*) FROM evaluation_submissions`)}
	}
	stored := counts()
	if stored != [3]int{1, 4, 1} {
		t.Fatalf("stored %v", stored)
	}
	// Also after the form closed: the answer was stored before.
	w.movePeriod(t, f.ID, -48*time.Hour, -time.Second)
	r = w.submit(t, "participant", f.ID, fullAnswers(), key)
	wantStatus(t, r, http.StatusOK)
	var again receiptJSON
	r.JSON(t, &again)
	if again != first || first.Answered != 4 {
		t.Fatalf("receipts %+v, %+v", first, again)
	}
	wantStatus(t, w.submit(t, "participant", f.ID, fullAnswers(), "een-andere-poging"), http.StatusConflict)
	wantStatus(t, w.submit(t, "participant", f.ID, fullAnswers(), ""), http.StatusConflict)
	if got := counts(); got != stored {
		t.Fatalf("retries stored something: %v, was %v", got, stored)
	}
	g := w.openForm(t, "Tweede")
	for _, bad := range []string{"kort", strings.Repeat("x", 101), "met spatie erin"} {
		wantStatus(t, w.submit(t, "participant", g.ID, fullAnswers(), bad), http.StatusBadRequest)
	}
}
