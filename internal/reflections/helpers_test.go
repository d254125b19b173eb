package reflections_test

import (
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/vgs/leergang/internal/reflections"
	"github.com/vgs/leergang/internal/testapp"
)

// fixture is a World in which participant and other-participant have each written a reflection of every
// visibility, all mentioning "samenwerking" (for search), and each has a learning goal in the cohort.
type fixture struct {
	w     *testapp.World
	refl  map[string]uuid.UUID // "participant/private", "other-participant/cohort", …
	goals map[string]uuid.UUID // role → a goal of theirs in the cohort
}

var visibilities = []string{"private", "facilitators", "cohort"}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	w := testapp.NewWorld(t)
	f := &fixture{w: w, refl: map[string]uuid.UUID{}, goals: map[string]uuid.UUID{}}
	for _, author := range []string{"participant", "other-participant"} {
		f.goals[author] = f.goal(t, author, w.Cohort, "Datagedreven sturen")
		for i, vis := range visibilities {
			r := f.create(t, author, map[string]any{
				"title":        fmt.Sprintf("%s %s", author, vis),
				"bodyMarkdown": "Over **samenwerking** in de regio, gedeeld als " + vis + ".",
				"visibility":   vis,
				"writtenOn":    fmt.Sprintf("2026-09-%02d", 10+i),
				"goalIds":      []string{f.goals[author].String()},
			})
			f.refl[author+"/"+vis] = r.ID
		}
	}
	return f
}

// goal inserts a learning goal (the goals API is another package's concern).
func (f *fixture) goal(t *testing.T, role string, cohort uuid.UUID, title string) uuid.UUID {
	t.Helper()
	var id uuid.UUID
	if err := f.w.App.DB.Raw(`INSERT INTO learning_goals (user_id, cohort_id, title) VALUES (?, ?, ?) RETURNING id`,
		f.w.Users[role], cohort, title).Row().Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

func (f *fixture) do(t *testing.T, role, method, path string, body any, version int) *testapp.Response {
	t.Helper()
	req := testapp.Request{Method: method, Path: "/api/v1" + path, Token: f.w.Tokens[role], Body: body}
	if version > 0 {
		req.Headers = map[string]string{"If-Match": `"` + strconv.Itoa(version) + `"`}
	}
	return f.w.App.Do(t, req)
}

func (f *fixture) create(t *testing.T, role string, body map[string]any) reflections.ReflectionDetail {
	t.Helper()
	return f.createIn(t, role, f.w.Cohort, body)
}

func (f *fixture) createIn(t *testing.T, role string, cohort uuid.UUID, body map[string]any) reflections.ReflectionDetail {
	t.Helper()
	r := f.do(t, role, http.MethodPost, "/cohorts/"+cohort.String()+"/reflections", body, 0)
	if r.StatusCode != http.StatusCreated {
		t.Fatalf("create reflection as %s: %d %s", role, r.StatusCode, r.Body)
	}
	var out reflections.ReflectionDetail
	r.JSON(t, &out)
	return out
}

func (f *fixture) get(t *testing.T, role string, id uuid.UUID) reflections.ReflectionDetail {
	t.Helper()
	r := f.do(t, role, http.MethodGet, "/reflections/"+id.String(), nil, 0)
	if r.StatusCode != http.StatusOK {
		t.Fatalf("get reflection as %s: %d %s", role, r.StatusCode, r.Body)
	}
	var out reflections.ReflectionDetail
	r.JSON(t, &out)
	return out
}

func (f *fixture) page(t *testing.T, role, path string) reflections.Page {
	t.Helper()
	r := f.do(t, role, http.MethodGet, path, nil, 0)
	if r.StatusCode != http.StatusOK {
		t.Fatalf("GET %s as %s: %d %s", path, role, r.StatusCode, r.Body)
	}
	var out reflections.Page
	r.JSON(t, &out)
	return out
}

func (f *fixture) shared() string { return "/cohorts/" + f.w.Cohort.String() + "/reflections" }

// names turns reflection ids back into fixture names, sorted, so that a failure reads like the rule.
func (f *fixture) names(items []reflections.Reflection) []string {
	byID := map[uuid.UUID]string{}
	for name, id := range f.refl {
		byID[id] = name
	}
	out := []string{}
	for _, it := range items {
		name, ok := byID[it.ID]
		if !ok {
			name = it.ID.String()
		}
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

func sorted(names ...string) []string {
	out := slices.Clone(names)
	if out == nil {
		out = []string{}
	}
	sort.Strings(out)
	return out
}

func (f *fixture) problemFields(t *testing.T, r *testapp.Response) []string {
	t.Helper()
	if r.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422: %s", r.StatusCode, r.Body)
	}
	var out []string
	for _, e := range r.Problem(t).Errors {
		out = append(out, e.Field)
	}
	return out
}

type auditRow struct {
	Actor   uuid.UUID
	Subject uuid.UUID
	Action  string
	Object  string
	Detail  string
}

// auditRows lists the audit log for the given actions, oldest first.
func (f *fixture) auditRows(t *testing.T, actions ...string) []auditRow {
	t.Helper()
	var rows []auditRow
	err := f.w.App.DB.Raw(`SELECT actor_user_id AS actor, subject_user_id AS subject, action, coalesce(object_id, '') AS object,
			detail::text AS detail
		FROM audit_log WHERE action = ANY(?::text[]) ORDER BY id`, "{"+strings.Join(actions, ",")+"}").Scan(&rows).Error
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func testappRequest(f *fixture, role, method, path, ifMatch string) testapp.Request {
	return testapp.Request{Method: method, Path: "/api/v1" + path, Token: f.w.Tokens[role],
		Body: map[string]any{"title": "x"}, Headers: map[string]string{"If-Match": ifMatch}}
}
