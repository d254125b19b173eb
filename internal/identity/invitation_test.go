package identity_test

import (
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/vgs/leergang/internal/database/dbtest"
	"github.com/vgs/leergang/internal/testapp"
)

func TestMain(m *testing.M) { os.Exit(dbtest.Main(m)) }

func call(t testing.TB, a *testapp.App, token, method, path string, body any) *testapp.Response {
	t.Helper()
	return a.Do(t, testapp.Request{Method: method, Path: "/api/v1" + path, Token: token, Body: body})
}

func expect(t testing.TB, r *testapp.Response, status int) testapp.Problem {
	t.Helper()
	if r.StatusCode != status {
		t.Fatalf("%s %s: status %d, want %d: %s", r.Request.Method, r.Request.URL.Path, r.StatusCode, status, r.Body)
	}
	if status >= 400 {
		return r.Problem(t)
	}
	return testapp.Problem{}
}

var linkInMail = regexp.MustCompile(`http://leergang\.test/wachtwoord-instellen\?token=([A-Za-z0-9_-]{43})\n`)

// invite has the admin create an account for email and returns the token from the invitation mail.
func invite(t *testing.T, w *testapp.World, email, name string) string {
	t.Helper()
	expect(t, call(t, w.App, w.Tokens["admin"], http.MethodPost, "/users", map[string]string{"name": name, "email": email}), 201)
	var body string
	w.App.DB.Raw(`SELECT body_text FROM outbox WHERE to_address = ? AND kind = 'invitation' ORDER BY id DESC LIMIT 1`, email).Row().Scan(&body)
	m := linkInMail.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no set-password link in the mail to %s:\n%s", email, body)
	}
	return m[1]
}

func login(t *testing.T, a *testapp.App, email, password string) int {
	t.Helper()
	return call(t, a, "", http.MethodPost, "/auth/login", map[string]string{"email": email, "password": password}).StatusCode
}

const newPassword = "Wachtwoord voor Kampen 2026"

func TestAnInviteeSetsAPasswordWithTheLinkAndThenLogsIn(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	token := invite(t, w, "sanne.visser@gouda.example", "Sanne Visser")
	if login(t, a, "sanne.visser@gouda.example", newPassword) != 401 {
		t.Fatal("an invitee logs in before setting a password")
	}

	r := call(t, a, "", http.MethodPost, "/auth/invitation", map[string]string{"token": token})
	expect(t, r, 200)
	var info struct{ Name, Email, ExpiresAt string }
	r.JSON(t, &info)
	if info.Name != "Sanne Visser" || info.Email != "sanne.visser@gouda.example" || info.ExpiresAt == "" {
		t.Fatalf("invitation %+v", info)
	}

	r = call(t, a, "", http.MethodPost, "/auth/set-password", map[string]string{"token": token, "password": newPassword})
	expect(t, r, 200)
	var set struct{ Email string }
	r.JSON(t, &set)
	if set.Email != "sanne.visser@gouda.example" {
		t.Fatalf("answer %+v", set)
	}
	if login(t, a, "sanne.visser@gouda.example", newPassword) != 200 {
		t.Fatal("cannot log in with the new password")
	}
}

func TestAnInvitationLinkWorksOnlyOnce(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	token := invite(t, w, "sanne.visser@gouda.example", "Sanne Visser")
	expect(t, call(t, a, "", http.MethodPost, "/auth/set-password", map[string]string{"token": token, "password": newPassword}), 200)

	p := expect(t, call(t, a, "", http.MethodPost, "/auth/set-password", map[string]string{"token": token, "password": "een heel ander wachtwoord"}), 400)
	if p.Title != "Deze link is al gebruikt" {
		t.Fatalf("problem %+v", p)
	}
	expect(t, call(t, a, "", http.MethodPost, "/auth/invitation", map[string]string{"token": token}), 400)
	if login(t, a, "sanne.visser@gouda.example", newPassword) != 200 || login(t, a, "sanne.visser@gouda.example", "een heel ander wachtwoord") != 401 {
		t.Fatal("the second use changed the password")
	}
}

func TestAnExpiredInvitationIsRefusedAndChangesNothing(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	token := invite(t, w, "sanne.visser@gouda.example", "Sanne Visser")
	a.Exec(t, `UPDATE invitations SET created_at = now() - interval '8 days', expires_at = now() - interval '1 day'`)

	p := expect(t, call(t, a, "", http.MethodPost, "/auth/set-password", map[string]string{"token": token, "password": newPassword}), 400)
	if p.Title != "Deze link is verlopen" || !strings.Contains(p.Detail, "nieuwe uitnodiging") {
		t.Fatalf("problem %+v", p)
	}
	expect(t, call(t, a, "", http.MethodPost, "/auth/invitation", map[string]string{"token": token}), 400)
	var set bool
	a.DB.Raw(`SELECT password_hash IS NOT NULL FROM users WHERE email = 'sanne.visser@gouda.example'`).Row().Scan(&set)
	if set {
		t.Fatal("an expired link set the password")
	}
}

func TestSetPasswordChecksTokenAndPasswordLength(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	token := invite(t, w, "sanne.visser@gouda.example", "Sanne Visser")
	cases := map[string]struct {
		body   map[string]string
		status int
		field  string
	}{
		"11 characters":        {map[string]string{"token": token, "password": "elf tekens!"}, 422, "password"},
		"over 1024 bytes":      {map[string]string{"token": token, "password": strings.Repeat("é", 513)}, 422, "password"},
		"no password":          {map[string]string{"token": token}, 422, "password"},
		"no token":             {map[string]string{"password": newPassword}, 422, "token"},
		"an unknown token":     {map[string]string{"token": strings.Repeat("A", 43), "password": newPassword}, 400, ""},
		"a token far too long": {map[string]string{"token": strings.Repeat("A", 4000), "password": newPassword}, 400, ""},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			p := expect(t, call(t, a, "", http.MethodPost, "/auth/set-password", tc.body), tc.status)
			if tc.field != "" && (len(p.Errors) != 1 || p.Errors[0].Field != tc.field) {
				t.Fatalf("errors %+v", p.Errors)
			}
		})
	}
	expect(t, call(t, a, "", http.MethodPost, "/auth/set-password", `{"token": "x", "password": "y", "admin": true}`), 422)
	expect(t, call(t, a, "", http.MethodPost, "/auth/set-password", `{"token":`), 400)
	// Twelve characters count as twelve, whatever their bytes.
	expect(t, call(t, a, "", http.MethodPost, "/auth/set-password", map[string]string{"token": token, "password": "ééééééé12345"}), 200)
}

func TestSettingAPasswordEndsTheAccountsLoginSessions(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	// A participant who already logged in is invited again (e.g. their address was re-enrolled after a reset).
	a.Exec(t, `UPDATE users SET password_hash = NULL WHERE email = 'participant@test.example'`)
	var enrolment string
	a.DB.Raw(`SELECT id FROM enrolments WHERE user_id = ?`, w.Users["participant"]).Row().Scan(&enrolment)
	expect(t, call(t, a, w.Tokens["facilitator"], http.MethodPost, "/enrolments/"+enrolment+"/invitation", nil), 204)
	var body string
	a.DB.Raw(`SELECT body_text FROM outbox WHERE to_address = 'participant@test.example' ORDER BY id DESC LIMIT 1`).Row().Scan(&body)
	token := linkInMail.FindStringSubmatch(body)[1]
	expect(t, call(t, a, "", http.MethodPost, "/auth/set-password", map[string]string{"token": token, "password": newPassword}), 200)
	var open int
	a.DB.Raw(`SELECT count(*) FROM refresh_tokens WHERE user_id = ? AND revoked_at IS NULL`, w.Users["participant"]).Row().Scan(&open)
	if open != 0 {
		t.Fatalf("%d login sessions still open", open)
	}
}
