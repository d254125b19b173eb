package httpapi_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/vgs/leergang/internal/testapp"
)

func TestCohortOverviewVisibilityPerRole(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	a.Session(t, w.Cohort, 1, "Informatieveiligheid", time.Now().Add(48*time.Hour), 3*time.Hour)
	a.Session(t, w.Cohort, 2, "Datagericht werken in de praktijk", time.Now().Add(24*time.Hour), 3*time.Hour)
	a.Session(t, w.Cohort, 1, "Al geweest", time.Now().Add(-48*time.Hour), 3*time.Hour)

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
			r := a.Do(t, testapp.Request{Method: http.MethodGet, Path: "/api/v1/cohorts/" + w.Cohort.String(), Token: w.Tokens[role]})
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
	w := testapp.NewWorld(t)
	for _, id := range []string{uuid.NewString(), "not-a-uuid", "1%27%20OR%201=1"} {
		r := w.App.Do(t, testapp.Request{Method: http.MethodGet, Path: "/api/v1/cohorts/" + id, Token: w.Tokens["admin"]})
		if r.StatusCode != 404 {
			t.Fatalf("%s: %d, want 404", id, r.StatusCode)
		}
		r.Problem(t)
	}
}

func TestMeListsEachRoleWithItsScope(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	type grant struct {
		Role        string     `json:"role"`
		ProgrammeID uuid.UUID  `json:"programmeId"`
		CohortID    *uuid.UUID `json:"cohortId"`
	}
	cases := map[string]struct {
		admin  bool
		grants []grant
	}{
		"participant":              {grants: []grant{{"participant", w.Programme, &w.Cohort}}},
		"withdrawn-participant":    {grants: nil},
		"other-cohort-participant": {grants: []grant{{"participant", w.Programme, &w.OtherCohort}}},
		"facilitator":              {grants: []grant{{"facilitator", w.Programme, &w.Cohort}}},
		"programme-facilitator":    {grants: []grant{{"facilitator", w.Programme, nil}}},
		"reviewer":                 {grants: []grant{{"reviewer", w.Programme, nil}}},
		"admin":                    {admin: true},
	}
	for role, tc := range cases {
		t.Run(role, func(t *testing.T) {
			r := w.App.Do(t, testapp.Request{Method: http.MethodGet, Path: "/api/v1/me", Token: w.Tokens[role]})
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
	w := testapp.NewWorld(t)
	path := "/api/v1/cohorts/" + w.Cohort.String()
	if r := w.App.Do(t, testapp.Request{Method: http.MethodGet, Path: path, Token: w.Tokens["facilitator"]}); r.StatusCode != 200 {
		t.Fatalf("before revocation: %d", r.StatusCode)
	}
	w.App.Exec(t, `DELETE FROM role_grants WHERE user_id = (SELECT id FROM users WHERE email = 'facilitator@test.example')`)
	if r := w.App.Do(t, testapp.Request{Method: http.MethodGet, Path: path, Token: w.Tokens["facilitator"]}); r.StatusCode != 403 {
		t.Fatalf("after revocation with the same token: %d, want 403", r.StatusCode)
	}
}
