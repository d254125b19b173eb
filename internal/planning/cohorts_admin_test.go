package planning_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/vgs/leergang/internal/testapp"
)

type cohortSummary struct {
	ID                 uuid.UUID `json:"id"`
	Name               string    `json:"name"`
	StartsOn           string    `json:"startsOn"`
	EndsOn             string    `json:"endsOn"`
	Capacity           int       `json:"capacity"`
	Status             string    `json:"status"`
	ActiveParticipants int       `json:"activeParticipants"`
	Version            int       `json:"version"`
}

type moduleOption struct {
	ID          string `json:"id,omitempty"`
	Title       string `json:"title"`
	Description string `json:"description"`
	Capacity    *int   `json:"capacity,omitempty"`
	ChosenBy    int    `json:"chosenBy,omitempty"`
}

type editableModule struct {
	ID           string         `json:"id,omitempty"`
	Key          string         `json:"key"`
	Title        string         `json:"title"`
	Description  string         `json:"description"`
	SessionCount int            `json:"sessionCount,omitempty"`
	Options      []moduleOption `json:"options"`
}

type cohortModules struct {
	Version int              `json:"version"`
	Modules []editableModule `json:"modules"`
}

func newCohort(name string) map[string]any {
	return map[string]any{"name": name, "startsOn": "2027-09-01", "endsOn": "2028-06-30", "capacity": 12}
}

func createCohort(t *testing.T, w *testapp.World, programmeID uuid.UUID, name string) cohortSummary {
	t.Helper()
	r := call(t, w.App, w.Tokens["admin"], http.MethodPost, "/programmes/"+programmeID.String()+"/cohorts", newCohort(name), nil)
	expect(t, r, http.StatusCreated)
	var c cohortSummary
	r.JSON(t, &c)
	return c
}

func getModules(t *testing.T, w *testapp.World, role string, cohortID uuid.UUID) cohortModules {
	t.Helper()
	r := call(t, w.App, w.Tokens[role], http.MethodGet, "/cohorts/"+cohortID.String()+"/modules", nil, nil)
	expect(t, r, 200)
	var m cohortModules
	r.JSON(t, &m)
	return m
}

// forModules strips what the editor does not send back (counts) so a list can be resent as it is.
func forModules(mods []editableModule) []editableModule {
	out := make([]editableModule, len(mods))
	for i, m := range mods {
		m.SessionCount = 0
		opts := make([]moduleOption, len(m.Options))
		for j, o := range m.Options {
			o.ChosenBy = 0
			opts[j] = o
		}
		m.Options = opts
		out[i] = m
	}
	return out
}

func TestANewCohortStartsPlannedWithACopyOfTheTemplate(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	p := createProgramme(t, w, "Leergang Digitaal Leiderschap")
	c := createCohort(t, w, p.ID, "2027–2028")
	if c.Status != "planned" || c.Capacity != 12 || c.StartsOn != "2027-09-01" || c.Version != 1 || c.ActiveParticipants != 0 {
		t.Fatalf("cohort %+v", c)
	}
	mods := getModules(t, w, "admin", c.ID)
	if len(mods.Modules) != len(p.Modules) {
		t.Fatalf("%d modules copied, template has %d", len(mods.Modules), len(p.Modules))
	}
	for i, m := range mods.Modules {
		tm := p.Modules[i]
		if m.Key != tm.Key || m.Title != tm.Title || m.Description != tm.Description || len(m.Options) != len(tm.Options) {
			t.Fatalf("module %d = %+v, template %+v", i, m, tm)
		}
		for j, o := range m.Options {
			if o.Title != tm.Options[j].Title || o.Description != tm.Options[j].Description {
				t.Fatalf("option %d.%d = %+v, template %+v", i, j, o, tm.Options[j])
			}
		}
	}
	if n := count(t, w.App, `SELECT count(*) FROM modules m JOIN module_templates t ON t.id = m.template_id
		WHERE m.cohort_id = ? AND t.key = m.key`, c.ID); n != 5 {
		t.Fatalf("%d modules linked to their template module, want 5", n)
	}
	if n := count(t, w.App, `SELECT count(*) FROM module_options WHERE template_option_id IS NOT NULL AND module_id IN
		(SELECT id FROM modules WHERE cohort_id = ?)`, c.ID); n != 2 {
		t.Fatalf("%d options linked to the template, want 2", n)
	}

	// The copy is the cohort's own: changing the template afterwards leaves it alone.
	expect(t, call(t, w.App, w.Tokens["admin"], http.MethodPatch, "/programmes/"+p.ID.String(),
		map[string]any{"modules": []map[string]any{{"key": "nieuw", "title": "Nieuw"}}}, ifMatch(1)), 200)
	if after := getModules(t, w, "admin", c.ID); len(after.Modules) != 5 || after.Modules[4].Options[1].Title != "Verdieping: informatieveiligheid en crisisoefening" {
		t.Fatalf("the cohort's modules changed with the template: %+v", after.Modules)
	}
}

func TestOnlyAdminsCreateCohortsAndNamesAreUniquePerProgramme(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	path := "/programmes/" + w.Programme.String() + "/cohorts"
	forEachRole(t, map[string]int{
		"admin": 201, "facilitator": 403, "programme-facilitator": 403, "other-cohort-facilitator": 403,
		"other-programme-facilitator": 403, "reviewer": 403, "participant": 403, "other-participant": 403,
		"other-cohort-participant": 403, "withdrawn-participant": 403, "anonymous": 401,
	}, func(t *testing.T, role string, status int) {
		expect(t, call(t, w.App, w.Tokens[role], http.MethodPost, path, newCohort("Groep van "+role), nil), status)
	})
	admin := w.Tokens["admin"]
	p := problemOf(t, call(t, w.App, admin, http.MethodPost, path, newCohort("2026–2027"), nil), 409)
	if !strings.Contains(p.Detail, "andere naam") {
		t.Fatalf("problem %+v", p)
	}
	bad := problemOf(t, call(t, w.App, admin, http.MethodPost, path,
		map[string]any{"name": " ", "startsOn": "2027-09-01", "endsOn": "2027-08-31", "capacity": 0}, nil), 422)
	for _, fe := range [][2]string{{"name", "required"}, {"endsOn", "before_start"}, {"capacity", "out_of_range"}} {
		if !hasFieldError(bad, fe[0], fe[1]) {
			t.Errorf("no %s on %s: %+v", fe[1], fe[0], bad.Errors)
		}
	}
	dates := problemOf(t, call(t, w.App, admin, http.MethodPost, path,
		map[string]any{"name": "X", "startsOn": "1 september", "endsOn": "2027-02-30", "capacity": 8}, nil), 422)
	if !hasFieldError(dates, "startsOn", "invalid") || !hasFieldError(dates, "endsOn", "invalid") {
		t.Fatalf("date errors %+v", dates.Errors)
	}
	problemOf(t, call(t, w.App, admin, http.MethodPost, path, `{"name": "X", "capacity": "twaalf"}`, nil), 422)
	problemOf(t, call(t, w.App, admin, http.MethodPost, "/programmes/"+uuid.NewString()+"/cohorts", newCohort("X"), nil), 404)
}

func TestTheCohortListShowsEachRoleTheCohortsItMaySee(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	all, own, other := []uuid.UUID{w.Cohort, w.OtherCohort}, []uuid.UUID{w.Cohort}, []uuid.UUID{w.OtherCohort}
	want := map[string][]uuid.UUID{
		"admin": all, "reviewer": all, "programme-facilitator": all, "facilitator": own, "other-cohort-facilitator": other,
	}
	forEachRole(t, map[string]int{
		"admin": 200, "reviewer": 200, "programme-facilitator": 200, "facilitator": 200, "other-cohort-facilitator": 200,
		"other-programme-facilitator": 403, "participant": 403, "other-participant": 403, "other-cohort-participant": 403,
		"withdrawn-participant": 403, "anonymous": 401,
	}, func(t *testing.T, role string, status int) {
		r := call(t, w.App, w.Tokens[role], http.MethodGet, "/programmes/"+w.Programme.String()+"/cohorts", nil, nil)
		expect(t, r, status)
		if status != 200 {
			return
		}
		var body struct{ Cohorts []cohortSummary }
		r.JSON(t, &body)
		if len(body.Cohorts) != len(want[role]) {
			t.Fatalf("listed %+v, want %v", body.Cohorts, want[role])
		}
		for i, id := range want[role] {
			if body.Cohorts[i].ID != id {
				t.Fatalf("listed %+v, want %v (newest first)", body.Cohorts, want[role])
			}
		}
		if role == "reviewer" && body.Cohorts[0].ActiveParticipants != 2 {
			t.Fatalf("the reviewer's count of active participants: %+v", body.Cohorts[0])
		}
	})
}

func TestACohortMovesForwardThroughItsStatusesAndCanBeReopenedOnlyWhenCompleted(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	admin := w.Tokens["admin"]
	c := createCohort(t, w, w.Programme, "2027–2028")
	w.App.Enrol(t, c.ID, w.Users["participant"], "active")
	w.App.Enrol(t, c.ID, w.Users["other-participant"], "withdrawn")
	path := "/cohorts/" + c.ID.String() + "/status"
	version := c.Version
	step := func(status string, want int) {
		t.Helper()
		r := call(t, w.App, admin, http.MethodPost, path, map[string]string{"status": status}, ifMatch(version))
		expect(t, r, want)
		if want == 200 {
			var got cohortSummary
			r.JSON(t, &got)
			if got.Status != status || got.Version != version+1 {
				t.Fatalf("after %s: %+v", status, got)
			}
			version = got.Version
		}
	}
	enrolmentStatuses := func() string {
		var s []string
		w.App.DB.Raw(`SELECT e.status FROM enrolments e JOIN users u ON u.id = e.user_id WHERE cohort_id = ? ORDER BY u.email`,
			c.ID).Scan(&s)
		return strings.Join(s, ",")
	}

	step("completed", 409) // planned cannot skip running
	step("archived", 409)
	step("planned", 409) // already planned
	step("running", 200)
	step("planned", 409) // no way back
	step("completed", 200)
	if got := enrolmentStatuses(); got != "withdrawn,completed" {
		t.Fatalf("after completing, enrolments %s", got)
	}
	step("running", 200) // reopened
	if got := enrolmentStatuses(); got != "withdrawn,active" {
		t.Fatalf("after reopening, enrolments %s", got)
	}
	step("completed", 200)
	step("archived", 200)
	if n := count(t, w.App, `SELECT count(*) FROM cohorts WHERE id = ? AND archived_at IS NOT NULL`, c.ID); n != 1 {
		t.Fatal("archived_at not set")
	}
	step("running", 409) // archiving is final
	step("completed", 409)

	// An archived cohort is read-only.
	problemOf(t, call(t, w.App, admin, http.MethodPatch, "/cohorts/"+c.ID.String(), map[string]any{"capacity": 20}, ifMatch(version)), 409)
	problemOf(t, call(t, w.App, admin, http.MethodPut, "/cohorts/"+c.ID.String()+"/modules",
		map[string]any{"modules": []any{}}, ifMatch(version)), 409)

	p := problemOf(t, call(t, w.App, admin, http.MethodPost, path, map[string]string{"status": "klaar"}, ifMatch(version)), 422)
	if !hasFieldError(p, "status", "invalid") {
		t.Fatalf("problem %+v", p)
	}
	problemOf(t, call(t, w.App, admin, http.MethodPost, path, map[string]string{"status": "running"}, nil), 428)
	problemOf(t, call(t, w.App, admin, http.MethodPost, path, map[string]string{"status": "running"}, ifMatch(1)), 412)
}

func TestOnlyAdminsChangeACohortsStatus(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	c := createCohort(t, w, w.Programme, "2027–2028")
	w.App.Grant(t, w.Users["facilitator"], "facilitator", nil, &c.ID)
	forEachRole(t, map[string]int{
		"admin": 200, "facilitator": 403, "programme-facilitator": 403, "other-cohort-facilitator": 403,
		"other-programme-facilitator": 403, "reviewer": 403, "participant": 403, "other-participant": 403,
		"other-cohort-participant": 403, "withdrawn-participant": 403, "anonymous": 401,
	}, func(t *testing.T, role string, status int) {
		r := call(t, w.App, w.Tokens[role], http.MethodPost, "/cohorts/"+c.ID.String()+"/status",
			map[string]string{"status": "running"}, ifMatch(1))
		expect(t, r, status)
	})
}

func TestUpdatingACohortNeedsTheCurrentVersionAndRoomForItsParticipants(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	admin := w.Tokens["admin"]
	path := "/cohorts/" + w.Cohort.String()
	problemOf(t, call(t, w.App, admin, http.MethodPatch, path, map[string]any{"capacity": 16}, nil), 428)
	problemOf(t, call(t, w.App, admin, http.MethodPatch, path, map[string]any{"capacity": 16}, ifMatch(2)), 412)
	// Two participants are active: the cohort cannot shrink below that.
	p := problemOf(t, call(t, w.App, admin, http.MethodPatch, path, map[string]any{"capacity": 1}, ifMatch(1)), 422)
	if !hasFieldError(p, "capacity", "below_enrolled") {
		t.Fatalf("problem %+v", p)
	}
	problemOf(t, call(t, w.App, admin, http.MethodPatch, path, map[string]any{"name": "2021–2022"}, ifMatch(1)), 409)
	problemOf(t, call(t, w.App, admin, http.MethodPatch, path, map[string]any{"endsOn": "2026-08-01"}, ifMatch(1)), 422)
	problemOf(t, call(t, w.App, w.Tokens["facilitator"], http.MethodPatch, path, map[string]any{"capacity": 16}, ifMatch(1)), 403)

	r := call(t, w.App, admin, http.MethodPatch, path, map[string]any{"capacity": 2, "name": "2026–2027 (Zwolle)"}, ifMatch(1))
	expect(t, r, 200)
	var c cohortSummary
	r.JSON(t, &c)
	if c.Capacity != 2 || c.Name != "2026–2027 (Zwolle)" || c.StartsOn != "2026-09-01" || c.Version != 2 || r.Header.Get("ETag") != `"2"` {
		t.Fatalf("cohort %+v", c)
	}
}

func TestFacilitatorsEditTheirCohortsModulesWithoutLosingSessions(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	p := createProgramme(t, w, "Leergang Digitaal Leiderschap")
	c := createCohort(t, w, p.ID, "2027–2028")
	a.Grant(t, w.Users["facilitator"], "facilitator", nil, &c.ID)
	fac := w.Tokens["facilitator"]
	path := "/cohorts/" + c.ID.String() + "/modules"
	mods := getModules(t, w, "facilitator", c.ID)
	// A session in "netwerken" (position 2).
	session := a.Session(t, c.ID, 2, "Informatieveiligheid", time.Date(2027, 10, 28, 12, 30, 0, 0, time.UTC), 3*time.Hour)

	// Reorder (keuzemodule first), swap two keys, retitle, add an option and a module, drop "context".
	m := forModules(mods.Modules)
	keuze, netwerken, leiderschap, adviseren := m[4], m[1], m[2], m[3]
	netwerken.Key, leiderschap.Key = "leiderschap", "netwerken"
	netwerken.Title = "Netwerken (nieuw)"
	keuze.Options = append([]moduleOption{{Title: "Werkbezoek", Capacity: ptr(6)}}, keuze.Options...)
	keuze.Options[2].Title = "Crisisoefening"
	edited := []editableModule{keuze, netwerken, leiderschap, adviseren, {Key: "extra", Title: "Extra terugkomdag"}}
	r := call(t, a, fac, http.MethodPut, path, map[string]any{"modules": edited}, ifMatch(mods.Version))
	expect(t, r, 200)
	var got cohortModules
	r.JSON(t, &got)
	var keys []string
	for _, m := range got.Modules {
		keys = append(keys, m.Key)
	}
	if strings.Join(keys, ",") != "keuzemodule,leiderschap,netwerken,bestuurlijk-adviseren,extra" || got.Version != mods.Version+1 {
		t.Fatalf("modules %v, version %d", keys, got.Version)
	}
	if got.Modules[1].ID != mods.Modules[1].ID || got.Modules[1].SessionCount != 1 || got.Modules[1].Title != "Netwerken (nieuw)" {
		t.Fatalf("the module with the session was not kept: %+v", got.Modules[1])
	}
	if o := got.Modules[0].Options; len(o) != 3 || o[0].Title != "Werkbezoek" || o[0].Capacity == nil || *o[0].Capacity != 6 ||
		o[2].ID != mods.Modules[4].Options[1].ID || o[2].Title != "Crisisoefening" {
		t.Fatalf("options %+v", o)
	}
	if n := count(t, a, `SELECT count(*) FROM sessions WHERE id = ? AND module_id = ?`, session, mods.Modules[1].ID); n != 1 {
		t.Fatal("the session lost its module")
	}

	// Removing the module with the session is refused, and changes nothing.
	current := getModules(t, w, "facilitator", c.ID)
	withoutSessions := []editableModule{}
	for _, m := range forModules(current.Modules) {
		if m.ID != mods.Modules[1].ID {
			withoutSessions = append(withoutSessions, m)
		}
	}
	prob := problemOf(t, call(t, a, fac, http.MethodPut, path, map[string]any{"modules": withoutSessions}, ifMatch(current.Version)), 409)
	if !strings.Contains(prob.Detail, "Netwerken (nieuw)") || !strings.Contains(prob.Detail, "1 bijeenkomst") {
		t.Fatalf("problem %+v", prob)
	}
	if after := getModules(t, w, "facilitator", c.ID); after.Version != current.Version || len(after.Modules) != 5 {
		t.Fatalf("a refused change changed the modules: %+v", after)
	}

	// An option a participant chose cannot go either.
	a.Enrol(t, c.ID, w.Users["participant"], "active")
	a.Exec(t, `INSERT INTO module_option_choices (module_id, user_id, cohort_id, option_id) VALUES (?, ?, ?, ?)`,
		current.Modules[0].ID, w.Users["participant"], c.ID, current.Modules[0].Options[0].ID)
	noWerkbezoek := forModules(current.Modules)
	noWerkbezoek[0].Options = noWerkbezoek[0].Options[1:]
	prob = problemOf(t, call(t, a, fac, http.MethodPut, path, map[string]any{"modules": noWerkbezoek}, ifMatch(current.Version)), 409)
	if !strings.Contains(prob.Detail, "Werkbezoek") {
		t.Fatalf("problem %+v", prob)
	}

	// Ids from elsewhere, duplicate keys, and a stale version.
	foreign := forModules(current.Modules)
	foreign[0].ID = uuid.NewString()
	foreign[1].Key = foreign[2].Key
	foreign[3].Options = []moduleOption{{ID: current.Modules[0].Options[1].ID, Title: "Verhuisd"}}
	prob = problemOf(t, call(t, a, fac, http.MethodPut, path, map[string]any{"modules": foreign}, ifMatch(current.Version)), 422)
	for _, fe := range [][2]string{{"modules[0].id", "unknown"}, {"modules[2].key", "duplicate"}, {"modules[3].options[0].id", "unknown"}} {
		if !hasFieldError(prob, fe[0], fe[1]) {
			t.Errorf("no %s on %s: %+v", fe[1], fe[0], prob.Errors)
		}
	}
	problemOf(t, call(t, a, fac, http.MethodPut, path, map[string]any{"modules": forModules(current.Modules)}, ifMatch(mods.Version)), 412)
	problemOf(t, call(t, a, fac, http.MethodPut, path, map[string]any{"modules": forModules(current.Modules)}, nil), 428)
}

func ptr[T any](v T) *T { return &v }

func TestACohortsModulesAreEditedByItsFacilitatorsAndAdminsOnly(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	want := map[string]int{
		"admin": 200, "facilitator": 200, "programme-facilitator": 200, "other-cohort-facilitator": 403,
		"other-programme-facilitator": 403, "reviewer": 403, "participant": 403, "other-participant": 403,
		"other-cohort-participant": 403, "withdrawn-participant": 403, "anonymous": 401,
	}
	forEachRole(t, want, func(t *testing.T, role string, status int) {
		r := call(t, w.App, w.Tokens[role], http.MethodGet, "/cohorts/"+w.Cohort.String()+"/modules", nil, nil)
		expect(t, r, status)
	})
	for role, status := range want {
		t.Run("put as "+role, func(t *testing.T) {
			var version int
			w.App.DB.Raw(`SELECT version FROM cohorts WHERE id = ?`, w.Cohort).Scan(&version)
			current := getModules(t, w, "admin", w.Cohort)
			r := call(t, w.App, w.Tokens[role], http.MethodPut, "/cohorts/"+w.Cohort.String()+"/modules",
				map[string]any{"modules": forModules(current.Modules)}, ifMatch(version))
			expect(t, r, status)
		})
	}
	problemOf(t, call(t, w.App, w.Tokens["admin"], http.MethodGet, "/cohorts/"+uuid.NewString()+"/modules", nil, nil), 404)
}
