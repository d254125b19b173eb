package identity_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/vgs/leergang/internal/testapp"
)

// wantForAdminsOnly is the role table of the admin endpoints: admins succeed, everyone else is refused.
func wantForAdminsOnly(role string, ok int) int {
	switch role {
	case "admin":
		return ok
	case "anonymous":
		return http.StatusUnauthorized
	}
	return http.StatusForbidden
}

type userSecurity struct {
	UserID               uuid.UUID  `json:"userId"`
	Name                 string     `json:"name"`
	Email                string     `json:"email"`
	SecondFactorEnabled  bool       `json:"secondFactorEnabled"`
	SecondFactorRequired bool       `json:"secondFactorRequired"`
	ActiveSessions       int        `json:"activeSessions"`
	LastLoginAt          *time.Time `json:"lastLoginAt"`
}

func securityOf(t testing.TB, a *testapp.App, token string, id uuid.UUID) userSecurity {
	t.Helper()
	r := call(t, a, token, http.MethodGet, "/admin/users/"+id.String()+"/security", nil)
	expect(t, r, http.StatusOK)
	var s userSecurity
	r.JSON(t, &s)
	return s
}

func lastLogin(t testing.TB, a *testapp.App, id uuid.UUID) time.Time {
	t.Helper()
	var at time.Time
	if err := a.DB.Raw(`SELECT occurred_at FROM audit_log WHERE subject_user_id = ? AND action = 'login.succeeded'
		ORDER BY id DESC LIMIT 1`, id).Row().Scan(&at); err != nil {
		t.Fatal(err)
	}
	return at
}

func TestUserSecurityIsForAdminsOnlyAndTellsTheSignInState(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a, target := w.App, w.Users["participant"]
	c := useClock(a)
	path := "/admin/users/" + target.String() + "/security"
	for _, role := range append(append([]string{}, testapp.Roles...), "anonymous") {
		r := call(t, a, w.Tokens[role], http.MethodGet, path, nil)
		expect(t, r, wantForAdminsOnly(role, http.StatusOK))
	}

	// The World logged the participant in once, with the password.
	s := securityOf(t, a, w.Tokens["admin"], target)
	firstLogin := lastLogin(t, a, target)
	if s.UserID != target || s.Name != "participant" || s.Email != "participant@test.example" || s.SecondFactorEnabled ||
		s.SecondFactorRequired || s.ActiveSessions != 1 || s.LastLoginAt == nil || !s.LastLoginAt.Equal(firstLogin) {
		t.Fatalf("security %+v, want one session since %s", s, firstLogin)
	}
	// With a second factor and a second login: two sessions, the newer login.
	secret, _ := enableForMe(t, a, c, w.Tokens["participant"], "participant@test.example")
	c.add(30 * time.Second)
	ch := passwordStep(t, a, "participant@test.example", "verify")
	loggedIn(t, a, verify(t, a, map[string]string{"challenge": ch, "code": codeAt(t, secret, c.now())}), "participant@test.example")
	s = securityOf(t, a, w.Tokens["admin"], target)
	if !s.SecondFactorEnabled || s.SecondFactorRequired || s.ActiveSessions != 2 || !s.LastLoginAt.Equal(lastLogin(t, a, target)) ||
		!s.LastLoginAt.After(firstLogin) {
		t.Fatalf("security after a second login %+v", s)
	}
	// Someone who never logged in.
	never := a.User(t, "nooit@test.example", "Nooit Ingelogd", false)
	raw := call(t, a, w.Tokens["admin"], http.MethodGet, "/admin/users/"+never.String()+"/security", nil)
	expect(t, raw, http.StatusOK)
	want := `{"userId":"` + never.String() + `","name":"Nooit Ingelogd","email":"nooit@test.example","secondFactorEnabled":false,` +
		`"secondFactorRequired":false,"activeSessions":0,"lastLoginAt":null}`
	if got := strings.TrimSpace(string(raw.Body)); got != want {
		t.Fatalf("security\n%s\nwant\n%s", got, want)
	}

	// Unknown, malformed and erased are not found (for admins; others are refused before that).
	a.Exec(t, `UPDATE users SET erased_at = now() WHERE id = ?`, w.Users["withdrawn-participant"])
	for _, id := range []string{uuid.NewString(), "geen-id", w.Users["withdrawn-participant"].String()} {
		p := expect(t, call(t, a, w.Tokens["admin"], http.MethodGet, "/admin/users/"+id+"/security", nil), http.StatusNotFound)
		if p.Title != "Persoon niet gevonden" {
			t.Errorf("%s: %+v", id, p)
		}
		expect(t, call(t, a, w.Tokens["reviewer"], http.MethodGet, "/admin/users/"+id+"/security", nil), http.StatusForbidden)
	}
}

func TestResetSecondFactorIsForAdminsOnlyAndEndsEverySession(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a, target, email := w.App, w.Users["participant"], "participant@test.example"
	c := useClock(a)
	secret, codes := enableForMe(t, a, c, w.Tokens["participant"], email)
	path := "/admin/users/" + target.String() + "/second-factor/reset"
	for _, role := range append(append([]string{}, testapp.Roles...), "anonymous") {
		if role == "admin" || role == "participant" {
			continue // the admin last; the participant's own reset is below
		}
		expect(t, call(t, a, w.Tokens[role], http.MethodPost, path, nil), wantForAdminsOnly(role, http.StatusNoContent))
	}
	// Nor may the person reset their own through the admin endpoint.
	expect(t, call(t, a, w.Tokens["participant"], http.MethodPost, path, nil), http.StatusForbidden)
	if n := countOf(t, a, `SELECT count(*) FROM user_totp WHERE user_id = ? AND enabled_at IS NOT NULL`, target); n != 1 {
		t.Fatal("a refused reset removed the second factor")
	}

	expect(t, call(t, a, w.Tokens["admin"], http.MethodPost, path, nil), http.StatusNoContent)
	for _, table := range []string{"user_totp", "recovery_codes", "login_challenges"} {
		if n := countOf(t, a, `SELECT count(*) FROM `+table+` WHERE user_id = ?`, target); n != 0 {
			t.Fatalf("%d %s rows left", n, table)
		}
	}
	// Every session ended at once.
	expect(t, call(t, a, w.Tokens["participant"], http.MethodGet, "/me", nil), http.StatusUnauthorized)
	if s := securityOf(t, a, w.Tokens["admin"], target); s.SecondFactorEnabled || s.ActiveSessions != 0 {
		t.Fatalf("security after reset %+v", s)
	}
	lines := linesOf(t, a, "second_factor.reset", target)
	if len(lines) != 1 || *lines[0].ActorUserID != w.Users["admin"] || lines[0].ObjectType != "user" ||
		*lines[0].ObjectID != target.String() || lines[0].Detail != `{"sessionsEnded": 1}` {
		t.Fatalf("reset lines %+v", lines)
	}
	m := mailsOf(t, a, email, "second-factor.reset")
	if len(m) != 1 || m[0].Subject != "Uw tweestapsverificatie is verwijderd" ||
		!strings.Contains(m[0].BodyText, "Een beheerder heeft de tweestapsverificatie van uw account verwijderd") ||
		!strings.Contains(m[0].BodyText, "U logt voortaan in met alleen uw wachtwoord.") {
		t.Fatalf("reset mails %+v", m)
	}
	// A participant logs in with the password again; their old recovery codes are gone with the rest.
	loggedIn(t, a, call(t, a, "", http.MethodPost, "/auth/login",
		map[string]string{"email": email, "password": testapp.Password}), email)

	// Nothing left to reset; one's own, unknown, malformed and erased people.
	if p := expect(t, call(t, a, w.Tokens["admin"], http.MethodPost, path, nil), http.StatusConflict); p.Title != "Geen tweestapsverificatie" {
		t.Fatalf("a second reset: %+v", p)
	}
	adminSecret, _ := enableForMe(t, a, c, w.Tokens["admin"], "admin@test.example")
	if p := expect(t, call(t, a, w.Tokens["admin"], http.MethodPost, "/admin/users/"+w.Users["admin"].String()+"/second-factor/reset", nil),
		http.StatusConflict); p.Title != "U kunt uw eigen tweestapsverificatie niet herstellen" {
		t.Fatalf("own reset: %+v", p)
	}
	a.Exec(t, `UPDATE users SET erased_at = now() WHERE id = ?`, w.Users["withdrawn-participant"])
	for _, id := range []string{uuid.NewString(), "geen-id", w.Users["withdrawn-participant"].String()} {
		expect(t, call(t, a, w.Tokens["admin"], http.MethodPost, "/admin/users/"+id+"/second-factor/reset", nil), http.StatusNotFound)
	}
	assertNoSecrets(t, a, append([]string{secret, adminSecret}, codes...)...)
}
