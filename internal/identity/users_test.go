package identity_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/vgs/leergang/internal/testapp"
)

type person struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Email       string `json:"email"`
	PasswordSet bool   `json:"passwordSet"`
}

func TestAdminsFindPeopleByPartOfTheirNameOrAddress(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	a.User(t, "annemiek.devries@zwolle.example", "Annemiek de Vries", false)
	a.User(t, "procent_100@test.example", "Honderd Procent", false)
	a.Exec(t, `UPDATE users SET erased_at = now() WHERE email = 'withdrawn-participant@test.example'`)
	search := func(q string) []string {
		t.Helper()
		r := call(t, a, w.Tokens["admin"], http.MethodGet, "/users?query="+q, nil)
		expect(t, r, 200)
		var body struct{ Users []person }
		r.JSON(t, &body)
		var emails []string
		for _, p := range body.Users {
			emails = append(emails, p.Email)
		}
		return emails
	}
	if got := search("DE%20VRIES"); len(got) != 1 || got[0] != "annemiek.devries@zwolle.example" {
		t.Fatalf("search by name: %v", got)
	}
	if got := search("zwolle.ex"); len(got) != 1 {
		t.Fatalf("search by address: %v", got)
	}
	// % and _ are letters in a query, not wildcards.
	if got := search("e_t"); len(got) != 0 {
		t.Fatalf("_ acted as a wildcard: %v", got)
	}
	if got := search("nt%251"); len(got) != 0 {
		t.Fatalf("%% acted as a wildcard: %v", got)
	}
	if got := search("nt_1"); len(got) != 1 {
		t.Fatalf("a literal _: %v", got)
	}
	// Erased people are not found.
	if got := search("withdrawn"); len(got) != 0 {
		t.Fatalf("an erased person was found: %v", got)
	}
	for _, q := range []string{"", "a", strings.Repeat("x", 101)} {
		p := expect(t, call(t, a, w.Tokens["admin"], http.MethodGet, "/users?query="+q, nil), 422)
		if len(p.Errors) != 1 || p.Errors[0].Field != "query" {
			t.Fatalf("query %q: %+v", q, p.Errors)
		}
	}
}

func TestOnlyAdminsSearchAndCreatePeople(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	for _, role := range append(testapp.Roles, "anonymous") {
		want := 403
		switch role {
		case "admin":
			want = 200
		case "anonymous":
			want = 401
		}
		t.Run(role, func(t *testing.T) {
			expect(t, call(t, w.App, w.Tokens[role], http.MethodGet, "/users?query=test", nil), want)
			created := want
			if created == 200 {
				created = 201
			}
			expect(t, call(t, w.App, w.Tokens[role], http.MethodPost, "/users",
				map[string]string{"name": "Nieuw", "email": "nieuw-" + role + "@test.example"}), created)
		})
	}
	var n int
	w.App.DB.Raw(`SELECT count(*) FROM users WHERE email LIKE 'nieuw-%'`).Row().Scan(&n)
	if n != 1 {
		t.Fatalf("%d accounts created, want the admin's only", n)
	}
}

func TestAnAdminCreatesAnAccountWithAnInvitationAndNoDuplicate(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	r := call(t, a, w.Tokens["admin"], http.MethodPost, "/users", map[string]string{"name": " Lotte Willems ", "email": "Lotte.Willems@VGS.example"})
	expect(t, r, 201)
	var p person
	r.JSON(t, &p)
	if p.Email != "lotte.willems@vgs.example" || p.Name != "Lotte Willems" || p.PasswordSet {
		t.Fatalf("person %+v", p)
	}
	var subject string
	a.DB.Raw(`SELECT subject FROM outbox WHERE to_address = ? AND kind = 'invitation'`, p.Email).Row().Scan(&subject)
	if subject == "" {
		t.Fatal("no invitation mail")
	}
	prob := expect(t, call(t, a, w.Tokens["admin"], http.MethodPost, "/users", map[string]string{"name": "Lotte", "email": "lotte.willems@vgs.example"}), 409)
	if !strings.Contains(prob.Detail, "lotte.willems@vgs.example") {
		t.Fatalf("problem %+v", prob)
	}
	bad := expect(t, call(t, a, w.Tokens["admin"], http.MethodPost, "/users", map[string]string{"name": "", "email": "lotte@"}), 422)
	if len(bad.Errors) != 2 {
		t.Fatalf("errors %+v", bad.Errors)
	}
	var mails int
	a.DB.Raw(`SELECT count(*) FROM outbox`).Row().Scan(&mails)
	if mails != 1 {
		t.Fatalf("%d mails: refused requests queued mail", mails)
	}
}
