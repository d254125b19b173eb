package evaluation_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/google/uuid"
)

func TestTemplatesAreWrittenByAdminsAndReadByTheProgrammesFacilitators(t *testing.T) {
	w := newEvalWorld(t)
	tmpl := w.createTemplate(t, sampleForm("Evaluatie bijeenkomst"))
	cases := []struct {
		role        string
		read, write int
		listed      int // templates in the list when read is 200
	}{
		{"programme-facilitator", http.StatusOK, http.StatusForbidden, 1},
		{"facilitator", http.StatusOK, http.StatusForbidden, 1},
		{"other-cohort-facilitator", http.StatusOK, http.StatusForbidden, 1},
		{"other-programme-facilitator", http.StatusForbidden, http.StatusForbidden, 0},
		{"reviewer", http.StatusForbidden, http.StatusForbidden, 0},
		{"participant", http.StatusForbidden, http.StatusForbidden, 0},
		{"other-cohort-participant", http.StatusForbidden, http.StatusForbidden, 0},
		{"anonymous", http.StatusUnauthorized, http.StatusUnauthorized, 0},
		{"admin", http.StatusOK, http.StatusOK, 1}, // last: its write adds a template
	}
	for _, c := range cases {
		t.Run(c.role, func(t *testing.T) {
			r := w.call(t, c.role, http.MethodGet, w.templatesPath(), nil, 0)
			wantStatus(t, r, c.read)
			if c.read == http.StatusOK {
				var l templateListJSON
				r.JSON(t, &l)
				if len(l.Templates) != c.listed || l.Templates[0].ID != tmpl.ID || l.Templates[0].QuestionCount != 4 {
					t.Fatalf("templates %+v", l.Templates)
				}
			}
			r = w.call(t, c.role, http.MethodGet, "/evaluation-forms/"+tmpl.ID.String(), nil, 0)
			wantStatus(t, r, c.read)
			if c.read == http.StatusOK {
				var f formJSON
				r.JSON(t, &f)
				if f.ID != tmpl.ID || len(f.Questions) != 4 {
					t.Fatalf("form %+v", f)
				}
			}

			// Writes: admins only.
			var current formJSON
			w.call(t, "admin", http.MethodGet, "/evaluation-forms/"+tmpl.ID.String(), nil, 0).JSON(t, &current)
			body := sampleForm("Evaluatie bijeenkomst")
			r = w.call(t, c.role, http.MethodPut, "/evaluation-forms/"+tmpl.ID.String(), body, current.Version)
			wantStatus(t, r, c.write)
			title := "Nieuw sjabloon " + c.role
			r = w.call(t, c.role, http.MethodPost, w.templatesPath(), sampleForm(title), 0)
			if c.write == http.StatusOK {
				wantStatus(t, r, http.StatusCreated)
			} else {
				wantStatus(t, r, c.write)
			}
		})
	}
	var n int
	if err := w.App.DB.Raw(`SELECT count(*) FROM evaluation_forms WHERE programme_id = ?`, w.Programme).Row().Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Fatalf("%d forms, want the first and the admin's", n)
	}
}

func TestTemplateRevisionsAreForAdminsOnly(t *testing.T) {
	w := newEvalWorld(t)
	tmpl := w.createTemplate(t, sampleForm("Evaluatie module"))
	for role, status := range map[string]int{"programme-facilitator": http.StatusForbidden,
		"reviewer": http.StatusForbidden, "participant": http.StatusForbidden, "anonymous": http.StatusUnauthorized} {
		wantStatus(t, w.call(t, role, http.MethodPost, "/evaluation-forms/"+tmpl.ID.String()+"/revisions", nil, 0), status)
	}
	wantStatus(t, w.call(t, "admin", http.MethodPost, "/evaluation-forms/"+uuid.NewString()+"/revisions", nil, 0),
		http.StatusNotFound)
	wantStatus(t, w.call(t, "admin", http.MethodGet, "/evaluation-forms/niet-een-id", nil, 0), http.StatusNotFound)
	wantStatus(t, w.call(t, "admin", http.MethodGet, "/programmes/"+uuid.NewString()+"/evaluation-templates", nil, 0),
		http.StatusNotFound)
}

func TestCreateTemplateMakesKeysFromPrompts(t *testing.T) {
	w := newEvalWorld(t)
	body := sampleForm("  Evaluatie bijeenkomst  ")
	body["questions"] = append(body["questions"].([]map[string]any),
		map[string]any{"kind": "text", "prompt": "Wat neemt u mee?", "key": "eigen-sleutel"})
	f := w.createTemplate(t, body)
	want := []string{"hoe-waardeert-u-de-spreker", "zou-u-de-leergang-aanbevelen", "was-de-lengte-goed",
		"wat-neemt-u-mee", "eigen-sleutel"}
	if !slices.Equal(f.keys(), want) {
		t.Fatalf("keys %v, want %v", f.keys(), want)
	}
	if f.Title != "Evaluatie bijeenkomst" || !f.IsTemplate || f.Revision != 1 || f.CohortID != nil ||
		f.ProgrammeID != w.Programme || f.Responses != 0 || f.Locked || f.Version != 1 {
		t.Fatalf("form %+v", f)
	}
	for i, q := range f.Questions {
		if q.Position != i+1 {
			t.Fatalf("question %d at position %d", i, q.Position)
		}
	}
	if q := f.Questions[0]; q.Kind != "scale" || !q.Required || q.Labels["5"] != "uitstekend" || len(q.Choices) != 0 {
		t.Fatalf("scale question %+v", q)
	}
	if q := f.Questions[2]; q.Kind != "choice" || len(q.Choices) != 3 || q.Choices[1].Value != "goed" || len(q.Labels) != 0 {
		t.Fatalf("choice question %+v", q)
	}
}

func TestCreateTemplateReportsEveryWrongField(t *testing.T) {
	w := newEvalWorld(t)
	r := w.call(t, "admin", http.MethodPost, w.templatesPath(), map[string]any{
		"title": "  ",
		"questions": []map[string]any{
			{"kind": "scale", "prompt": "Goed?", "labels": map[string]string{"9": "te hoog"}},
			{"kind": "choice", "prompt": "Welke?", "choices": []map[string]string{{"value": "a", "label": "A"}}},
			{"kind": "vrij", "prompt": ""},
			{"kind": "text", "prompt": "Sleutel", "key": "Geen Sleutel"},
		},
	}, 0)
	wantFields(t, r, http.StatusUnprocessableEntity, "title:required", "questions[0].labels:invalid",
		"questions[1].choices:count", "questions[2].prompt:required", "questions[2].kind:invalid", "questions[3].key:invalid")

	r = w.call(t, "admin", http.MethodPost, w.templatesPath(), map[string]any{"title": "Leeg", "questions": []any{}}, 0)
	wantFields(t, r, http.StatusUnprocessableEntity, "questions:required")

	r = w.call(t, "admin", http.MethodPost, w.templatesPath(), map[string]any{"title": "Onbekend veld", "kleur": "rood",
		"questions": []any{}}, 0)
	wantFields(t, r, http.StatusUnprocessableEntity, "kleur:unknown")
}

func TestTemplateTitleIsUniquePerProgrammeAndRevision(t *testing.T) {
	w := newEvalWorld(t)
	w.createTemplate(t, sampleForm("Evaluatie bijeenkomst"))
	r := w.call(t, "admin", http.MethodPost, w.templatesPath(), sampleForm("evaluatie BIJEENKOMST"), 0)
	wantFields(t, r, http.StatusConflict, "title:duplicate")

	other := w.createTemplate(t, sampleForm("Evaluatie module"))
	r = w.call(t, "admin", http.MethodPut, "/evaluation-forms/"+other.ID.String(), sampleForm("Evaluatie bijeenkomst"), other.Version)
	wantFields(t, r, http.StatusConflict, "title:duplicate")

	// The same title in another programme is no clash.
	r = w.call(t, "admin", http.MethodPost, "/programmes/"+w.OtherProgramme.String()+"/evaluation-templates",
		sampleForm("Evaluatie bijeenkomst"), 0)
	wantStatus(t, r, http.StatusCreated)
}

func TestUpdateMatchesQuestionsByKeyAndKeepsTheirIDs(t *testing.T) {
	w := newEvalWorld(t)
	f := w.createTemplate(t, sampleForm("Evaluatie bijeenkomst"))
	ids := f.idByKey()
	// Reversed order, one reworded, one removed, one added.
	r := w.call(t, "admin", http.MethodPut, "/evaluation-forms/"+f.ID.String(), map[string]any{
		"title": "Evaluatie bijeenkomst", "description": "Nieuw",
		"questions": []map[string]any{
			{"key": "wat-neemt-u-mee", "kind": "text", "prompt": "Wat neemt u mee naar uw gemeente?"},
			{"key": "was-de-lengte-goed", "kind": "choice", "prompt": "Was de lengte goed?", "choices": []map[string]string{
				{"value": "te-kort", "label": "Te kort"}, {"value": "goed", "label": "Goed"}}},
			{"key": "hoe-waardeert-u-de-spreker", "kind": "scale", "prompt": "Hoe waardeert u de spreker?"},
			{"kind": "scale", "prompt": "Hoe was de locatie?"},
		},
	}, f.Version)
	wantStatus(t, r, http.StatusOK)
	var g formJSON
	r.JSON(t, &g)
	if r.Header.Get("ETag") != `"2"` || g.Version != 2 || g.Description != "Nieuw" {
		t.Fatalf("ETag %q, form %+v", r.Header.Get("ETag"), g)
	}
	want := []string{"wat-neemt-u-mee", "was-de-lengte-goed", "hoe-waardeert-u-de-spreker", "hoe-was-de-locatie"}
	if !slices.Equal(g.keys(), want) {
		t.Fatalf("keys %v, want %v", g.keys(), want)
	}
	for _, k := range want[:3] {
		if g.idByKey()[k] != ids[k] {
			t.Fatalf("question %s changed id", k)
		}
	}
	if g.idByKey()["hoe-was-de-locatie"] == uuid.Nil || g.Questions[0].Prompt != "Wat neemt u mee naar uw gemeente?" ||
		len(g.Questions[1].Choices) != 2 || g.Questions[2].Required {
		t.Fatalf("questions %+v", g.Questions)
	}
	var n int
	if err := w.App.DB.Raw(`SELECT count(*) FROM evaluation_questions WHERE id = ?`,
		ids["zou-u-de-leergang-aanbevelen"]).Row().Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Fatal("the removed question is still there")
	}
}

func TestAnsweredTemplateRefusesARemovalButAcceptsRewording(t *testing.T) {
	w := newEvalWorld(t)
	f := w.createTemplate(t, sampleForm("Evaluatie bijeenkomst"))
	w.answerCopy(t, f)

	var l templateListJSON
	w.call(t, "facilitator", http.MethodGet, w.templatesPath(), nil, 0).JSON(t, &l)
	if len(l.Templates) != 1 || l.Templates[0].Copies != 1 || l.Templates[0].Responses != 1 || !l.Templates[0].Locked {
		t.Fatalf("templates %+v", l.Templates)
	}

	body := sampleForm("Evaluatie bijeenkomst")
	qs := body["questions"].([]map[string]any)
	for i := range qs {
		qs[i]["key"] = f.Questions[i].Key
	}
	removed := map[string]any{"title": body["title"], "questions": qs[1:]}
	r := w.call(t, "admin", http.MethodPut, "/evaluation-forms/"+f.ID.String(), removed, f.Version)
	wantFields(t, r, http.StatusConflict, "questions:removed")

	qs[0]["prompt"] = "Hoe waardeert u de spreker van vandaag?"
	qs[3]["helpText"] = "Eén zin is genoeg."
	r = w.call(t, "admin", http.MethodPut, "/evaluation-forms/"+f.ID.String(), body, f.Version)
	wantStatus(t, r, http.StatusOK)
	var g formJSON
	r.JSON(t, &g)
	if g.Questions[0].Prompt != "Hoe waardeert u de spreker van vandaag?" || g.Questions[0].ID != f.Questions[0].ID ||
		!g.Locked || g.Responses != 1 {
		t.Fatalf("form %+v", g)
	}
}

func TestRevisionCopiesATemplateWithTheSameKeys(t *testing.T) {
	w := newEvalWorld(t)
	f := w.createTemplate(t, sampleForm("Evaluatie bijeenkomst"))
	r := w.call(t, "admin", http.MethodPost, "/evaluation-forms/"+f.ID.String()+"/revisions", nil, 0)
	wantStatus(t, r, http.StatusCreated)
	var g formJSON
	r.JSON(t, &g)
	if g.ID == f.ID || g.Revision != 2 || g.Title != f.Title || !g.IsTemplate || g.CopiedFromFormID == nil ||
		*g.CopiedFromFormID != f.ID || !slices.Equal(g.keys(), f.keys()) || g.Version != 1 {
		t.Fatalf("revision %+v", g)
	}
	if g.Questions[0].ID == f.Questions[0].ID || g.Questions[0].Labels["1"] != "slecht" {
		t.Fatalf("questions %+v", g.Questions)
	}
	// Revision 2 exists now: revising revision 1 again is a conflict.
	wantStatus(t, w.call(t, "admin", http.MethodPost, "/evaluation-forms/"+f.ID.String()+"/revisions", nil, 0),
		http.StatusConflict)

	var l templateListJSON
	w.call(t, "admin", http.MethodGet, w.templatesPath(), nil, 0).JSON(t, &l)
	if len(l.Templates) != 2 || l.Templates[0].Revision != 2 || l.Templates[1].Revision != 1 || l.Templates[0].Copies != 0 {
		t.Fatalf("templates %+v", l.Templates)
	}

	copyID := w.answerCopy(t, f)
	wantStatus(t, w.call(t, "admin", http.MethodPost, "/evaluation-forms/"+copyID.String()+"/revisions", nil, 0),
		http.StatusConflict)
}

func TestUpdateNeedsTheCurrentVersion(t *testing.T) {
	w := newEvalWorld(t)
	f := w.createTemplate(t, sampleForm("Evaluatie bijeenkomst"))
	path := "/evaluation-forms/" + f.ID.String()
	wantStatus(t, w.call(t, "admin", http.MethodPut, path, sampleForm("Zonder versie"), 0), http.StatusPreconditionRequired)
	wantStatus(t, w.call(t, "admin", http.MethodPut, path, sampleForm("Eerste"), f.Version), http.StatusOK)
	wantStatus(t, w.call(t, "admin", http.MethodPut, path, sampleForm("Tweede"), f.Version), http.StatusPreconditionFailed)
	var g formJSON
	r := w.call(t, "admin", http.MethodGet, path, nil, 0)
	r.JSON(t, &g)
	if g.Title != "Eerste" || g.Version != 2 || r.Header.Get("ETag") != `"2"` {
		t.Fatalf("form %+v, ETag %q", g, r.Header.Get("ETag"))
	}
}
