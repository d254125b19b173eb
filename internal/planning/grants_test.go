package planning_test

import (
	"net/http"
	"testing"

	"github.com/google/uuid"

	"github.com/vgs/leergang/internal/testapp"
)

type roleGrant struct {
	ID         uuid.UUID  `json:"id"`
	UserID     uuid.UUID  `json:"userId"`
	UserEmail  string     `json:"userEmail"`
	Role       string     `json:"role"`
	CohortID   *uuid.UUID `json:"cohortId"`
	CohortName *string    `json:"cohortName"`
}

func TestAnAdminGrantsAFacilitatorRoleThatCountsAtOnceAndRevokesIt(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a, admin := w.App, w.Tokens["admin"]
	newcomer := a.User(t, "lotte.willems@vgs.example", "Lotte Willems", false)
	token, _ := a.Login(t, "lotte.willems@vgs.example")
	cohortPath := "/cohorts/" + w.Cohort.String()
	expect(t, call(t, a, token, http.MethodGet, cohortPath, nil, nil), 403)

	r := call(t, a, admin, http.MethodPost, "/programmes/"+w.Programme.String()+"/grants",
		map[string]any{"userId": newcomer, "role": "facilitator", "cohortId": w.Cohort}, nil)
	expect(t, r, 201)
	var g roleGrant
	r.JSON(t, &g)
	if g.UserID != newcomer || g.Role != "facilitator" || g.CohortID == nil || *g.CohortID != w.Cohort || *g.CohortName != "2026–2027" {
		t.Fatalf("grant %+v", g)
	}
	// The same token now opens the cohort and its participant list: roles are read per request.
	expect(t, call(t, a, token, http.MethodGet, cohortPath, nil, nil), 200)
	expect(t, call(t, a, token, http.MethodGet, cohortPath+"/participants", nil, nil), 200)

	problemOf(t, call(t, a, admin, http.MethodPost, "/programmes/"+w.Programme.String()+"/grants",
		map[string]any{"userId": newcomer, "role": "facilitator", "cohortId": w.Cohort}, nil), 409)

	expect(t, call(t, a, admin, http.MethodDelete, "/grants/"+g.ID.String(), nil, nil), 204)
	expect(t, call(t, a, token, http.MethodGet, cohortPath, nil, nil), 403)
	problemOf(t, call(t, a, admin, http.MethodDelete, "/grants/"+g.ID.String(), nil, nil), 404)
}

func TestAGrantIsCheckedAgainstTheProgramme(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a, admin := w.App, w.Tokens["admin"]
	path := "/programmes/" + w.Programme.String() + "/grants"
	cases := []struct {
		name  string
		body  map[string]any
		field string
		code  string
	}{
		{"a reviewer of one cohort", map[string]any{"userId": w.Users["participant"], "role": "reviewer", "cohortId": w.Cohort},
			"cohortId", "reviewer_programme_only"},
		{"a cohort of another programme", map[string]any{"userId": w.Users["participant"], "role": "facilitator", "cohortId": w.OtherProgCohort},
			"cohortId", "unknown"},
		{"an unknown person", map[string]any{"userId": uuid.New(), "role": "reviewer"}, "userId", "unknown"},
		{"no person", map[string]any{"role": "reviewer"}, "userId", "required"},
		{"the admin role", map[string]any{"userId": w.Users["participant"], "role": "admin"}, "role", "invalid"},
		{"a participant role", map[string]any{"userId": w.Users["participant"], "role": "participant"}, "role", "invalid"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := problemOf(t, call(t, a, admin, http.MethodPost, path, tc.body, nil), 422)
			if !hasFieldError(p, tc.field, tc.code) {
				t.Fatalf("want %s on %s: %+v", tc.code, tc.field, p.Errors)
			}
		})
	}
	// A reviewer of the whole programme is fine.
	expect(t, call(t, a, admin, http.MethodPost, path, map[string]any{"userId": w.Users["other-participant"], "role": "reviewer"}, nil), 201)
	problemOf(t, call(t, a, admin, http.MethodPost, "/programmes/"+uuid.NewString()+"/grants",
		map[string]any{"userId": w.Users["participant"], "role": "reviewer"}, nil), 404)
	if n := count(t, a, `SELECT count(*) FROM role_grants`); n != 6 {
		t.Fatalf("%d grants, want the world's 5 and one new", n)
	}
}

func TestTheRoleListOfAProgrammeShowsItsGrantsToAdminsOnly(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	forEachRole(t, map[string]int{
		"admin": 200, "facilitator": 403, "programme-facilitator": 403, "other-cohort-facilitator": 403,
		"other-programme-facilitator": 403, "reviewer": 403, "participant": 403, "other-participant": 403,
		"other-cohort-participant": 403, "withdrawn-participant": 403, "anonymous": 401,
	}, func(t *testing.T, role string, status int) {
		r := call(t, w.App, w.Tokens[role], http.MethodGet, "/programmes/"+w.Programme.String()+"/grants", nil, nil)
		expect(t, r, status)
		if status != 200 {
			return
		}
		var body struct{ Grants []roleGrant }
		r.JSON(t, &body)
		got := map[string]bool{}
		for _, g := range body.Grants {
			got[g.UserEmail] = true
		}
		for _, who := range []string{"facilitator", "programme-facilitator", "other-cohort-facilitator", "reviewer"} {
			if !got[who+"@test.example"] {
				t.Errorf("%s missing from %+v", who, body.Grants)
			}
		}
		if len(body.Grants) != 4 || got["other-programme-facilitator@test.example"] {
			t.Fatalf("grants %+v", body.Grants)
		}
	})
}

func TestOnlyAdminsGiveAndTakeRoles(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	want := map[string]int{
		"admin": 201, "facilitator": 403, "programme-facilitator": 403, "other-cohort-facilitator": 403,
		"other-programme-facilitator": 403, "reviewer": 403, "participant": 403, "other-participant": 403,
		"other-cohort-participant": 403, "withdrawn-participant": 403, "anonymous": 401,
	}
	forEachRole(t, want, func(t *testing.T, role string, status int) {
		target := w.App.User(t, "doel-"+role+"@test.example", "Doel", false)
		r := call(t, w.App, w.Tokens[role], http.MethodPost, "/programmes/"+w.Programme.String()+"/grants",
			map[string]any{"userId": target, "role": "reviewer"}, nil)
		expect(t, r, status)
	})
	var grant uuid.UUID
	w.App.DB.Raw(`SELECT id FROM role_grants WHERE user_id = ?`, w.Users["reviewer"]).Row().Scan(&grant)
	for role, status := range want {
		if status == 201 {
			continue
		}
		t.Run("revoke as "+role, func(t *testing.T) {
			expect(t, call(t, w.App, w.Tokens[role], http.MethodDelete, "/grants/"+grant.String(), nil, nil), status)
		})
	}
	if n := count(t, w.App, `SELECT count(*) FROM role_grants WHERE id = ?`, grant); n != 1 {
		t.Fatal("a non-admin revoked a grant")
	}
}
