package httpapi_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/vgs/leergang/internal/testapp"
)

// world is a programme with two cohorts and one person in every role DESIGN.md distinguishes.
type world struct {
	app                *testapp.App
	programme, other   uuid.UUID
	cohort, otherCohrt uuid.UUID
	tokens             map[string]string
}

func newWorld(t *testing.T) *world {
	t.Helper()
	a := testapp.New(t)
	w := &world{app: a, tokens: map[string]string{}}
	w.programme = a.Programme(t, "Leergang Digitaal Leiderschap")
	w.other = a.Programme(t, "Leergang Regionaal Samenwerken")
	w.cohort = a.Cohort(t, w.programme, "2026–2027", "De gemeentesecretaris in zijn/haar context", "Samenwerking en netwerken")
	w.otherCohrt = a.Cohort(t, w.programme, "2021–2022", "Context")
	otherProgCohort := a.Cohort(t, w.other, "2026", "Regio")

	users := map[string]uuid.UUID{}
	for _, role := range []string{"participant", "other-participant", "other-cohort-participant", "withdrawn-participant",
		"facilitator", "programme-facilitator", "other-cohort-facilitator", "other-programme-facilitator", "reviewer", "admin"} {
		users[role] = a.User(t, role+"@test.example", role, role == "admin")
	}
	a.Enrol(t, w.cohort, users["participant"], "active")
	a.Enrol(t, w.cohort, users["other-participant"], "active")
	a.Enrol(t, w.otherCohrt, users["other-cohort-participant"], "completed")
	a.Enrol(t, w.cohort, users["withdrawn-participant"], "withdrawn")
	a.Grant(t, users["facilitator"], "facilitator", nil, &w.cohort)
	a.Grant(t, users["programme-facilitator"], "facilitator", &w.programme, nil)
	a.Grant(t, users["other-cohort-facilitator"], "facilitator", nil, &w.otherCohrt)
	a.Grant(t, users["other-programme-facilitator"], "facilitator", nil, &otherProgCohort)
	a.Grant(t, users["reviewer"], "reviewer", &w.programme, nil)
	for role := range users {
		w.tokens[role], _ = a.Login(t, role+"@test.example")
	}
	w.tokens["anonymous"] = ""
	return w
}

func TestCohortOverviewVisibilityPerRole(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	a := w.app
	a.Session(t, w.cohort, 1, "Informatieveiligheid", time.Now().Add(48*time.Hour), 3*time.Hour)
	a.Session(t, w.cohort, 2, "Datagericht werken in de praktijk", time.Now().Add(24*time.Hour), 3*time.Hour)
	a.Session(t, w.cohort, 1, "Al geweest", time.Now().Add(-48*time.Hour), 3*time.Hour)

	want := map[string]int{
		"participant":                 200,
		"other-participant":           200,
		"facilitator":                 200,
		"programme-facilitator":       200,
		"admin":                       200,
		"other-cohort-participant":    403,
		"withdrawn-participant":       403,
		"other-cohort-facilitator":    403,
		"other-programme-facilitator": 403,
		"reviewer":                    403, // aggregate counts only, never the schedule
		"anonymous":                   401,
	}
	for role, status := range want {
		t.Run(role, func(t *testing.T) {
			r := a.Do(t, testapp.Request{Method: http.MethodGet, Path: "/api/v1/cohorts/" + w.cohort.String(), Token: w.tokens[role]})
			if r.StatusCode != status {
				t.Fatalf("status %d, want %d: %s", r.StatusCode, status, r.Body)
			}
			if status != 200 {
				r.Problem(t)
				return
			}
			var ov struct {
				Name    string `json:"name"`
				Modules []struct {
					Position int    `json:"position"`
					Title    string `json:"title"`
				} `json:"modules"`
				Upcoming []struct {
					Title string `json:"title"`
				} `json:"upcomingSessions"`
			}
			r.JSON(t, &ov)
			if ov.Name != "2026–2027" || len(ov.Modules) != 2 || ov.Modules[0].Position != 1 {
				t.Fatalf("overview %+v", ov)
			}
			if len(ov.Upcoming) != 2 || ov.Upcoming[0].Title != "Datagericht werken in de praktijk" {
				t.Fatalf("upcoming sessions %+v, want the two future ones, soonest first", ov.Upcoming)
			}
		})
	}
}

func TestCohortOverviewOfUnknownOrMalformedIDIsNotFound(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	for _, id := range []string{uuid.NewString(), "not-a-uuid", "1%27%20OR%201=1"} {
		r := w.app.Do(t, testapp.Request{Method: http.MethodGet, Path: "/api/v1/cohorts/" + id, Token: w.tokens["admin"]})
		if r.StatusCode != 404 {
			t.Fatalf("%s: %d, want 404", id, r.StatusCode)
		}
		r.Problem(t)
	}
}

func TestMeListsEachRoleWithItsScope(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	type grant struct {
		Role        string     `json:"role"`
		ProgrammeID uuid.UUID  `json:"programmeId"`
		CohortID    *uuid.UUID `json:"cohortId"`
	}
	cases := map[string]struct {
		admin  bool
		grants []grant
	}{
		"participant":              {grants: []grant{{"participant", w.programme, &w.cohort}}},
		"withdrawn-participant":    {grants: nil},
		"other-cohort-participant": {grants: []grant{{"participant", w.programme, &w.otherCohrt}}},
		"facilitator":              {grants: []grant{{"facilitator", w.programme, &w.cohort}}},
		"programme-facilitator":    {grants: []grant{{"facilitator", w.programme, nil}}},
		"reviewer":                 {grants: []grant{{"reviewer", w.programme, nil}}},
		"admin":                    {admin: true},
	}
	for role, tc := range cases {
		t.Run(role, func(t *testing.T) {
			r := w.app.Do(t, testapp.Request{Method: http.MethodGet, Path: "/api/v1/me", Token: w.tokens[role]})
			if r.StatusCode != 200 {
				t.Fatalf("status %d", r.StatusCode)
			}
			var me struct {
				Email   string  `json:"email"`
				IsAdmin bool    `json:"isAdmin"`
				Grants  []grant `json:"grants"`
			}
			r.JSON(t, &me)
			if me.Email != role+"@test.example" || me.IsAdmin != tc.admin || len(me.Grants) != len(tc.grants) {
				t.Fatalf("me = %+v, want admin=%v grants=%+v", me, tc.admin, tc.grants)
			}
			for i, g := range tc.grants {
				got := me.Grants[i]
				if got.Role != g.Role || got.ProgrammeID != g.ProgrammeID || (got.CohortID == nil) != (g.CohortID == nil) ||
					(g.CohortID != nil && *got.CohortID != *g.CohortID) {
					t.Fatalf("grant %d = %+v, want %+v", i, got, g)
				}
			}
		})
	}
}

func TestRevokedGrantTakesEffectImmediately(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	path := "/api/v1/cohorts/" + w.cohort.String()
	if r := w.app.Do(t, testapp.Request{Method: http.MethodGet, Path: path, Token: w.tokens["facilitator"]}); r.StatusCode != 200 {
		t.Fatalf("before revocation: %d", r.StatusCode)
	}
	w.app.Exec(t, `DELETE FROM role_grants WHERE user_id = (SELECT id FROM users WHERE email = 'facilitator@test.example')`)
	if r := w.app.Do(t, testapp.Request{Method: http.MethodGet, Path: path, Token: w.tokens["facilitator"]}); r.StatusCode != 403 {
		t.Fatalf("after revocation with the same token: %d, want 403", r.StatusCode)
	}
}
