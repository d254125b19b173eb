package privacy_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/google/uuid"

	"github.com/vgs/leergang/internal/audit"
	"github.com/vgs/leergang/internal/testapp"
)

type logEntry struct {
	ID    int64 `json:"id"`
	Actor *struct {
		ID    *uuid.UUID `json:"id"`
		Name  string     `json:"name"`
		Roles []string   `json:"roles"`
	} `json:"actor"`
	Action     string  `json:"action"`
	ObjectType string  `json:"objectType"`
	ObjectID   *string `json:"objectId"`
	Route      string  `json:"route"`
}

type logPage struct {
	Entries    []logEntry `json:"entries"`
	NextCursor *string    `json:"nextCursor"`
}

func accessLog(t *testing.T, a *testapp.App, token, query string) logPage {
	t.Helper()
	r := get(t, a, token, "/api/v1/me/access-log"+query)
	expect(t, r, http.StatusOK)
	var p logPage
	r.JSON(t, &p)
	return p
}

func actions(entries []logEntry) []string {
	out := []string{}
	for _, e := range entries {
		out = append(out, e.Action)
	}
	return out
}

// The access log shows a person who else read or changed their data, newest first, with the actor's name and
// role towards them; their own actions and entries about others are not in it.
func TestAccessLogShowsReadsByOthersAndNotOwnActions(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	me, other := w.Users["participant"], w.Users["other-participant"]
	gone := a.User(t, "vertrokken@test.example", "Vertrokken begeleider", false)
	erased := a.User(t, "gewist@test.example", "Gewiste beheerder", true)

	const goalsRoute = "GET /api/v1/cohorts/:cohortID/participants/:userID/goals"
	record(t, a, goalsRoute,
		audit.Entry{ActorID: audit.Ptr(w.Users["facilitator"]), SubjectID: &me, Action: "goals.read", ObjectType: "goals", ObjectID: w.Cohort.String()},
		audit.Entry{ActorID: &me, SubjectID: &me, Action: "goal.updated", ObjectType: "goal", ObjectID: uuid.NewString()},
		audit.Entry{ActorID: audit.Ptr(w.Users["facilitator"]), SubjectID: &other, Action: "goals.read", ObjectType: "goals"},
		audit.Entry{ActorID: audit.Ptr(w.Users["programme-facilitator"]), SubjectID: &me, Action: "reflection.read", ObjectType: "reflection"},
		audit.Entry{ActorID: &gone, SubjectID: &me, Action: "goal.read", ObjectType: "goal"},
		audit.Entry{ActorID: &erased, SubjectID: &me, Action: "goal.read", ObjectType: "goal"},
		audit.Entry{ActorID: audit.Ptr(w.Users["other-cohort-facilitator"]), SubjectID: &me, Action: "goal.read", ObjectType: "goal"},
		audit.Entry{SubjectID: &me, Action: "retention.purged", ObjectType: "reflection"},
		audit.Entry{ActorID: audit.Ptr(w.Users["admin"]), SubjectID: &me, Action: "portrait.approved", ObjectType: "portrait"},
	)
	a.Exec(t, `DELETE FROM users WHERE id = ?`, gone)
	a.Exec(t, `UPDATE users SET erased_at = now() WHERE id = ?`, erased)

	page := accessLog(t, a, w.Tokens["participant"], "")
	want := []string{"portrait.approved", "retention.purged", "goal.read", "goal.read", "goal.read", "reflection.read", "goals.read"}
	if got := actions(page.Entries); !slices.Equal(got, want) || page.NextCursor != nil {
		t.Fatalf("actions %v (next %v), want %v", got, page.NextCursor, want)
	}
	type actor struct {
		name  string
		id    *uuid.UUID
		roles []string
	}
	wantActors := []*actor{
		{"admin", audit.Ptr(w.Users["admin"]), []string{"admin"}},
		nil, // the system
		{"other-cohort-facilitator", audit.Ptr(w.Users["other-cohort-facilitator"]), []string{}},
		{"Verwijderde gebruiker", nil, []string{}},
		{"Verwijderde gebruiker", nil, []string{}},
		{"programme-facilitator", audit.Ptr(w.Users["programme-facilitator"]), []string{"facilitator"}},
		{"facilitator", audit.Ptr(w.Users["facilitator"]), []string{"facilitator"}},
	}
	for i, e := range page.Entries {
		wa := wantActors[i]
		switch {
		case wa == nil && e.Actor != nil, wa != nil && e.Actor == nil:
			t.Fatalf("entry %d (%s): actor %+v, want %+v", i, e.Action, e.Actor, wa)
		case wa == nil:
			continue
		}
		if e.Actor.Name != wa.name || !slices.Equal(e.Actor.Roles, wa.roles) || (wa.id == nil) != (e.Actor.ID == nil) ||
			(wa.id != nil && *wa.id != *e.Actor.ID) {
			t.Fatalf("entry %d (%s): actor %+v, want %+v", i, e.Action, *e.Actor, *wa)
		}
	}
	if last := page.Entries[len(page.Entries)-1]; last.Route != goalsRoute || last.ObjectID == nil || *last.ObjectID != w.Cohort.String() {
		t.Fatalf("entry %+v", last)
	}

	// Everyone reads their own log only; the other participant sees the one read of their goals.
	if got := actions(accessLog(t, a, w.Tokens["other-participant"], "").Entries); !slices.Equal(got, []string{"goals.read"}) {
		t.Fatalf("other participant: %v", got)
	}
	for _, role := range testapp.Roles {
		if role == "participant" || role == "other-participant" {
			continue
		}
		if got := accessLog(t, a, w.Tokens[role], "").Entries; len(got) != 0 {
			t.Fatalf("%s sees %v", role, actions(got))
		}
	}
	expect(t, get(t, a, "", "/api/v1/me/access-log"), http.StatusUnauthorized)
}

// Pages follow each other by an opaque cursor, every entry exactly once, also while new entries arrive.
func TestAccessLogPagesByCursor(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	me := w.Users["participant"]
	var entries []audit.Entry
	for range 7 {
		entries = append(entries, audit.Entry{ActorID: audit.Ptr(w.Users["facilitator"]), SubjectID: &me,
			Action: "goal.read", ObjectType: "goal"})
	}
	record(t, a, "GET /api/v1/goals/:goalID", entries...)

	var seen []int64
	query := "?limit=3"
	for pages := 0; ; pages++ {
		if pages > 3 {
			t.Fatal("too many pages")
		}
		page := accessLog(t, a, w.Tokens["participant"], query)
		for _, e := range page.Entries {
			seen = append(seen, e.ID)
		}
		if pages == 0 {
			// A new entry at the top does not shift the pages that follow.
			record(t, a, "GET /api/v1/goals/:goalID", entries[0])
		}
		if page.NextCursor == nil {
			break
		}
		query = "?limit=3&cursor=" + *page.NextCursor
	}
	if len(seen) != 7 || !slices.IsSortedFunc(seen, func(x, y int64) int { return int(y - x) }) {
		t.Fatalf("seen %v", seen)
	}
	if got := accessLog(t, a, w.Tokens["participant"], "").Entries; len(got) != 8 {
		t.Fatalf("default page: %d entries", len(got))
	}
	for _, q := range []string{"?limit=0", "?limit=101", "?limit=veel", "?cursor=bla", "?cursor=MTIz"} {
		r := get(t, a, w.Tokens["participant"], "/api/v1/me/access-log"+q)
		expect(t, r, http.StatusUnprocessableEntity)
		if p := r.Problem(t); len(p.Errors) != 1 {
			t.Fatalf("%s: %+v", q, p)
		}
	}
}

// A facilitator reading a participant's goals through the goals API shows up in the participant's access log,
// with the route it came through; the participant's own writes do not.
func TestAccessLogListsAFacilitatorsReadOfGoals(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	me := w.Users["participant"]
	r := a.Do(t, testapp.Request{Method: http.MethodPost, Path: "/api/v1/cohorts/" + w.Cohort.String() + "/goals",
		Token: w.Tokens["participant"], Body: map[string]any{"title": "Datagedreven sturen"}})
	expect(t, r, http.StatusCreated)
	r = get(t, a, w.Tokens["facilitator"], "/api/v1/cohorts/"+w.Cohort.String()+"/participants/"+me.String()+"/goals")
	expect(t, r, http.StatusOK)

	page := accessLog(t, a, w.Tokens["participant"], "")
	if len(page.Entries) != 1 {
		t.Fatalf("entries %+v", page.Entries)
	}
	e := page.Entries[0]
	if e.Action != "goals.read" || e.Actor == nil || e.Actor.Name != "facilitator" || *e.Actor.ID != w.Users["facilitator"] ||
		!slices.Equal(e.Actor.Roles, []string{"facilitator"}) || e.Route != "GET /api/v1/cohorts/:cohortID/participants/:userID/goals" {
		t.Fatalf("entry %+v (actor %+v)", e, e.Actor)
	}
	if n := count(t, a, `SELECT count(*) FROM audit_log WHERE subject_user_id = ? AND actor_user_id = ?`, me, me); n == 0 {
		t.Fatal("the participant's own write was not logged at all; the test proves nothing")
	}
}
