package planning_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/vgs/leergang/internal/testapp"
)

type templateModule struct {
	Key         string `json:"key"`
	Title       string `json:"title"`
	Description string `json:"description"`
	Options     []struct {
		Title       string `json:"title"`
		Description string `json:"description"`
	} `json:"options"`
}

type programme struct {
	ID          uuid.UUID        `json:"id"`
	Slug        string           `json:"slug"`
	Name        string           `json:"name"`
	Owner       string           `json:"owner"`
	Funder      *string          `json:"funder"`
	KAnonymity  int              `json:"kAnonymity"`
	CohortCount int              `json:"cohortCount"`
	Version     int              `json:"version"`
	Modules     []templateModule `json:"modules"`
}

// digitaalLeiderschap is the default template of seed 001, the keuzemodule with two options.
func digitaalLeiderschap(name string) map[string]any {
	return map[string]any{
		"name": name, "description": "Voor gemeentesecretarissen.", "owner": "Vereniging van Gemeentesecretarissen",
		"funder": "A&O-fonds Gemeenten", "kAnonymity": 5,
		"modules": []map[string]any{
			{"key": "context", "title": "De gemeentesecretaris in zijn/haar context", "description": "Verkenning."},
			{"key": "netwerken", "title": "Samenwerking en netwerken"},
			{"key": "leiderschap", "title": "Leiderschap aan de organisatie"},
			{"key": "bestuurlijk-adviseren", "title": "(Politiek-)bestuurlijk adviseren"},
			{"key": "keuzemodule", "title": "Keuzemodule en afsluiting", "options": []map[string]any{
				{"title": "Verdieping: AI en algoritmen", "description": "AI in de gemeentelijke praktijk."},
				{"title": "Verdieping: informatieveiligheid en crisisoefening"},
			}},
		},
	}
}

func createProgramme(t *testing.T, w *testapp.World, name string) programme {
	t.Helper()
	r := call(t, w.App, w.Tokens["admin"], http.MethodPost, "/programmes", digitaalLeiderschap(name), nil)
	expect(t, r, http.StatusCreated)
	var p programme
	r.JSON(t, &p)
	return p
}

func TestProgrammesAreListedToAdminsAndToTheStaffOfEach(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	both, mine, other := []uuid.UUID{w.Programme, w.OtherProgramme}, []uuid.UUID{w.Programme}, []uuid.UUID{w.OtherProgramme}
	want := map[string]struct {
		status int
		ids    []uuid.UUID
	}{
		"admin": {200, both}, "facilitator": {200, mine}, "programme-facilitator": {200, mine},
		"other-cohort-facilitator": {200, mine}, "other-programme-facilitator": {200, other}, "reviewer": {200, mine},
		// Participants are not staff: their programme reaches them through their cohort.
		"participant": {403, nil}, "other-participant": {403, nil}, "other-cohort-participant": {403, nil},
		"withdrawn-participant": {403, nil}, "anonymous": {401, nil},
	}
	statuses := map[string]int{}
	for role, tc := range want {
		statuses[role] = tc.status
	}
	forEachRole(t, statuses, func(t *testing.T, role string, status int) {
		r := call(t, w.App, w.Tokens[role], http.MethodGet, "/programmes", nil, nil)
		expect(t, r, status)
		if status != 200 {
			return
		}
		var body struct{ Programmes []programme }
		r.JSON(t, &body)
		var got []uuid.UUID
		for _, p := range body.Programmes {
			got = append(got, p.ID)
		}
		if len(got) != len(want[role].ids) {
			t.Fatalf("listed %v, want %v", got, want[role].ids)
		}
		for _, id := range want[role].ids {
			if !strings.Contains(string(r.Body), id.String()) {
				t.Fatalf("listed %v, want %v", got, want[role].ids)
			}
		}
	})
}

func TestAProgrammeAndItsTemplateAreReadByAdminsAndItsStaffOnly(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	p := createProgramme(t, w, "Leergang Digitaal Leiderschap 2")
	w.App.Grant(t, w.Users["facilitator"], "facilitator", &p.ID, nil)
	w.App.Grant(t, w.Users["reviewer"], "reviewer", &p.ID, nil)
	forEachRole(t, map[string]int{
		"admin": 200, "facilitator": 200, "reviewer": 200,
		"programme-facilitator": 403, "other-cohort-facilitator": 403, "other-programme-facilitator": 403,
		"participant": 403, "other-participant": 403, "other-cohort-participant": 403, "withdrawn-participant": 403,
		"anonymous": 401,
	}, func(t *testing.T, role string, status int) {
		r := call(t, w.App, w.Tokens[role], http.MethodGet, "/programmes/"+p.ID.String(), nil, nil)
		expect(t, r, status)
		if status == 200 {
			var got programme
			r.JSON(t, &got)
			if len(got.Modules) != 5 || r.Header.Get("ETag") != `"1"` {
				t.Fatalf("programme %+v, ETag %q", got, r.Header.Get("ETag"))
			}
		}
	})
	for _, id := range []string{uuid.NewString(), "geen-uuid"} {
		expect(t, call(t, w.App, w.Tokens["admin"], http.MethodGet, "/programmes/"+id, nil, nil), 404)
	}
}

func TestOnlyAdminsCreateProgrammes(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	forEachRole(t, map[string]int{
		"admin": 201, "facilitator": 403, "programme-facilitator": 403, "other-cohort-facilitator": 403,
		"other-programme-facilitator": 403, "reviewer": 403, "participant": 403, "other-participant": 403,
		"other-cohort-participant": 403, "withdrawn-participant": 403, "anonymous": 401,
	}, func(t *testing.T, role string, status int) {
		r := call(t, w.App, w.Tokens[role], http.MethodPost, "/programmes", digitaalLeiderschap("Leergang van "+role), nil)
		expect(t, r, status)
	})
	if n := count(t, w.App, `SELECT count(*) FROM programmes WHERE name LIKE 'Leergang van %'`); n != 1 {
		t.Fatalf("%d programmes created, want only the admin's", n)
	}
}

func TestACreatedProgrammeHasItsTemplateInOrderWithTheKeuzemoduleOptions(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	p := createProgramme(t, w, "Leergang Digitaal Leiderschap")
	if p.Slug != "leergang-digitaal-leiderschap" || p.Owner != "Vereniging van Gemeentesecretarissen" ||
		p.Funder == nil || *p.Funder != "A&O-fonds Gemeenten" || p.KAnonymity != 5 || p.Version != 1 {
		t.Fatalf("programme %+v", p)
	}
	keys := []string{}
	for _, m := range p.Modules {
		keys = append(keys, m.Key)
	}
	if strings.Join(keys, ",") != "context,netwerken,leiderschap,bestuurlijk-adviseren,keuzemodule" {
		t.Fatalf("modules %v", keys)
	}
	keuze := p.Modules[4]
	if len(keuze.Options) != 2 || keuze.Options[0].Title != "Verdieping: AI en algoritmen" || len(p.Modules[0].Options) != 0 {
		t.Fatalf("options %+v", p.Modules)
	}
	// The same name again: the programme gets a slug of its own, the organisations are reused.
	again := createProgramme(t, w, "Leergang Digitaal Leiderschap")
	if again.Slug != "leergang-digitaal-leiderschap-2" {
		t.Fatalf("second slug %q", again.Slug)
	}
	if n := count(t, w.App, `SELECT count(*) FROM organisations WHERE lower(name) = 'vereniging van gemeentesecretarissen'`); n != 1 {
		t.Fatalf("%d owner organisations, want 1", n)
	}
	// Accents are folded into the slug.
	if accented := createProgramme(t, w, "Één leergang: Sámen!"); accented.Slug != "een-leergang-samen" {
		t.Fatalf("slug %q", accented.Slug)
	}
}

func TestAProgrammeWithAFaultyTemplateIsRefusedFieldByField(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	admin := w.Tokens["admin"]
	bad := map[string]any{
		"name": "", "owner": "VGS", "kAnonymity": 1,
		"modules": []map[string]any{
			{"key": "context", "title": "Context"},
			{"key": "context", "title": "Nog eens context"},
			{"key": "Hoofd Letters", "title": ""},
			{"key": "keuze", "title": "Keuze", "options": []map[string]any{{"title": "A"}, {"title": "a"}}},
		},
	}
	p := problemOf(t, call(t, w.App, admin, http.MethodPost, "/programmes", bad, nil), 422)
	for _, fe := range [][2]string{
		{"name", "required"}, {"kAnonymity", "out_of_range"}, {"modules[1].key", "duplicate"},
		{"modules[2].key", "invalid"}, {"modules[2].title", "required"}, {"modules[3].options[1].title", "duplicate"},
	} {
		if !hasFieldError(p, fe[0], fe[1]) {
			t.Errorf("no %s error on %s: %+v", fe[1], fe[0], p.Errors)
		}
	}
	problemOf(t, call(t, w.App, admin, http.MethodPost, "/programmes", `{"name": "X", "owner": "VGS", "colour": "rood"}`, nil), 422)
	problemOf(t, call(t, w.App, admin, http.MethodPost, "/programmes", `{"name": `, nil), 400)
	problemOf(t, call(t, w.App, admin, http.MethodPost, "/programmes", `{"name": "X"}`,
		map[string]string{"Content-Type": "text/plain"}), 415)
	if n := count(t, w.App, `SELECT count(*) FROM programmes`); n != 2 {
		t.Fatalf("%d programmes, want the world's 2", n)
	}
}

func TestReplacingTheTemplateNeedsTheCurrentVersionAndKeepsMatchingModules(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	admin := w.Tokens["admin"]
	p := createProgramme(t, w, "Leergang Digitaal Leiderschap")
	path := "/programmes/" + p.ID.String()
	var contextID uuid.UUID
	w.App.DB.Raw(`SELECT id FROM module_templates WHERE programme_id = ? AND key = 'context'`, p.ID).Scan(&contextID)

	patch := map[string]any{
		"name": "Leergang Digitaal Leiderschap (vernieuwd)", "kAnonymity": 7,
		"modules": []map[string]any{
			{"key": "keuzemodule", "title": "Keuzemodule", "options": []map[string]any{
				{"title": "Verdieping: informatieveiligheid en crisisoefening", "description": "Met een gesimuleerde hack."},
				{"title": "Werkbezoek"},
			}},
			{"key": "context", "title": "Context, vernieuwd"},
		},
	}
	problemOf(t, call(t, w.App, admin, http.MethodPatch, path, patch, nil), 428)
	problemOf(t, call(t, w.App, admin, http.MethodPatch, path, patch, map[string]string{"If-Match": "versie één"}), 400)
	problemOf(t, call(t, w.App, admin, http.MethodPatch, path, patch, ifMatch(2)), 412)
	if n := count(t, w.App, `SELECT count(*) FROM module_templates WHERE programme_id = ?`, p.ID); n != 5 {
		t.Fatalf("a stale patch changed the template: %d modules", n)
	}

	r := call(t, w.App, admin, http.MethodPatch, path, patch, ifMatch(1))
	expect(t, r, 200)
	var got programme
	r.JSON(t, &got)
	if got.Version != 2 || r.Header.Get("ETag") != `"2"` || got.KAnonymity != 7 || got.Name != "Leergang Digitaal Leiderschap (vernieuwd)" {
		t.Fatalf("patched %+v, ETag %q", got, r.Header.Get("ETag"))
	}
	if len(got.Modules) != 2 || got.Modules[0].Key != "keuzemodule" || got.Modules[1].Title != "Context, vernieuwd" ||
		len(got.Modules[0].Options) != 2 || got.Modules[0].Options[0].Description != "Met een gesimuleerde hack." {
		t.Fatalf("template %+v", got.Modules)
	}
	var stillContext uuid.UUID
	w.App.DB.Raw(`SELECT id FROM module_templates WHERE programme_id = ? AND key = 'context'`, p.ID).Scan(&stillContext)
	if stillContext != contextID {
		t.Fatalf("the context module was replaced (%s → %s), not updated", contextID, stillContext)
	}
	// The same version again is stale now.
	problemOf(t, call(t, w.App, admin, http.MethodPatch, path, map[string]any{"kAnonymity": 3}, ifMatch(1)), 412)
	// Only admins change a programme.
	problemOf(t, call(t, w.App, w.Tokens["facilitator"], http.MethodPatch, "/programmes/"+w.Programme.String(),
		map[string]any{"kAnonymity": 3}, ifMatch(1)), 403)
	problemOf(t, call(t, w.App, w.Tokens["reviewer"], http.MethodPatch, "/programmes/"+w.Programme.String(),
		map[string]any{"kAnonymity": 2}, ifMatch(1)), 403)
	problemOf(t, call(t, w.App, admin, http.MethodPatch, "/programmes/"+uuid.NewString(), map[string]any{"kAnonymity": 3}, ifMatch(1)), 404)
}
