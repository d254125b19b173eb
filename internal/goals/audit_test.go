package goals_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"
)

// Every read of a participant's goals by someone else is logged for the participant, with the route that led to
// it; their own reads are not.
func TestStaffReadsOfGoalsAreLoggedOncePerReadAndOwnReadsNot(t *testing.T) {
	t.Parallel()
	w := newGoalWorld(t)
	owner := w.Users["participant"]
	g := w.createGoal(t, "participant", map[string]any{"title": "Vertrouwelijk doel"})
	w.createGoal(t, "participant", map[string]any{"title": "Tweede doel"})
	list := "/cohorts/" + w.Cohort.String() + "/participants/" + owner.String() + "/goals"
	before := len(w.auditOf(t, owner))

	// Own reads, refused reads and the counts-only overviews write nothing.
	wantStatus(t, w.call(t, "participant", http.MethodGet, list, nil, 0), 200)
	wantStatus(t, w.call(t, "participant", http.MethodGet, "/goals/"+g.ID.String(), nil, 0), 200)
	wantStatus(t, w.call(t, "other-participant", http.MethodGet, list, nil, 0), 403)
	wantStatus(t, w.call(t, "reviewer", http.MethodGet, "/goals/"+g.ID.String(), nil, 0), 404)
	wantStatus(t, w.call(t, "facilitator", http.MethodGet, "/cohorts/"+w.Cohort.String()+"/coaching", nil, 0), 200)
	wantStatus(t, w.call(t, "admin", http.MethodGet, "/cohorts/"+w.Cohort.String()+"/goal-aspects", nil, 0), 200)
	if got := w.auditOf(t, owner); len(got) != before {
		t.Fatalf("reads that should not be logged were: %+v", got[before:])
	}

	reads := []struct {
		role, path, action, objectType, objectID, route string
		count                                           float64
	}{
		{"facilitator", list, "goals.read", "goals", w.Cohort.String(), "GET /api/v1/cohorts/:cohortID/participants/:userID/goals", 2},
		{"programme-facilitator", list, "goals.read", "goals", w.Cohort.String(), "GET /api/v1/cohorts/:cohortID/participants/:userID/goals", 2},
		{"admin", list, "goals.read", "goals", w.Cohort.String(), "GET /api/v1/cohorts/:cohortID/participants/:userID/goals", 2},
		{"facilitator", "/goals/" + g.ID.String(), "goal.read", "goal", g.ID.String(), "GET /api/v1/goals/:goalID", -1},
		{"admin", "/goals/" + g.ID.String(), "goal.read", "goal", g.ID.String(), "GET /api/v1/goals/:goalID", -1},
	}
	for _, rd := range reads {
		wantStatus(t, w.call(t, rd.role, http.MethodGet, rd.path, nil, 0), 200)
		got := w.auditOf(t, owner)
		if len(got) != before+1 {
			t.Fatalf("%s %s: %d new entries, want 1", rd.role, rd.path, len(got)-before)
		}
		e := got[before]
		before++
		if e.Actor != w.Users[rd.role] || e.Subject != owner || e.Action != rd.action || e.ObjectType != rd.objectType ||
			e.ObjectID != rd.objectID || e.Route != rd.route {
			t.Fatalf("%s %s: entry %+v", rd.role, rd.path, e)
		}
		if rd.count >= 0 && e.Detail["count"] != rd.count {
			t.Fatalf("detail %v, want count %v", e.Detail, rd.count)
		}
	}
}

// Every change is logged with the owner as actor and subject, in the same transaction, without the content.
func TestGoalChangesAreLoggedWithoutTheirContent(t *testing.T) {
	t.Parallel()
	w := newGoalWorld(t)
	owner := w.Users["participant"]
	g := w.createGoal(t, "participant", map[string]any{"title": "Geheime ambitie", "aspectKeys": []string{"structuur"},
		"steps": []string{"Geheime stap"}})
	path := "/goals/" + g.ID.String()
	r := w.call(t, "participant", http.MethodPatch, path, map[string]any{"title": "Nog geheimere ambitie",
		"description": "Geheime toelichting", "status": "draft", "aspectKeys": []string{"structuur", "politiek"}}, g.Version)
	wantStatus(t, r, 200)
	r.JSON(t, &g)
	// A patch that changes nothing is no change: no entry, no new version.
	r = w.call(t, "participant", http.MethodPatch, path, map[string]any{"title": "Nog geheimere ambitie"}, g.Version)
	wantStatus(t, r, 200)
	if w.goalVersion(t, g.ID) != g.Version {
		t.Fatal("a patch without changes raised the version")
	}
	r = w.call(t, "participant", http.MethodPost, path+"/steps", map[string]any{"title": "Nog een geheime stap"}, g.Version)
	wantStatus(t, r, 200)
	r.JSON(t, &g)
	r = w.call(t, "participant", http.MethodPatch, path+"/steps/"+g.Steps[0].ID.String(), map[string]any{"done": true, "position": 2}, g.Version)
	wantStatus(t, r, 200)
	r.JSON(t, &g)
	r = w.call(t, "participant", http.MethodDelete, path+"/steps/"+g.Steps[0].ID.String(), nil, g.Version)
	wantStatus(t, r, 200)
	r.JSON(t, &g)
	wantStatus(t, w.call(t, "participant", http.MethodDelete, path, nil, g.Version), 204)

	got := w.auditOf(t, owner)
	var actions []string
	for _, e := range got {
		actions = append(actions, e.Action)
		if e.Actor != owner || e.Subject != owner || e.ObjectType != "goal" || e.ObjectID != g.ID.String() || e.Route == "" {
			t.Fatalf("entry %+v", e)
		}
		for _, word := range []string{"Geheim", "geheim"} {
			if strings.Contains(strings.Join(flatten(e.Detail), " "), word) {
				t.Fatalf("the log holds content: %+v", e)
			}
		}
	}
	want := []string{"goal.created", "goal.updated", "goal.step_added", "goal.step_updated", "goal.step_deleted", "goal.deleted"}
	if !slices.Equal(actions, want) {
		t.Fatalf("actions %v, want %v", actions, want)
	}
	if fields := got[1].Detail["fields"]; !slices.Equal(toStrings(fields), []string{"title", "description", "aspectKeys"}) {
		t.Fatalf("updated fields %v: status was sent unchanged and is not a change", fields)
	}
	if fields := got[3].Detail["fields"]; !slices.Equal(toStrings(fields), []string{"done", "position"}) {
		t.Fatalf("step fields %v", fields)
	}
	if _, err := uuid.Parse(got[3].Detail["stepId"].(string)); err != nil {
		t.Fatalf("step entry %+v", got[3])
	}
}

func toStrings(v any) []string {
	out := []string{}
	list, _ := v.([]any)
	for _, x := range list {
		s, _ := x.(string)
		out = append(out, s)
	}
	return out
}

func flatten(m map[string]any) []string {
	var out []string
	for k, v := range m {
		out = append(out, k)
		switch x := v.(type) {
		case string:
			out = append(out, x)
		case []any:
			out = append(out, toStrings(x)...)
		}
	}
	return out
}
