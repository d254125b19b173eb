package identity_test

import (
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"

	"github.com/vgs/leergang/internal/identity"
	"github.com/vgs/leergang/internal/testapp"
)

const (
	firefoxWindows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
	safariIPhone   = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
	chromeAndroid  = "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36"
)

// device is one login: its access token, refresh cookie and login session (the token's sid).
type device struct {
	token   string
	cookie  *http.Cookie
	session string
}

// loginFrom logs in with testapp.Password from a browser with the given User-Agent.
func loginFrom(t *testing.T, a *testapp.App, email, userAgent string) device {
	t.Helper()
	r := a.Do(t, testapp.Request{Method: http.MethodPost, Path: "/api/v1/auth/login",
		Body: map[string]string{"email": email, "password": testapp.Password}, Headers: map[string]string{"User-Agent": userAgent}})
	expect(t, r, 200)
	var tok struct {
		AccessToken string `json:"accessToken"`
	}
	r.JSON(t, &tok)
	return device{token: tok.AccessToken, cookie: r.Cookie("leergang_refresh"), session: sessionOf(t, tok.AccessToken)}
}

// sessionOf reads the login session (sid) from an access token.
func sessionOf(t *testing.T, token string) string {
	t.Helper()
	var claims identity.AccessClaims
	if _, _, err := jwt.NewParser().ParseUnverified(token, &claims); err != nil {
		t.Fatal(err)
	}
	if _, err := uuid.Parse(claims.SessionID); err != nil {
		t.Fatalf("sid %q: %v", claims.SessionID, err)
	}
	return claims.SessionID
}

// works says whether the access token still gets GET /me.
func works(t *testing.T, a *testapp.App, token string) bool {
	t.Helper()
	r := call(t, a, token, http.MethodGet, "/me", nil)
	if r.StatusCode != 200 && r.StatusCode != 401 {
		t.Fatalf("GET /me: %d %s", r.StatusCode, r.Body)
	}
	return r.StatusCode == 200
}

// refreshes says whether the refresh cookie still gets a new access token.
func refreshes(t *testing.T, a *testapp.App, c *http.Cookie) bool {
	t.Helper()
	r := a.Do(t, testapp.Request{Method: http.MethodPost, Path: "/api/v1/auth/refresh", Cookies: []*http.Cookie{c}})
	if r.StatusCode != 200 && r.StatusCode != 401 {
		t.Fatalf("refresh: %d %s", r.StatusCode, r.Body)
	}
	return r.StatusCode == 200
}

type loginSession struct {
	ID         string    `json:"id"`
	Current    bool      `json:"current"`
	StartedAt  time.Time `json:"startedAt"`
	LastUsedAt time.Time `json:"lastUsedAt"`
	ExpiresAt  time.Time `json:"expiresAt"`
	UserAgent  string    `json:"userAgent"`
	Device     string    `json:"device"`
	IP         string    `json:"ip"`
}

func mySessions(t *testing.T, a *testapp.App, token string) []loginSession {
	t.Helper()
	r := call(t, a, token, http.MethodGet, "/me/sessions", nil)
	expect(t, r, 200)
	var out struct{ Sessions []loginSession }
	r.JSON(t, &out)
	return out.Sessions
}

func auditLines(t *testing.T, a *testapp.App, action string) []auditLine {
	t.Helper()
	var out []auditLine
	if err := a.DB.Raw(`SELECT actor_user_id, subject_user_id, action, object_type, object_id, host(ip) AS ip,
		detail::text AS detail FROM audit_log WHERE action = ? ORDER BY id`, action).Scan(&out).Error; err != nil {
		t.Fatal(err)
	}
	return out
}

func TestMySessionsListsEachDeviceWithTheCurrentMarked(t *testing.T) {
	t.Parallel()
	a := testapp.New(t)
	a.User(t, "nico@test.example", "Nico Middelbos", false)
	a.User(t, "sanne@test.example", "Sanne Visser", false)
	before := time.Now()
	laptop := loginFrom(t, a, "nico@test.example", firefoxWindows)
	phone := loginFrom(t, a, "nico@test.example", safariIPhone)
	ended := loginFrom(t, a, "nico@test.example", chromeAndroid)
	expect(t, a.Do(t, testapp.Request{Method: http.MethodPost, Path: "/api/v1/auth/logout", Cookies: []*http.Cookie{ended.cookie}}), 204)
	loginFrom(t, a, "sanne@test.example", chromeAndroid) // someone else's: never in Nico's list

	got := mySessions(t, a, phone.token)
	if len(got) != 2 {
		t.Fatalf("sessions %+v, want the phone and the laptop", got)
	}
	p, l := got[0], got[1]
	if p.ID != phone.session || !p.Current || p.Device != "Safari op iPhone" || p.UserAgent != safariIPhone || p.IP != "127.0.0.1" {
		t.Errorf("first %+v, want the phone (newest use), current", p)
	}
	if l.ID != laptop.session || l.Current || l.Device != "Firefox op Windows" || l.UserAgent != firefoxWindows || l.IP != "127.0.0.1" {
		t.Errorf("second %+v, want the laptop, not current", l)
	}
	for _, s := range got {
		if s.StartedAt.Before(before.Add(-time.Second)) || !s.LastUsedAt.Equal(s.StartedAt) ||
			s.ExpiresAt.Sub(s.StartedAt).Round(time.Minute) != 12*time.Hour {
			t.Errorf("times %+v: started now, last used at the start, lasting the absolute limit (12 hours)", s)
		}
	}
	// The laptop's list marks the laptop.
	if got := mySessions(t, a, laptop.token); len(got) != 2 || got[0].Current || !got[1].Current || got[1].ID != laptop.session {
		t.Errorf("the laptop's list %+v", got)
	}

	// The laptop refreshes, now from another browser: it moves to the top, with the new browser and a later use.
	r := a.Do(t, testapp.Request{Method: http.MethodPost, Path: "/api/v1/auth/refresh", Cookies: []*http.Cookie{laptop.cookie},
		Headers: map[string]string{"User-Agent": chromeAndroid}})
	expect(t, r, 200)
	after := mySessions(t, a, phone.token)
	if len(after) != 2 || after[0].ID != laptop.session || after[0].Device != "Chrome op Android" ||
		!after[0].StartedAt.Equal(l.StartedAt) || !after[0].LastUsedAt.After(l.LastUsedAt) || after[0].ExpiresAt.Sub(l.ExpiresAt).Abs() > time.Second {
		t.Errorf("after the laptop's refresh %+v, want it first, started as before, used later, ending when it did (12 hours after the login)", after)
	}
	if after[1].ID != phone.session || !after[1].Current {
		t.Errorf("after the laptop's refresh %+v, want the phone second and current", after)
	}
}

func TestRevokingASessionStopsItsTokensAtOnce(t *testing.T) {
	t.Parallel()
	a := testapp.New(t)
	nico := a.User(t, "nico@test.example", "Nico Middelbos", false)
	laptop := loginFrom(t, a, "nico@test.example", firefoxWindows)
	phone := loginFrom(t, a, "nico@test.example", safariIPhone)

	r := call(t, a, phone.token, http.MethodDelete, "/me/sessions/"+laptop.session, nil)
	expect(t, r, 204)
	if r.Cookie("leergang_refresh") != nil {
		t.Error("ending another session touched this session's cookie")
	}
	if works(t, a, laptop.token) {
		t.Error("the ended session's access token still works")
	}
	if refreshes(t, a, laptop.cookie) {
		t.Error("the ended session's refresh cookie still works")
	}
	if !works(t, a, phone.token) {
		t.Fatal("the phone was logged out too")
	}
	if got := mySessions(t, a, phone.token); len(got) != 1 || got[0].ID != phone.session {
		t.Errorf("sessions %+v, want only the phone", got)
	}
	// Already ended: fine, and nothing more is logged.
	expect(t, call(t, a, phone.token, http.MethodDelete, "/me/sessions/"+laptop.session, nil), 204)
	lines := auditLines(t, a, "session.revoked")
	if len(lines) != 1 || *lines[0].ActorUserID != nico || *lines[0].SubjectUserID != nico ||
		lines[0].ObjectType != "session" || *lines[0].ObjectID != laptop.session || lines[0].Detail != "{}" {
		t.Fatalf("audit %+v, want one session.revoked by and about Nico, of the laptop's session", lines)
	}

	expect(t, call(t, a, phone.token, http.MethodDelete, "/me/sessions/"+uuid.NewString(), nil), 404)
	expect(t, call(t, a, phone.token, http.MethodDelete, "/me/sessions/geen-uuid", nil), 400)

	// Ending the current session is logging out: the cookie goes, the tokens stop.
	r = call(t, a, phone.token, http.MethodDelete, "/me/sessions/"+phone.session, nil)
	expect(t, r, 204)
	if c := r.Cookie("leergang_refresh"); c == nil || c.MaxAge >= 0 {
		t.Error("ending the current session did not clear the refresh cookie")
	}
	if works(t, a, phone.token) || refreshes(t, a, phone.cookie) {
		t.Error("the current session's tokens still work after ending it")
	}
	if n := len(auditLines(t, a, "session.revoked")); n != 2 {
		t.Errorf("%d session.revoked lines, want 2", n)
	}
}

func TestAPersonCannotEndAnothersSession(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	theirs := sessionOf(t, w.Tokens["other-participant"])
	for _, role := range []string{"participant", "facilitator", "admin"} {
		expect(t, call(t, a, w.Tokens[role], http.MethodDelete, "/me/sessions/"+theirs, nil), 404)
	}
	if !works(t, a, w.Tokens["other-participant"]) {
		t.Fatal("another person ended the other participant's session")
	}
	if n := len(auditLines(t, a, "session.revoked")); n != 0 {
		t.Errorf("%d session.revoked lines, want none", n)
	}
}

func TestEveryoneSignedInSeesOnlyTheirOwnSessions(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	for _, role := range append(testapp.Roles, "anonymous") {
		t.Run(role, func(t *testing.T) {
			tok := w.Tokens[role]
			if role == "anonymous" {
				expect(t, call(t, a, tok, http.MethodGet, "/me/sessions", nil), 401)
				expect(t, call(t, a, tok, http.MethodDelete, "/me/sessions/"+uuid.NewString(), nil), 401)
				expect(t, call(t, a, tok, http.MethodPost, "/me/sessions/revoke-others", nil), 401)
				expect(t, call(t, a, tok, http.MethodPost, "/me/password",
					map[string]string{"currentPassword": testapp.Password, "newPassword": newPassword}), 401)
				return
			}
			got := mySessions(t, a, tok)
			if len(got) != 1 || got[0].ID != sessionOf(t, tok) || !got[0].Current || got[0].Device != "Go-http-client" {
				t.Fatalf("sessions %+v, want exactly their own, current", got)
			}
			r := call(t, a, tok, http.MethodPost, "/me/sessions/revoke-others", nil)
			expect(t, r, 200)
			if strings.TrimSpace(string(r.Body)) != `{"revoked":0}` {
				t.Fatalf("revoke-others: %s", r.Body)
			}
		})
	}
}

func TestRevokeOthersKeepsTheCurrentSession(t *testing.T) {
	t.Parallel()
	a := testapp.New(t)
	nico := a.User(t, "nico@test.example", "Nico Middelbos", false)
	a.User(t, "sanne@test.example", "Sanne Visser", false)
	laptop := loginFrom(t, a, "nico@test.example", firefoxWindows)
	phone := loginFrom(t, a, "nico@test.example", safariIPhone)
	tablet := loginFrom(t, a, "nico@test.example", chromeAndroid)
	sanne := loginFrom(t, a, "sanne@test.example", firefoxWindows)

	r := call(t, a, phone.token, http.MethodPost, "/me/sessions/revoke-others", nil)
	expect(t, r, 200)
	if strings.TrimSpace(string(r.Body)) != `{"revoked":2}` {
		t.Fatalf("answer %s, want 2 ended", r.Body)
	}
	if !works(t, a, phone.token) || !refreshes(t, a, phone.cookie) {
		t.Fatal("the current session ended too")
	}
	for name, d := range map[string]device{"laptop": laptop, "tablet": tablet} {
		if works(t, a, d.token) || refreshes(t, a, d.cookie) {
			t.Errorf("the %s's session still works", name)
		}
	}
	if !works(t, a, sanne.token) {
		t.Error("someone else's session ended")
	}
	if got := mySessions(t, a, phone.token); len(got) != 1 || got[0].ID != phone.session {
		t.Errorf("sessions %+v, want only the phone", got)
	}
	lines := auditLines(t, a, "sessions.revoked")
	if len(lines) != 1 || *lines[0].ActorUserID != nico || *lines[0].SubjectUserID != nico || lines[0].ObjectType != "user" ||
		*lines[0].ObjectID != nico.String() || lines[0].Detail != `{"count": 2, "except": "current"}` {
		t.Fatalf("audit %+v", lines)
	}
	// Nothing left to end: 0, and no new line.
	r = call(t, a, phone.token, http.MethodPost, "/me/sessions/revoke-others", nil)
	expect(t, r, 200)
	if strings.TrimSpace(string(r.Body)) != `{"revoked":0}` || len(auditLines(t, a, "sessions.revoked")) != 1 {
		t.Fatalf("second time: %s", r.Body)
	}
}

func TestOnlyAdminsEndAllSessionsOfAPerson(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	target := a.User(t, "sanne@test.example", "Sanne Visser", false)
	laptop := loginFrom(t, a, "sanne@test.example", firefoxWindows)
	phone := loginFrom(t, a, "sanne@test.example", safariIPhone)
	path := "/admin/users/" + target.String() + "/sessions/revoke"
	// The admin last, so that every refusal is checked against sessions that are still there.
	for _, role := range append([]string{"anonymous"}, testapp.Roles...) {
		if role == "admin" {
			continue
		}
		t.Run(role, func(t *testing.T) {
			want := 403
			if role == "anonymous" {
				want = 401
			}
			expect(t, call(t, a, w.Tokens[role], http.MethodPost, path, nil), want)
			expect(t, call(t, a, w.Tokens[role], http.MethodPost, "/admin/users/geen-uuid/sessions/revoke", nil), want)
			if !works(t, a, laptop.token) || !works(t, a, phone.token) {
				t.Fatal("a refused request ended sessions")
			}
		})
	}
	t.Run("admin", func(t *testing.T) {
		r := call(t, a, w.Tokens["admin"], http.MethodPost, path, nil)
		expect(t, r, 200)
		if strings.TrimSpace(string(r.Body)) != `{"revoked":2}` {
			t.Fatalf("answer %s", r.Body)
		}
		for name, d := range map[string]device{"laptop": laptop, "phone": phone} {
			if works(t, a, d.token) || refreshes(t, a, d.cookie) {
				t.Errorf("the %s's session still works", name)
			}
		}
		if !works(t, a, w.Tokens["admin"]) || !works(t, a, w.Tokens["participant"]) {
			t.Error("other people's sessions ended")
		}
	})
	if lines := auditLines(t, a, "sessions.revoked"); len(lines) != 1 || *lines[0].ActorUserID != w.Users["admin"] ||
		*lines[0].SubjectUserID != target || *lines[0].ObjectID != target.String() || lines[0].Detail != `{"count": 2}` {
		t.Fatalf("audit %+v, want one line by the admin about Sanne", lines)
	}
}

func TestAnAdminsRevokeAllIsInThePersonsAccessLog(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	admin := w.Tokens["admin"]
	participant := w.Users["participant"]
	r := call(t, a, admin, http.MethodPost, "/admin/users/"+participant.String()+"/sessions/revoke", nil)
	expect(t, r, 200)
	if strings.TrimSpace(string(r.Body)) != `{"revoked":1}` || works(t, a, w.Tokens["participant"]) {
		t.Fatalf("answer %s; the participant's world login should have ended", r.Body)
	}
	// No sessions left: still answered and logged, the person sees every attempt.
	r = call(t, a, admin, http.MethodPost, "/admin/users/"+participant.String()+"/sessions/revoke", nil)
	expect(t, r, 200)
	if strings.TrimSpace(string(r.Body)) != `{"revoked":0}` {
		t.Fatalf("second answer %s", r.Body)
	}

	tok := loginFrom(t, a, "participant@test.example", firefoxWindows).token
	r = call(t, a, tok, http.MethodGet, "/me/access-log", nil)
	expect(t, r, 200)
	var log struct {
		Entries []struct {
			Action     string `json:"action"`
			ObjectType string `json:"objectType"`
			Actor      *struct {
				Name  string   `json:"name"`
				Roles []string `json:"roles"`
			} `json:"actor"`
		} `json:"entries"`
	}
	r.JSON(t, &log)
	if len(log.Entries) != 2 {
		t.Fatalf("access log %+v, want the admin's two revocations", log.Entries)
	}
	for _, e := range log.Entries {
		if e.Action != "sessions.revoked" || e.ObjectType != "user" || e.Actor == nil || e.Actor.Name != "admin" ||
			len(e.Actor.Roles) != 1 || e.Actor.Roles[0] != "admin" {
			t.Errorf("access log entry %+v", e)
		}
	}
}

func TestRevokeAllNeedsAPersonWhoExists(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	admin := w.Tokens["admin"]
	erased := a.User(t, "erased@test.example", "Weg", false)
	a.Exec(t, `UPDATE users SET erased_at = now() WHERE id = ?`, erased)
	expect(t, call(t, a, admin, http.MethodPost, "/admin/users/"+uuid.NewString()+"/sessions/revoke", nil), 404)
	expect(t, call(t, a, admin, http.MethodPost, "/admin/users/"+erased.String()+"/sessions/revoke", nil), 404)
	expect(t, call(t, a, admin, http.MethodPost, "/admin/users/geen-uuid/sessions/revoke", nil), 400)
	if n := len(auditLines(t, a, "sessions.revoked")); n != 0 {
		t.Errorf("%d audit lines for refused requests", n)
	}
}

func TestDeviceName(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		firefoxWindows: "Firefox op Windows",
		safariIPhone:   "Safari op iPhone",
		chromeAndroid:  "Chrome op Android",
		"Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1": "Safari op iPad",
		"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15":          "Safari op macOS",
		"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0":  "Edge op Windows",
		"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36":                          "Chrome op Linux",
		"curl/8.5.0": "curl",
		"":           "Onbekend apparaat",
		"   ":        "Onbekend apparaat",
	}
	for ua, want := range cases {
		if got := identity.DeviceName(ua); got != want {
			t.Errorf("DeviceName(%q) = %q, want %q", ua, got, want)
		}
	}
}

// However busy, a login ends 12 hours after it began (ASVS 3.3.2): a refresh then fails, and no refresh token
// is ever issued beyond that moment.
func TestALoginEndsTwelveHoursAfterItBegan(t *testing.T) {
	a := testapp.New(t)
	a.User(t, "nico@test.example", "Nico", false)
	d := loginFrom(t, a, "nico@test.example", firefoxWindows)
	var lifetime time.Duration
	if err := a.DB.Raw(`SELECT EXTRACT(EPOCH FROM expires_at - created_at)::bigint * 1000000000 FROM refresh_tokens
		WHERE family_id = ?`, d.session).Row().Scan(&lifetime); err != nil {
		t.Fatal(err)
	}
	if lifetime.Round(time.Minute) != 12*time.Hour {
		t.Fatalf("a new login's refresh token lasts %s, want the 12-hour absolute limit", lifetime)
	}
	// Eleven hours on, a refresh still works but its token ends at the same 12-hour mark.
	a.Exec(t, `UPDATE refresh_tokens SET created_at = created_at - interval '11 hours', expires_at = expires_at - interval '11 hours'
		WHERE family_id = ?`, d.session)
	r := a.Do(t, testapp.Request{Method: http.MethodPost, Path: "/api/v1/auth/refresh", Cookies: []*http.Cookie{d.cookie}})
	expect(t, r, 200)
	var left time.Duration
	if err := a.DB.Raw(`SELECT EXTRACT(EPOCH FROM max(expires_at) - now())::bigint * 1000000000 FROM refresh_tokens
		WHERE family_id = ? AND used_at IS NULL`, d.session).Row().Scan(&left); err != nil {
		t.Fatal(err)
	}
	if left.Round(time.Minute) != time.Hour {
		t.Fatalf("after a refresh at 11 hours the new token lasts %s more, want 1 hour", left)
	}
	// Past 12 hours (started earlier still), the refresh is refused even though the token itself has not expired.
	a.Exec(t, `UPDATE refresh_tokens SET created_at = created_at - interval '2 hours' WHERE family_id = ?`, d.session)
	r = a.Do(t, testapp.Request{Method: http.MethodPost, Path: "/api/v1/auth/refresh", Cookies: []*http.Cookie{r.Cookie("leergang_refresh")}})
	expect(t, r, http.StatusUnauthorized)
}

// Every request reads the user and their grants in the one query that checks the session; they are the grants
// the login handed out, in the same order: role grants and enrolments, withdrawn ones left out.
func TestEveryRequestSeesTheGrantsOfTheLogin(t *testing.T) {
	w := testapp.NewWorld(t)
	a := w.App
	many := a.User(t, "veel@test.example", "Veel Rollen", false)
	a.Enrol(t, w.Cohort, many, "active")
	a.Enrol(t, w.OtherProgCohort, many, "withdrawn")
	a.Grant(t, many, "reviewer", &w.OtherProgramme, nil)
	a.Grant(t, many, "facilitator", nil, &w.OtherCohort)
	a.Grant(t, many, "facilitator", &w.Programme, nil)
	type grant struct {
		Role, ProgrammeName string
		CohortName          *string
	}
	type me struct {
		Grants []grant
	}
	for _, email := range []string{"veel@test.example", "admin@test.example"} {
		r := a.Do(t, testapp.Request{Method: http.MethodPost, Path: "/api/v1/auth/login",
			Body: map[string]string{"email": email, "password": testapp.Password}})
		expect(t, r, 200)
		var login struct {
			AccessToken string
			User        me
		}
		r.JSON(t, &login)
		r = call(t, a, login.AccessToken, http.MethodGet, "/me", nil)
		expect(t, r, 200)
		var got me
		r.JSON(t, &got)
		if got.Grants == nil {
			t.Errorf("%s: grants are null, want a list", email)
		}
		if !reflect.DeepEqual(got.Grants, login.User.Grants) {
			t.Errorf("%s: GET /me has grants %+v, the login had %+v", email, got.Grants, login.User.Grants)
		}
		if email == "admin@test.example" && len(got.Grants) != 0 {
			t.Errorf("the admin without roles has grants %+v", got.Grants)
		}
	}
	tok, _ := a.Login(t, "veel@test.example")
	r := call(t, a, tok, http.MethodGet, "/me", nil)
	var got me
	r.JSON(t, &got)
	var roles []string
	for _, g := range got.Grants {
		roles = append(roles, g.Role+" "+g.ProgrammeName)
	}
	// By programme; programme-wide first, then by cohort name (facilitator of 2021–2022, participant of 2026–2027).
	want := []string{"facilitator Leergang Digitaal Leiderschap", "facilitator Leergang Digitaal Leiderschap",
		"participant Leergang Digitaal Leiderschap", "reviewer Leergang Regionaal Samenwerken"}
	if !reflect.DeepEqual(roles, want) || got.Grants[0].CohortName != nil || *got.Grants[1].CohortName != "2021–2022" {
		t.Errorf("grants %+v, want %v, the first programme-wide, the second of 2021–2022", got.Grants, want)
	}
}
