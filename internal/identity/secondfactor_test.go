package identity_test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/pquerna/otp/totp"

	"github.com/vgs/leergang/internal/testapp"
)

// clock is the identity service's clock in these tests: codes depend on the 30-second time step, so the tests
// fix it instead of racing the step boundaries.
type clock struct{ unix atomic.Int64 }

func (c *clock) now() time.Time                { return time.Unix(c.unix.Load(), 0) }
func (c *clock) set(t time.Time)               { c.unix.Store(t.Unix()) }
func (c *clock) add(d time.Duration) time.Time { c.set(c.now().Add(d)); return c.now() }

// useClock fixes the server's clock in the middle of a time step 6 minutes ago. Access tokens are signed at the
// server's time and checked against the real one: they are valid from the start (not issued in the future)
// while the tests move the clock forward by up to 6 minutes, and for the 10 minutes of their lifetime after that.
func useClock(a *testapp.App) *clock {
	c := &clock{}
	c.set(time.Unix(time.Now().Add(-6*time.Minute).Unix()/30*30+15, 0))
	a.Identity.UseClock(c.now)
	return c
}

func codeAt(t testing.TB, secret string, at time.Time) string {
	t.Helper()
	code, err := totp.GenerateCode(secret, at)
	if err != nil {
		t.Fatal(err)
	}
	return code
}

// wrongCodeAt is a code that is right for none of the steps around at.
func wrongCodeAt(t testing.TB, secret string, at time.Time) string {
	t.Helper()
	near := map[string]bool{}
	for _, off := range []time.Duration{-60, -30, 0, 30, 60} {
		near[codeAt(t, secret, at.Add(off*time.Second))] = true
	}
	for _, c := range []string{"000000", "111111", "222222", "333333", "444444", "555555"} {
		if !near[c] {
			return c
		}
	}
	t.Fatal("no wrong code found")
	return ""
}

// passwordStep logs in with the password and expects the 202: a challenge of the step, no token, no cookie.
func passwordStep(t testing.TB, a *testapp.App, email, step string) string {
	t.Helper()
	r := call(t, a, "", http.MethodPost, "/auth/login", map[string]string{"email": email, "password": testapp.Password})
	expect(t, r, http.StatusAccepted)
	if cookies := r.Header.Values("Set-Cookie"); len(cookies) != 0 {
		t.Fatalf("the 202 sets cookies: %v", cookies)
	}
	var body map[string]any
	r.JSON(t, &body)
	wantTTL := map[string]float64{"verify": 300, "enrol": 900}[step]
	ch, _ := body["challenge"].(string)
	if len(body) != 3 || body["step"] != step || body["expiresIn"] != wantTTL || len(ch) != 43 {
		t.Fatalf("202 body %s, want exactly step %s, a challenge and expiresIn %v", r.Body, step, wantTTL)
	}
	return ch
}

type tokenAnswer struct {
	AccessToken   string   `json:"accessToken"`
	RecoveryCodes []string `json:"recoveryCodes"`
	User          struct {
		Email string `json:"email"`
	} `json:"user"`
}

// loggedIn checks a completed login: the refresh cookie is set and the access token works.
func loggedIn(t testing.TB, a *testapp.App, r *testapp.Response, email string) tokenAnswer {
	t.Helper()
	expect(t, r, http.StatusOK)
	var tok tokenAnswer
	r.JSON(t, &tok)
	if c := r.Cookie("leergang_refresh"); c == nil || c.Value == "" || !c.HttpOnly {
		t.Fatalf("no refresh cookie: %v", r.Header.Values("Set-Cookie"))
	}
	me := call(t, a, tok.AccessToken, http.MethodGet, "/me", nil)
	expect(t, me, http.StatusOK)
	var m struct{ Email string }
	me.JSON(t, &m)
	if tok.User.Email != email || m.Email != email {
		t.Fatalf("logged in as %s / %s, want %s", tok.User.Email, m.Email, email)
	}
	return tok
}

func verify(t testing.TB, a *testapp.App, body map[string]string) *testapp.Response {
	t.Helper()
	return call(t, a, "", http.MethodPost, "/auth/second-factor", body)
}

type enrolment struct {
	Secret     string `json:"secret"`
	OtpauthURI string `json:"otpauthUri"`
	QRCode     string `json:"qrCode"`
	Issuer     string `json:"issuer"`
	Account    string `json:"account"`
}

var recoveryShape = regexp.MustCompile(`^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$`)

// checkEnrolment checks a new secret as the app needs it: base32 for typing, the otpauth URI, a PNG QR code.
func checkEnrolment(t testing.TB, r *testapp.Response, email string) enrolment {
	t.Helper()
	expect(t, r, http.StatusOK)
	var e enrolment
	r.JSON(t, &e)
	if !regexp.MustCompile(`^[A-Z2-7]{32}$`).MatchString(e.Secret) || e.Issuer != "Leergang" || e.Account != email {
		t.Fatalf("enrolment %+v", e)
	}
	for _, part := range []string{"otpauth://totp/Leergang:" + email + "?", "secret=" + e.Secret, "issuer=Leergang",
		"algorithm=SHA1", "digits=6", "period=30"} {
		if !strings.Contains(e.OtpauthURI, part) {
			t.Errorf("otpauth URI %s lacks %s", e.OtpauthURI, part)
		}
	}
	// iVBORw0KGgo is the base64 of the PNG signature.
	if !strings.HasPrefix(e.QRCode, "data:image/png;base64,iVBORw0KGgo") || len(e.QRCode) < 500 {
		t.Errorf("QR code %.60s…", e.QRCode)
	}
	if r.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("a secret may be cached: Cache-Control %q", r.Header.Get("Cache-Control"))
	}
	return e
}

// checkRecoveryCodes checks 10 distinct codes of the promised shape.
func checkRecoveryCodes(t testing.TB, codes []string) {
	t.Helper()
	seen := map[string]bool{}
	for _, c := range codes {
		if !recoveryShape.MatchString(c) || seen[c] {
			t.Fatalf("recovery codes %v", codes)
		}
		seen[c] = true
	}
	if len(codes) != 10 {
		t.Fatalf("%d recovery codes, want 10", len(codes))
	}
}

// enableForMe turns the second factor on through /me at the clock's time and returns the secret and the codes.
func enableForMe(t testing.TB, a *testapp.App, c *clock, token, email string) (string, []string) {
	t.Helper()
	e := checkEnrolment(t, call(t, a, token, http.MethodPost, "/me/second-factor/enrolment", nil), email)
	r := call(t, a, token, http.MethodPost, "/me/second-factor", map[string]string{"code": codeAt(t, e.Secret, c.now())})
	expect(t, r, http.StatusOK)
	var out struct {
		RecoveryCodes []string `json:"recoveryCodes"`
	}
	r.JSON(t, &out)
	checkRecoveryCodes(t, out.RecoveryCodes)
	return e.Secret, out.RecoveryCodes
}

type secondFactorStatus struct {
	Enabled           bool       `json:"enabled"`
	EnabledAt         *time.Time `json:"enabledAt"`
	Required          bool       `json:"required"`
	RecoveryCodesLeft int        `json:"recoveryCodesLeft"`
}

func statusOf(t testing.TB, a *testapp.App, token string) secondFactorStatus {
	t.Helper()
	r := call(t, a, token, http.MethodGet, "/me/second-factor", nil)
	expect(t, r, http.StatusOK)
	var s secondFactorStatus
	r.JSON(t, &s)
	return s
}

// linesOf returns the audit lines with action about subject, oldest first.
func linesOf(t testing.TB, a *testapp.App, action string, subject uuid.UUID) []auditLine {
	t.Helper()
	var out []auditLine
	if err := a.DB.Raw(`SELECT actor_user_id, subject_user_id, action, object_type, object_id, host(ip) AS ip,
		detail::text AS detail FROM audit_log WHERE action = ? AND subject_user_id = ? ORDER BY id`, action, subject).
		Scan(&out).Error; err != nil {
		t.Fatal(err)
	}
	return out
}

func mailsOf(t testing.TB, a *testapp.App, email, kind string) []outboxMail {
	t.Helper()
	var out []outboxMail
	if err := a.DB.Raw(`SELECT kind, subject, body_text FROM outbox WHERE to_address = ? AND kind = ? ORDER BY id`,
		email, kind).Scan(&out).Error; err != nil {
		t.Fatal(err)
	}
	return out
}

// assertNoSecrets fails when a secret, code or challenge appears anywhere in the audit log or the outbox.
func assertNoSecrets(t testing.TB, a *testapp.App, secrets ...string) {
	t.Helper()
	for _, s := range secrets {
		forms := []string{s}
		if recoveryShape.MatchString(s) {
			forms = append(forms, strings.ReplaceAll(s, "-", ""))
		}
		for _, f := range forms {
			var n int
			if err := a.DB.Raw(`SELECT
				(SELECT count(*) FROM audit_log WHERE strpos(lower(detail::text || ' ' || route), lower(@s)) > 0)
				+ (SELECT count(*) FROM outbox WHERE strpos(lower(subject || ' ' || body_text || ' ' || coalesce(body_html, '')), lower(@s)) > 0)`,
				map[string]any{"s": f}).Row().Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != 0 {
				t.Errorf("%q appears %d times in the audit log or the outbox", f, n)
			}
		}
	}
}

func countOf(t testing.TB, a *testapp.App, q string, args ...any) int {
	t.Helper()
	var n int
	if err := a.DB.Raw(q, args...).Row().Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// The whole login with an authenticator app: the password gives a 202 with a challenge and nothing else (no
// session, no cookie, no token, no login line); the code gives the session and the cookie, once.
func TestALoginWithTheAuthenticatorAppStartsTheSessionOnlyAfterTheCode(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a, me, email := w.App, w.Users["participant"], "participant@test.example"
	c := useClock(a)
	secret, codes := enableForMe(t, a, c, w.Tokens["participant"], email)
	c.add(30 * time.Second)

	families := `SELECT count(DISTINCT family_id) FROM refresh_tokens WHERE user_id = ?`
	sessionsBefore, linesBefore := countOf(t, a, families, me), len(linesOf(t, a, "login.succeeded", me))
	ch := passwordStep(t, a, email, "verify")
	if n := countOf(t, a, families, me); n != sessionsBefore {
		t.Fatalf("the password alone started a session: %d, was %d", n, sessionsBefore)
	}
	if n := len(linesOf(t, a, "login.succeeded", me)); n != linesBefore {
		t.Fatalf("login.succeeded written before the second factor")
	}
	if n := countOf(t, a, `SELECT count(*) FROM login_challenges WHERE user_id = ? AND step = 'verify' AND used_at IS NULL
		AND expires_at = created_at + interval '5 minutes' AND token_hash = sha256(convert_to(?, 'UTF8'))`, me, ch); n != 1 {
		t.Fatalf("%d challenges stored as the SHA-256 of the token, 5 minutes", n)
	}

	code := codeAt(t, secret, c.now())
	tok := loggedIn(t, a, verify(t, a, map[string]string{"challenge": ch, "code": code[:3] + " " + code[3:]}), email)
	if tok.RecoveryCodes != nil {
		t.Errorf("recovery codes handed out again: %v", tok.RecoveryCodes)
	}
	lines := linesOf(t, a, "login.succeeded", me)
	var family string
	a.DB.Raw(`SELECT family_id::text FROM refresh_tokens WHERE user_id = ? ORDER BY created_at DESC LIMIT 1`, me).Row().Scan(&family)
	if last := lines[len(lines)-1]; len(lines) != linesBefore+1 || last.Detail != `{"secondFactor": "totp"}` ||
		*last.ActorUserID != me || *last.ObjectID != family {
		t.Fatalf("login lines %+v, want one more with secondFactor totp for session %s", lines, family)
	}

	// The challenge is spent: not even the next code opens another session with it.
	c.add(30 * time.Second)
	p := expect(t, verify(t, a, map[string]string{"challenge": ch, "code": codeAt(t, secret, c.now())}), http.StatusUnauthorized)
	if p.Title != "Uw inlogpoging is verlopen" || len(p.Errors) != 0 || p.Code != "unauthenticated" {
		t.Fatalf("spent challenge: %+v", p)
	}
	assertNoSecrets(t, a, append([]string{secret, code, ch}, codes...)...)
}

// Each code works once, one step of drift either way is fine, two are not, and an older code than the last one
// used never works.
func TestACodeWorksOnceAndOnlyWithinOneStepOfTheServerClock(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a, email := w.App, "participant@test.example"
	c := useClock(a)
	now := c.now()
	c.add(-10 * time.Minute)
	secret, _ := enableForMe(t, a, c, w.Tokens["participant"], email)
	c.set(now)

	try := func(offset int, want int) {
		t.Helper()
		ch := passwordStep(t, a, email, "verify")
		code := codeAt(t, secret, now.Add(time.Duration(offset)*30*time.Second))
		r := verify(t, a, map[string]string{"challenge": ch, "code": code})
		if want == http.StatusOK {
			loggedIn(t, a, r, email)
			return
		}
		p := expect(t, r, want)
		if p.Title != "Onjuiste code" || len(p.Errors) != 1 || p.Errors[0].Field != "code" || p.Errors[0].Code != "wrong" {
			t.Fatalf("offset %d: %+v", offset, p)
		}
	}
	try(-2, http.StatusUnauthorized) // two steps slow
	try(+2, http.StatusUnauthorized) // two steps fast
	try(-1, http.StatusOK)
	try(0, http.StatusOK)
	try(+1, http.StatusOK)
	try(+1, http.StatusUnauthorized) // replayed
	try(0, http.StatusUnauthorized)  // older than the last one used

	var last int64
	a.DB.Raw(`SELECT last_used_step FROM user_totp WHERE user_id = ?`, w.Users["participant"]).Row().Scan(&last)
	if last != now.Unix()/30+1 {
		t.Errorf("last used step %d, want %d", last, now.Unix()/30+1)
	}
}

// A recovery code logs in once, however it is typed; the count of codes left goes down.
func TestARecoveryCodeLogsInOnce(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a, me, email := w.App, w.Users["participant"], "participant@test.example"
	c := useClock(a)
	_, codes := enableForMe(t, a, c, w.Tokens["participant"], email)

	typed := strings.ToUpper(strings.ReplaceAll(codes[3], "-", " ")) // "ABCD EFGH …"
	ch := passwordStep(t, a, email, "verify")
	tok := loggedIn(t, a, verify(t, a, map[string]string{"challenge": ch, "recoveryCode": typed}), email)
	if used := linesOf(t, a, "recovery_code.used", me); len(used) != 1 || used[0].Detail != `{"left": 9}` ||
		*used[0].ActorUserID != me {
		t.Fatalf("recovery_code.used lines %+v", used)
	}
	if lines := linesOf(t, a, "login.succeeded", me); lines[len(lines)-1].Detail != `{"secondFactor": "recovery_code"}` {
		t.Fatalf("login line %+v", lines[len(lines)-1])
	}
	if s := statusOf(t, a, tok.AccessToken); !s.Enabled || s.RecoveryCodesLeft != 9 {
		t.Fatalf("status %+v, want 9 codes left", s)
	}

	ch = passwordStep(t, a, email, "verify")
	p := expect(t, verify(t, a, map[string]string{"challenge": ch, "recoveryCode": codes[3]}), http.StatusUnauthorized)
	if p.Title != "Onjuiste code" || len(p.Errors) != 1 || p.Errors[0].Field != "recoveryCode" || p.Errors[0].Code != "wrong" {
		t.Fatalf("a used recovery code: %+v", p)
	}
	// Malformed answers are field errors, not counted guesses.
	for _, tc := range []struct {
		body        map[string]string
		field, code string
	}{
		{map[string]string{"challenge": ch}, "code", "required"},
		{map[string]string{"challenge": ch, "code": "12345"}, "code", "invalid"},
		{map[string]string{"challenge": ch, "code": "12345a"}, "code", "invalid"},
		{map[string]string{"challenge": ch, "code": "123456", "recoveryCode": codes[4]}, "recoveryCode", "exclusive"},
		{map[string]string{"challenge": ch, "recoveryCode": "abcd-efgh-ijkl"}, "recoveryCode", "invalid"},
		{map[string]string{"code": "123456"}, "challenge", "required"},
	} {
		p := expect(t, verify(t, a, tc.body), http.StatusUnprocessableEntity)
		if len(p.Errors) != 1 || p.Errors[0].Field != tc.field || p.Errors[0].Code != tc.code {
			t.Errorf("%v: %+v, want %s on %s", tc.body, p.Errors, tc.code, tc.field)
		}
	}
	// Another unused code still works on the same challenge.
	loggedIn(t, a, verify(t, a, map[string]string{"challenge": ch, "recoveryCode": codes[4]}), email)
	assertNoSecrets(t, a, codes...)
}

// Five wrong codes lock the account's second factor, also across new challenges: then even the right code or a
// recovery code gets a 429 with Retry-After, unchecked. Every wrong code is in the person's access log.
func TestWrongCodesLockTheSecondFactorAcrossChallenges(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a, me, email := w.App, w.Users["participant"], "participant@test.example"
	c := useClock(a)
	secret, codes := enableForMe(t, a, c, w.Tokens["participant"], email)
	c.add(30 * time.Second)
	wrong := wrongCodeAt(t, secret, c.now())

	first := passwordStep(t, a, email, "verify")
	for range 3 {
		expect(t, verify(t, a, map[string]string{"challenge": first, "code": wrong}), http.StatusUnauthorized)
	}
	second := passwordStep(t, a, email, "verify") // the password is right: no lock on the password
	for range 2 {
		expect(t, verify(t, a, map[string]string{"challenge": second, "code": wrong}), http.StatusUnauthorized)
	}
	for _, body := range []map[string]string{
		{"challenge": second, "code": codeAt(t, secret, c.now())},
		{"challenge": second, "recoveryCode": codes[0]},
		{"challenge": passwordStep(t, a, email, "verify"), "code": codeAt(t, secret, c.now())},
	} {
		r := verify(t, a, body)
		p := expect(t, r, http.StatusTooManyRequests)
		retry, err := strconv.Atoi(r.Header.Get("Retry-After"))
		if p.Code != "too_many_requests" || err != nil || retry < 55 || retry > 60 {
			t.Fatalf("locked: %+v, Retry-After %q", p, r.Header.Get("Retry-After"))
		}
	}
	failed := linesOf(t, a, "login.second_factor_failed", me)
	if len(failed) != 5 {
		t.Fatalf("%d login.second_factor_failed lines, want 5", len(failed))
	}
	for _, l := range failed {
		if l.ActorUserID != nil || l.ObjectType != "user" || *l.ObjectID != me.String() || l.Detail != `{"method": "totp"}` {
			t.Fatalf("failure line %+v", l)
		}
	}
	// Nothing was spent while locked: the recovery code is still unused.
	if n := countOf(t, a, `SELECT count(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL`, me); n != 10 {
		t.Fatalf("%d recovery codes left, want 10", n)
	}
	// The person sees the failed attempts in their own access log.
	r := call(t, a, w.Tokens["participant"], http.MethodGet, "/me/access-log", nil)
	expect(t, r, http.StatusOK)
	var log struct {
		Entries []struct {
			Action string `json:"action"`
		} `json:"entries"`
	}
	r.JSON(t, &log)
	if len(log.Entries) != 5 || log.Entries[0].Action != "login.second_factor_failed" {
		t.Fatalf("access log %+v", log.Entries)
	}

	// Once the lock has run out, the right code works and forgets the failures.
	a.Exec(t, `UPDATE rate_limits SET locked_until = now() - interval '1 second' WHERE limiter = 'second-factor-account'`)
	loggedIn(t, a, verify(t, a, map[string]string{"challenge": second, "code": codeAt(t, secret, c.now())}), email)
	if n := countOf(t, a, `SELECT count(*) FROM rate_limits WHERE limiter = 'second-factor-account'`); n != 0 {
		t.Fatalf("%d lockout rows left after a success", n)
	}
}

// A challenge lasts 5 minutes and works once; unknown challenges and challenges of the other step are refused
// alike, without counting as a guess.
func TestAChallengeExpiresAfterFiveMinutesAndWorksOnce(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a, email := w.App, "participant@test.example"
	c := useClock(a)
	secret, _ := enableForMe(t, a, c, w.Tokens["participant"], email)
	start := c.add(30 * time.Second)
	late, inTime := passwordStep(t, a, email, "verify"), passwordStep(t, a, email, "verify")

	gone := func(r *testapp.Response) {
		t.Helper()
		p := expect(t, r, http.StatusUnauthorized)
		if p.Title != "Uw inlogpoging is verlopen" || len(p.Errors) != 0 ||
			p.Detail != "Deze inlogpoging is verlopen of al gebruikt. Log opnieuw in met uw e-mailadres en wachtwoord." {
			t.Fatalf("%s: %+v", r.Request.URL.Path, p)
		}
	}
	c.set(start.Add(5 * time.Minute))
	gone(verify(t, a, map[string]string{"challenge": late, "code": codeAt(t, secret, c.now())}))
	c.set(start.Add(5*time.Minute - time.Second))
	loggedIn(t, a, verify(t, a, map[string]string{"challenge": inTime, "code": codeAt(t, secret, c.now())}), email)
	c.add(30 * time.Second)
	gone(verify(t, a, map[string]string{"challenge": inTime, "code": codeAt(t, secret, c.now())}))
	gone(verify(t, a, map[string]string{"challenge": "bm90IGEgY2hhbGxlbmdlIGF0IGFsbCwganVzdCB0ZXh0", "code": "123456"}))
	// A verify challenge does not start an enrolment.
	ch := passwordStep(t, a, email, "verify")
	gone(call(t, a, "", http.MethodPost, "/auth/second-factor/enrolment", map[string]string{"challenge": ch}))
	gone(call(t, a, "", http.MethodPost, "/auth/second-factor/enrolment/confirm",
		map[string]string{"challenge": ch, "code": codeAt(t, secret, c.now())}))
	if n := countOf(t, a, `SELECT count(*) FROM audit_log WHERE action = 'login.second_factor_failed'`); n != 0 {
		t.Fatalf("%d failures counted for challenges that were no good", n)
	}
	// Spent and expired challenges are cleared at the person's next login.
	if n := countOf(t, a, `SELECT count(*) FROM login_challenges WHERE user_id = ?`, w.Users["participant"]); n != 1 {
		t.Fatalf("%d challenges kept, want only the open one", n)
	}
}

// Where the deployment requires it, admins and facilitators set up an authenticator app at login before they
// get a session; participants and reviewers do not. Once set up, they cannot turn it off.
func TestStaffMustSetUpASecondFactorAtLoginWhereRequired(t *testing.T) {
	t.Parallel()
	a := testapp.NewWith(t, testapp.Options{StaffSecondFactor: true})
	c := useClock(a)
	prog := a.Programme(t, "Leergang Digitaal Leiderschap")
	cohort := a.Cohort(t, prog, "2026–2027", "Context")
	admin := a.User(t, "beheer@test.example", "Beheerder", true)
	fac := a.User(t, "begeleider@test.example", "Begeleider", false)
	a.Grant(t, fac, "facilitator", nil, &cohort)
	part := a.User(t, "deelnemer@test.example", "Deelnemer", false)
	a.Enrol(t, cohort, part, "active")
	rev := a.User(t, "beoordelaar@test.example", "Beoordelaar", false)
	a.Grant(t, rev, "reviewer", &prog, nil)

	// Participants and reviewers log in with their password, as before.
	for _, email := range []string{"deelnemer@test.example", "beoordelaar@test.example"} {
		loggedIn(t, a, call(t, a, "", http.MethodPost, "/auth/login",
			map[string]string{"email": email, "password": testapp.Password}), email)
	}

	tokens := map[string]string{}
	var leaks []string
	for _, person := range []struct {
		email string
		id    uuid.UUID
	}{{"beheer@test.example", admin}, {"begeleider@test.example", fac}} {
		ch := passwordStep(t, a, person.email, "enrol")
		leaks = append(leaks, ch)
		confirm := func(code string) *testapp.Response {
			return call(t, a, "", http.MethodPost, "/auth/second-factor/enrolment/confirm",
				map[string]string{"challenge": ch, "code": code})
		}
		p := expect(t, confirm("123456"), http.StatusUnprocessableEntity)
		if len(p.Errors) != 1 || p.Errors[0].Field != "code" || p.Errors[0].Code != "not_started" {
			t.Fatalf("confirm before start: %+v", p)
		}
		// The first secret is replaced by the second: only the latter's codes count.
		first := checkEnrolment(t, call(t, a, "", http.MethodPost, "/auth/second-factor/enrolment",
			map[string]string{"challenge": ch}), person.email)
		e := checkEnrolment(t, call(t, a, "", http.MethodPost, "/auth/second-factor/enrolment",
			map[string]string{"challenge": ch}), person.email)
		if e.Secret == first.Secret {
			t.Fatal("asking again gave the same secret")
		}
		p = expect(t, confirm(wrongCodeAt(t, e.Secret, c.now())), http.StatusUnprocessableEntity)
		if len(p.Errors) != 1 || p.Errors[0].Field != "code" || p.Errors[0].Code != "wrong" {
			t.Fatalf("a wrong first code: %+v", p)
		}
		if codeAt(t, first.Secret, c.now()) != codeAt(t, e.Secret, c.now()) {
			expect(t, confirm(codeAt(t, first.Secret, c.now())), http.StatusUnprocessableEntity)
		}
		code := codeAt(t, e.Secret, c.now())
		tok := loggedIn(t, a, confirm(code), person.email)
		checkRecoveryCodes(t, tok.RecoveryCodes)
		tokens[person.email] = tok.AccessToken
		leaks = append(append(leaks, first.Secret, e.Secret, code), tok.RecoveryCodes...)

		if l := linesOf(t, a, "second_factor.enabled", person.id); len(l) != 1 || *l[0].ActorUserID != person.id {
			t.Fatalf("second_factor.enabled lines %+v", l)
		}
		if l := linesOf(t, a, "login.succeeded", person.id); len(l) != 1 || l[0].Detail != `{"secondFactor": "enrolled"}` {
			t.Fatalf("login lines %+v", l)
		}
		if l := linesOf(t, a, "login.second_factor_failed", person.id); len(l) != 2 {
			t.Fatalf("%d failed confirmations logged, want 2 (the wrong code and the replaced secret's)", len(l))
		}
		m := mailsOf(t, a, person.email, "second-factor.enabled")
		if len(m) != 1 || m[0].Subject != "Tweestapsverificatie is ingeschakeld" ||
			!strings.Contains(m[0].BodyText, "Voor uw account is tweestapsverificatie ingeschakeld.") ||
			!strings.Contains(m[0].BodyText, person.email) {
			t.Fatalf("mails %+v", m)
		}
		// The challenge is spent; the next login asks for a code.
		expect(t, confirm(code), http.StatusUnauthorized)
		passwordStep(t, a, person.email, "verify")

		s := statusOf(t, a, tok.AccessToken)
		if !s.Enabled || !s.Required || s.RecoveryCodesLeft != 10 || s.EnabledAt == nil || !s.EnabledAt.Equal(c.now()) {
			t.Fatalf("status %+v", s)
		}
		p = expect(t, call(t, a, tok.AccessToken, http.MethodPost, "/me/second-factor/disable",
			map[string]string{"password": testapp.Password}), http.StatusConflict)
		if p.Title != "Tweestapsverificatie is voor u verplicht" {
			t.Fatalf("staff disabling: %+v", p)
		}
		if n := countOf(t, a, `SELECT count(*) FROM user_totp WHERE user_id = ? AND enabled_at IS NOT NULL`, person.id); n != 1 {
			t.Fatal("the second factor of staff was turned off")
		}
	}
	// Participants and reviewers are not required to, and may.
	for _, email := range []string{"deelnemer@test.example", "beoordelaar@test.example"} {
		tok := loggedIn(t, a, call(t, a, "", http.MethodPost, "/auth/login",
			map[string]string{"email": email, "password": testapp.Password}), email)
		if s := statusOf(t, a, tok.AccessToken); s.Required || s.Enabled {
			t.Fatalf("%s: status %+v", email, s)
		}
	}

	// The admin sees who must use a second factor.
	for id, want := range map[uuid.UUID][2]bool{admin: {true, true}, fac: {true, true}, part: {false, false}, rev: {false, false}} {
		r := call(t, a, tokens["beheer@test.example"], http.MethodGet, "/admin/users/"+id.String()+"/security", nil)
		expect(t, r, http.StatusOK)
		var sec struct{ SecondFactorEnabled, SecondFactorRequired bool }
		r.JSON(t, &sec)
		if sec.SecondFactorEnabled != want[0] || sec.SecondFactorRequired != want[1] {
			t.Errorf("security of %s: %+v, want enabled %v required %v", id, sec, want[0], want[1])
		}
	}

	// A facilitator who lost their phone is reset by an admin and sets up a new app at the next login.
	expect(t, call(t, a, tokens["beheer@test.example"], http.MethodPost, "/admin/users/"+fac.String()+"/second-factor/reset", nil),
		http.StatusNoContent)
	expect(t, call(t, a, tokens["begeleider@test.example"], http.MethodGet, "/me", nil), http.StatusUnauthorized)
	passwordStep(t, a, "begeleider@test.example", "enrol")
	m := mailsOf(t, a, "begeleider@test.example", "second-factor.reset")
	if len(m) != 1 || !strings.Contains(m[0].BodyText, "bij uw volgende inlog stelt u na uw wachtwoord een nieuwe authenticator-app in") {
		t.Fatalf("reset mails %+v", m)
	}
	assertNoSecrets(t, a, leaks...)
}

// A participant may turn the second factor on and off; the secret must be confirmed with a code first, and
// turning it off takes the password.
func TestAParticipantTurnsTheSecondFactorOnAndOff(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a, me, email, token := w.App, w.Users["participant"], "participant@test.example", w.Tokens["participant"]
	c := useClock(a)
	if s := statusOf(t, a, token); s.Enabled || s.EnabledAt != nil || s.Required || s.RecoveryCodesLeft != 0 {
		t.Fatalf("status before %+v", s)
	}
	raw := call(t, a, token, http.MethodGet, "/me/second-factor", nil)
	if want := `{"enabled":false,"enabledAt":null,"required":false,"recoveryCodesLeft":0}`; strings.TrimSpace(string(raw.Body)) != want {
		t.Fatalf("status %s, want %s", raw.Body, want)
	}
	enable := func(code string) *testapp.Response {
		return call(t, a, token, http.MethodPost, "/me/second-factor", map[string]string{"code": code})
	}
	if p := expect(t, enable("123456"), http.StatusConflict); p.Title != "Vraag eerst een QR-code aan" {
		t.Fatalf("enable without a secret: %+v", p)
	}
	first := checkEnrolment(t, call(t, a, token, http.MethodPost, "/me/second-factor/enrolment", nil), email)
	second := checkEnrolment(t, call(t, a, token, http.MethodPost, "/me/second-factor/enrolment", nil), email)
	if p := expect(t, enable(wrongCodeAt(t, second.Secret, c.now())), http.StatusUnprocessableEntity); len(p.Errors) != 1 ||
		p.Errors[0].Field != "code" || p.Errors[0].Code != "wrong" {
		t.Fatalf("a wrong code: %+v", p)
	}
	if p := expect(t, enable("12 34"), http.StatusUnprocessableEntity); p.Errors[0].Code != "invalid" {
		t.Fatalf("a short code: %+v", p)
	}
	// A pending secret waits 15 minutes for its first code.
	c.add(15 * time.Minute)
	expect(t, enable(codeAt(t, second.Secret, c.now())), http.StatusConflict)
	c.add(-15 * time.Minute)
	second = checkEnrolment(t, call(t, a, token, http.MethodPost, "/me/second-factor/enrolment", nil), email)
	if second.Secret == first.Secret {
		t.Fatal("the same secret twice")
	}
	r := enable(codeAt(t, second.Secret, c.now()))
	expect(t, r, http.StatusOK)
	var codes struct {
		RecoveryCodes []string `json:"recoveryCodes"`
	}
	r.JSON(t, &codes)
	checkRecoveryCodes(t, codes.RecoveryCodes)
	s := statusOf(t, a, token)
	if !s.Enabled || s.Required || s.RecoveryCodesLeft != 10 || !s.EnabledAt.Equal(c.now()) {
		t.Fatalf("status after %+v", s)
	}
	expect(t, call(t, a, token, http.MethodPost, "/me/second-factor/enrolment", nil), http.StatusConflict)
	expect(t, enable(codeAt(t, second.Secret, c.add(30*time.Second))), http.StatusConflict)
	if n := countOf(t, a, `SELECT count(*) FROM recovery_codes WHERE user_id = ? AND length(code_hash) = 32 AND length(salt) = 16`, me); n != 10 {
		t.Fatalf("%d stored recovery codes", n)
	}
	passwordStep(t, a, email, "verify")

	// New recovery codes need a current code; the old ones stop working.
	regenerate := func(code string) *testapp.Response {
		return call(t, a, token, http.MethodPost, "/me/second-factor/recovery-codes", map[string]string{"code": code})
	}
	expect(t, regenerate(wrongCodeAt(t, second.Secret, c.now())), http.StatusUnprocessableEntity)
	r = regenerate(codeAt(t, second.Secret, c.now()))
	expect(t, r, http.StatusOK)
	var fresh struct {
		RecoveryCodes []string `json:"recoveryCodes"`
	}
	r.JSON(t, &fresh)
	checkRecoveryCodes(t, fresh.RecoveryCodes)
	expect(t, regenerate(codeAt(t, second.Secret, c.now())), http.StatusUnprocessableEntity) // the same code again
	ch := passwordStep(t, a, email, "verify")
	expect(t, verify(t, a, map[string]string{"challenge": ch, "recoveryCode": codes.RecoveryCodes[0]}), http.StatusUnauthorized)
	if l := linesOf(t, a, "recovery_codes.regenerated", me); len(l) != 1 || *l[0].ActorUserID != me {
		t.Fatalf("regenerated lines %+v", l)
	}

	// Off: the password is checked, counting on the login's lockout.
	disable := func(password string) *testapp.Response {
		return call(t, a, token, http.MethodPost, "/me/second-factor/disable", map[string]string{"password": password})
	}
	if p := expect(t, disable("not my password at all"), http.StatusUnprocessableEntity); len(p.Errors) != 1 ||
		p.Errors[0].Field != "password" || p.Errors[0].Code != "wrong" {
		t.Fatalf("a wrong password: %+v", p)
	}
	if n := countOf(t, a, `SELECT coalesce(sum(hits), 0) FROM rate_limits WHERE limiter = 'login-account'`); n != 1 {
		t.Fatalf("the wrong password counted %d times on the login lockout, want 1", n)
	}
	expect(t, disable(testapp.Password), http.StatusNoContent)
	if s := statusOf(t, a, token); s.Enabled || s.EnabledAt != nil || s.RecoveryCodesLeft != 0 {
		t.Fatalf("status after off %+v", s)
	}
	for _, table := range []string{"user_totp", "recovery_codes", "login_challenges"} {
		if n := countOf(t, a, `SELECT count(*) FROM `+table+` WHERE user_id = ?`, me); n != 0 {
			t.Fatalf("%d %s rows left", n, table)
		}
	}
	expect(t, disable(testapp.Password), http.StatusConflict)
	expect(t, regenerate(codeAt(t, second.Secret, c.add(30*time.Second))), http.StatusConflict)
	loggedIn(t, a, call(t, a, "", http.MethodPost, "/auth/login",
		map[string]string{"email": email, "password": testapp.Password}), email)
	if l := linesOf(t, a, "second_factor.disabled", me); len(l) != 1 || *l[0].ActorUserID != me {
		t.Fatalf("disabled lines %+v", l)
	}
	for kind, subject := range map[string]string{"second-factor.enabled": "Tweestapsverificatie is ingeschakeld",
		"second-factor.disabled": "Tweestapsverificatie is uitgeschakeld"} {
		if m := mailsOf(t, a, email, kind); len(m) != 1 || m[0].Subject != subject {
			t.Fatalf("%s mails %+v", kind, m)
		}
	}
	assertNoSecrets(t, a, append(append([]string{first.Secret, second.Secret}, codes.RecoveryCodes...), fresh.RecoveryCodes...)...)
}

// The contract's shapes, byte for byte where they are small.
func TestTheSecondFactorChallengeCarriesNothingButTheChallenge(t *testing.T) {
	t.Parallel()
	a := testapp.NewWith(t, testapp.Options{StaffSecondFactor: true})
	a.User(t, "beheer@test.example", "Beheerder", true)
	r := call(t, a, "", http.MethodPost, "/auth/login", map[string]string{"email": "beheer@test.example", "password": testapp.Password})
	expect(t, r, http.StatusAccepted)
	var body map[string]json.RawMessage
	r.JSON(t, &body)
	if string(body["step"]) != `"enrol"` || string(body["expiresIn"]) != "900" || len(body) != 3 ||
		r.Header.Get("Set-Cookie") != "" || strings.Contains(string(r.Body), "accessToken") {
		t.Fatalf("202: %s, cookies %v", r.Body, r.Header.Values("Set-Cookie"))
	}
	// With the setting off (the testapp default), staff log in with the password alone.
	b := testapp.New(t)
	b.User(t, "beheer@test.example", "Beheerder", true)
	loggedIn(t, b, call(t, b, "", http.MethodPost, "/auth/login",
		map[string]string{"email": "beheer@test.example", "password": testapp.Password}), "beheer@test.example")
}
