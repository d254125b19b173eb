package planning_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/vgs/leergang/internal/testapp"
)

// call sends one API request as the given access token ("" for anonymous); path is below /api/v1.
func call(t testing.TB, a *testapp.App, token, method, path string, body any, headers map[string]string) *testapp.Response {
	t.Helper()
	return a.Do(t, testapp.Request{Method: method, Path: "/api/v1" + path, Token: token, Body: body, Headers: headers})
}

// ifMatch is the header of an update based on version.
func ifMatch(version int) map[string]string {
	return map[string]string{"If-Match": fmt.Sprintf(`"%d"`, version)}
}

// expect fails the test unless r has status; an error status must come as problem+json.
func expect(t testing.TB, r *testapp.Response, status int) {
	t.Helper()
	if r.StatusCode != status {
		t.Fatalf("%s %s: status %d, want %d: %s", r.Request.Method, r.Request.URL.Path, r.StatusCode, status, r.Body)
	}
	if status >= 400 {
		r.Problem(t)
	}
}

// problemOf checks the status and returns the problem.
func problemOf(t testing.TB, r *testapp.Response, status int) testapp.Problem {
	t.Helper()
	expect(t, r, status)
	return r.Problem(t)
}

// hasFieldError reports whether the problem names field with code.
func hasFieldError(p testapp.Problem, field, code string) bool {
	for _, e := range p.Errors {
		if e.Field == field && e.Code == code {
			return true
		}
	}
	return false
}

// count runs a SELECT count(*) … for checks of what was (not) written.
func count(t testing.TB, a *testapp.App, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := a.DB.Raw(sql, args...).Scan(&n).Error; err != nil {
		t.Fatalf("count: %v", err)
	}
	return n
}

var tokenInMail = regexp.MustCompile(`/wachtwoord-instellen\?token=([A-Za-z0-9_-]+)`)

// invitationToken returns the set-password token of the newest invitation mail to email, failing when there is none.
func invitationToken(t testing.TB, a *testapp.App, email string) string {
	t.Helper()
	var body string
	if err := a.DB.Raw(`SELECT body_text FROM outbox WHERE to_address = ? AND kind = 'invitation' ORDER BY id DESC LIMIT 1`,
		email).Scan(&body).Error; err != nil || body == "" {
		t.Fatalf("no invitation mail to %s (%v)", email, err)
	}
	m := tokenInMail.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no set-password link in the mail to %s:\n%s", email, body)
	}
	return m[1]
}

// forEachRole runs check per role of the world (and anonymous) with the status it should get.
func forEachRole(t *testing.T, want map[string]int, check func(t *testing.T, role string, status int)) {
	t.Helper()
	if len(want) != len(testapp.Roles)+1 {
		t.Fatalf("the table has %d roles, the world %d (and anonymous): test every role", len(want), len(testapp.Roles)+1)
	}
	for role, status := range want {
		t.Run(role, func(t *testing.T) { check(t, role, status) })
	}
}
