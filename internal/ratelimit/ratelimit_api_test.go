package ratelimit_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vgs/leergang/internal/identity"
	"github.com/vgs/leergang/internal/ratelimit"
	"github.com/vgs/leergang/internal/testapp"
)

// Limits small enough to reach in a test. Each test changes what it is about.
func small() ratelimit.Config {
	c := testapp.TestRateLimits()
	c.LoginPerAccount.Threshold = 3
	c.LoginPerAccount.Max = 4 * time.Minute
	return c
}

func login(t *testing.T, a *testapp.App, email, password string) *testapp.Response {
	t.Helper()
	return a.Do(t, testapp.Request{Method: http.MethodPost, Path: "/api/v1/auth/login",
		Body: map[string]string{"email": email, "password": password}})
}

// tooMany checks a 429 to the last byte that matters: status, Retry-After, title, detail, code.
func tooMany(t *testing.T, r *testapp.Response, retryAfter, detail string) {
	t.Helper()
	if r.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("%s %s: status %d, want 429: %s", r.Request.Method, r.Request.URL.Path, r.StatusCode, r.Body)
	}
	if got := r.Header.Get("Retry-After"); got != retryAfter {
		t.Fatalf("Retry-After %q, want %q", got, retryAfter)
	}
	p := r.Problem(t)
	if p.Status != 429 || p.Code != "too_many_requests" || p.Title != "Te veel pogingen" || p.Detail != detail {
		t.Fatalf("problem %+v, want 429 too_many_requests \"Te veel pogingen\" %q", p, detail)
	}
}

func status(t *testing.T, r *testapp.Response, want int) {
	t.Helper()
	if r.StatusCode != want {
		t.Fatalf("%s %s: status %d, want %d: %s", r.Request.Method, r.Request.URL.Path, r.StatusCode, want, r.Body)
	}
}

// row reads the state of one limiter key (hits, whether locked).
func row(t *testing.T, a *testapp.App, limiter, key string) (hits int, locked bool, exists bool) {
	t.Helper()
	var out []struct {
		Hits   int
		Locked bool
	}
	if err := a.DB.Raw(`SELECT hits, coalesce(locked_until > now(), false) AS locked FROM rate_limits
		WHERE limiter = ? AND key_hash = sha256(convert_to(?, 'UTF8'))`, limiter, key).Scan(&out).Error; err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		return 0, false, false
	}
	return out[0].Hits, out[0].Locked, true
}

// reanchor moves every window and lock to start now, keeping its length, so a Retry-After asserted next is
// exact even when the requests before it (password hashing) took a while on a busy machine.
func reanchor(t *testing.T, a *testapp.App) {
	t.Helper()
	a.Exec(t, `UPDATE rate_limits SET locked_until = now() + (locked_until - window_start),
		expires_at = now() + (expires_at - window_start), window_start = now()`)
}

// expire ends a lock or a window as if its time had passed.
func expire(t *testing.T, a *testapp.App, limiter string) {
	t.Helper()
	a.Exec(t, `UPDATE rate_limits SET locked_until = now() - interval '1 second',
		expires_at = CASE WHEN locked_until IS NULL THEN now() - interval '1 second' ELSE expires_at END
		WHERE limiter = ?`, limiter)
}

func TestLoginBudgetPerAddressAnswers429WithRetryAfter(t *testing.T) {
	t.Parallel()
	cfg := small()
	cfg.LoginPerIP.Limit = 3
	a := testapp.NewWith(t, testapp.Options{RateLimits: &cfg})
	a.User(t, "nico@kampen.example", "Nico", false)

	// Three attempts from one address, for different accounts (so no lockout interferes), then it is spent.
	status(t, login(t, a, "nico@kampen.example", testapp.Password), 200)
	status(t, login(t, a, "anna@kampen.example", "wrong password"), 401)
	status(t, login(t, a, "piet@kampen.example", "wrong password"), 401)
	reanchor(t, a)
	tooMany(t, login(t, a, "nico@kampen.example", testapp.Password), "60", "Probeer het over 1 minuut opnieuw.")
	// The window's end decides the wait; refused requests count, so hammering does not help.
	a.Exec(t, `UPDATE rate_limits SET expires_at = now() + interval '90 seconds' WHERE limiter = 'login-ip'`)
	tooMany(t, login(t, a, "nico@kampen.example", testapp.Password), "90", "Probeer het over 2 minuten opnieuw.")
	if hits, _, _ := row(t, a, "login-ip", "127.0.0.1"); hits != 5 {
		t.Fatalf("login-ip hits %d, want 5", hits)
	}
	// A new window, a new budget.
	expire(t, a, "login-ip")
	status(t, login(t, a, "nico@kampen.example", testapp.Password), 200)
	if hits, _, _ := row(t, a, "login-ip", "127.0.0.1"); hits != 1 {
		t.Fatalf("login-ip hits %d after the window, want 1", hits)
	}
}

func TestLockoutDoublesWithEveryFailureUpToTheCap(t *testing.T) {
	t.Parallel()
	cfg := small() // threshold 3, 1 minute, at most 4
	a := testapp.NewWith(t, testapp.Options{RateLimits: &cfg})
	a.User(t, "nico@kampen.example", "Nico", false)
	const email = "nico@kampen.example"

	for i := 1; i <= 3; i++ {
		status(t, login(t, a, email, "wrong password"), 401)
	}
	steps := []struct{ retryAfter, detail string }{
		{"60", "Probeer het over 1 minuut opnieuw."},   // after 3 failures
		{"120", "Probeer het over 2 minuten opnieuw."}, // after 4
		{"240", "Probeer het over 4 minuten opnieuw."}, // after 5
		{"240", "Probeer het over 4 minuten opnieuw."}, // after 6: the cap
	}
	for i, s := range steps {
		reanchor(t, a)
		tooMany(t, login(t, a, email, "wrong password"), s.retryAfter, s.detail)
		// Refusals while locked are not failures: they do not lengthen the lock.
		tooMany(t, login(t, a, email, "wrong password"), s.retryAfter, s.detail)
		if hits, locked, _ := row(t, a, "login-account", email); hits != 3+i || !locked {
			t.Fatalf("step %d: hits %d locked %v, want %d and locked", i, hits, locked, 3+i)
		}
		expire(t, a, "login-account")
		status(t, login(t, a, email, "wrong password"), 401) // the lock is over; one more failure
	}
}

func TestALockedAccountRefusesTheRightPasswordWithoutHashingIt(t *testing.T) {
	t.Parallel()
	cfg := small()
	a := testapp.NewWith(t, testapp.Options{RateLimits: &cfg})
	a.User(t, "nico@kampen.example", "Nico", false)

	// What a checked password costs: failed logins for other addresses (argon2id each time).
	var hashed []time.Duration
	for _, email := range []string{"a@kampen.example", "b@kampen.example", "c@kampen.example"} {
		start := time.Now()
		status(t, login(t, a, email, "wrong password"), 401)
		hashed = append(hashed, time.Since(start))
	}
	for i := 0; i < 3; i++ {
		status(t, login(t, a, "nico@kampen.example", "wrong password"), 401)
	}
	var locked []time.Duration
	for i := 0; i < 3; i++ {
		reanchor(t, a)
		start := time.Now()
		tooMany(t, login(t, a, "nico@kampen.example", testapp.Password), "60", "Probeer het over 1 minuut opnieuw.")
		locked = append(locked, time.Since(start))
	}
	// The fastest of each, so a busy machine does not decide: refusing must not cost a hash.
	if fastest(locked)*2 > fastest(hashed) {
		t.Fatalf("a locked login took %v, a hashed one %v: the locked one hashed the password", fastest(locked), fastest(hashed))
	}
	if hits, _, _ := row(t, a, "login-account", "nico@kampen.example"); hits != 3 {
		t.Fatalf("hits %d, want 3: refusals counted as failures", hits)
	}
	// Once the lock is over, the right password works and clears the count.
	expire(t, a, "login-account")
	status(t, login(t, a, "nico@kampen.example", testapp.Password), 200)
	if _, _, exists := row(t, a, "login-account", "nico@kampen.example"); exists {
		t.Fatal("a successful login left the failure count")
	}
}

func fastest(ds []time.Duration) time.Duration {
	m := ds[0]
	for _, d := range ds[1:] {
		m = min(m, d)
	}
	return m
}

func TestASuccessfulLoginResetsTheFailures(t *testing.T) {
	t.Parallel()
	cfg := small() // threshold 3
	a := testapp.NewWith(t, testapp.Options{RateLimits: &cfg})
	a.User(t, "nico@kampen.example", "Nico", false)

	for _, r := range []struct {
		password string
		want     int
		hits     int // failures counted afterwards; 0: no row
	}{
		{"wrong password", 401, 1},
		{"wrong password", 401, 2},
		{testapp.Password, 200, 0},
		{"wrong password", 401, 1},
		{"wrong password", 401, 2},
		{testapp.Password, 200, 0},
	} {
		status(t, login(t, a, "nico@kampen.example", r.password), r.want)
		hits, _, exists := row(t, a, "login-account", "nico@kampen.example")
		if hits != r.hits || exists != (r.hits > 0) {
			t.Fatalf("after %d: hits %d (row %v), want %d", r.want, hits, exists, r.hits)
		}
	}
}

// Unknown addresses are locked exactly like known ones, so a lock tells nothing about who has an account; the
// key is the address as the login form normalises it.
func TestUnknownAndKnownEmailsAreTreatedAlike(t *testing.T) {
	t.Parallel()
	cfg := small()
	a := testapp.NewWith(t, testapp.Options{RateLimits: &cfg})
	a.User(t, "nico@kampen.example", "Nico", false)

	run := func(typed []string) []string {
		var got []string
		for i, email := range typed {
			if i == len(typed)-1 {
				reanchor(t, a)
			}
			r := login(t, a, email, "wrong password")
			got = append(got, r.Status+" "+r.Header.Get("Retry-After")+" "+string(r.Body[:bytes.Index(r.Body, []byte(`"instance"`))]))
		}
		return got
	}
	known := run([]string{"nico@kampen.example", " Nico@Kampen.example", "NICO@kampen.example ", "nico@kampen.example"})
	unknown := run([]string{"nobody@kampen.example", " Nobody@Kampen.example", "NOBODY@kampen.example ", "nobody@kampen.example"})
	if strings.Join(known, "\n") != strings.Join(unknown, "\n") {
		t.Fatalf("known and unknown addresses answered differently:\n%s\n---\n%s", strings.Join(known, "\n"), strings.Join(unknown, "\n"))
	}
	if !strings.HasPrefix(known[2], "401 Unauthorized ") || !strings.HasPrefix(known[3], "429 Too Many Requests 60 ") {
		t.Fatalf("sequence %q, want three 401s and then a 429", known)
	}
	for _, email := range []string{"nico@kampen.example", "nobody@kampen.example"} {
		if hits, locked, _ := row(t, a, "login-account", email); hits != 3 || !locked {
			t.Fatalf("%s: hits %d locked %v, want 3 and locked", email, hits, locked)
		}
	}
}

// Two servers on one database are two replicas: each sees what the other counted.
func TestTwoReplicasShareTheLimits(t *testing.T) {
	t.Parallel()
	cfg := small()
	cfg.SpeakerLinkPerIP.Limit = 4
	a := testapp.NewWith(t, testapp.Options{RateLimits: &cfg})
	b := testapp.NewWith(t, testapp.Options{RateLimits: &cfg, DB: a.DB})
	if a.URL == b.URL {
		t.Fatal("one server, not two")
	}
	a.User(t, "nico@kampen.example", "Nico", false)

	// The budget: two requests on each, then both refuse.
	for i, app := range []*testapp.App{a, b, a, b} {
		r := app.Do(t, testapp.Request{Method: http.MethodGet, Path: "/api/v1/speaker-invitations/not-a-token"})
		if r.StatusCode != http.StatusBadRequest {
			t.Fatalf("request %d: status %d, want 400", i+1, r.StatusCode)
		}
	}
	for _, app := range []*testapp.App{a, b} {
		reanchor(t, a)
		tooMany(t, app.Do(t, testapp.Request{Method: http.MethodGet, Path: "/api/v1/speaker-invitations/not-a-token"}),
			"60", "Probeer het over 1 minuut opnieuw.")
	}

	// The lockout: failures on alternating replicas add up, and the lock holds on both.
	status(t, login(t, a, "nico@kampen.example", "wrong password"), 401)
	status(t, login(t, b, "nico@kampen.example", "wrong password"), 401)
	status(t, login(t, a, "nico@kampen.example", "wrong password"), 401)
	reanchor(t, a)
	tooMany(t, login(t, b, "nico@kampen.example", testapp.Password), "60", "Probeer het over 1 minuut opnieuw.")
	reanchor(t, a)
	tooMany(t, login(t, a, "nico@kampen.example", testapp.Password), "60", "Probeer het over 1 minuut opnieuw.")
	// A success on one replica clears the count for both.
	expire(t, a, "login-account")
	status(t, login(t, b, "nico@kampen.example", testapp.Password), 200)
	status(t, login(t, a, "nico@kampen.example", "wrong password"), 401)
	if hits, _, _ := row(t, a, "login-account", "nico@kampen.example"); hits != 1 {
		t.Fatalf("hits %d after a success and one failure, want 1", hits)
	}
}

// raw sends a request from a goroutine (testapp.Do may call t.Fatal, which only the test goroutine may) and
// still checks the answer against the spec.
func raw(t *testing.T, app *testapp.App, method, path, body string) int {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, _ := http.NewRequest(method, app.URL+path, rd)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Error(err)
		return 0
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	testapp.CheckAgainstSpec(t, req, &testapp.Response{Response: resp, Body: b})
	return resp.StatusCode
}

// concurrently sends 20 requests at once, spread over the replicas, and counts the answers by status.
func concurrently(t *testing.T, apps []*testapp.App, method, path, body string) map[int]int {
	t.Helper()
	var (
		mu     sync.Mutex
		counts = map[int]int{}
		wg     sync.WaitGroup
		start  = make(chan struct{})
	)
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			code := raw(t, apps[i%len(apps)], method, path, body)
			mu.Lock()
			counts[code]++
			mu.Unlock()
		}()
	}
	close(start)
	wg.Wait()
	return counts
}

func TestConcurrentAttemptsNeverExceedTheBudget(t *testing.T) {
	t.Parallel()
	cfg := small()
	cfg.SpeakerLinkPerIP.Limit = 7
	cfg.LoginPerAccount.Threshold = 5
	a := testapp.NewWith(t, testapp.Options{RateLimits: &cfg})
	b := testapp.NewWith(t, testapp.Options{RateLimits: &cfg, DB: a.DB})
	a.User(t, "nico@kampen.example", "Nico", false)
	apps := []*testapp.App{a, b}

	got := concurrently(t, apps, http.MethodGet, "/api/v1/speaker-invitations/not-a-token", "")
	if got[400] != 7 || got[429] != 13 || len(got) != 2 {
		t.Fatalf("speaker link: %v, want exactly 7×400 and 13×429", got)
	}
	// Guessing a password in parallel: exactly the threshold's worth of guesses is checked, the rest refused.
	body, _ := json.Marshal(map[string]string{"email": "nico@kampen.example", "password": "wrong password"})
	got = concurrently(t, apps, http.MethodPost, "/api/v1/auth/login", string(body))
	if got[401] != 5 || got[429] != 15 || len(got) != 2 {
		t.Fatalf("login: %v, want exactly 5×401 and 15×429", got)
	}
}

func TestEveryLimitedEndpointAnswers429(t *testing.T) {
	t.Parallel()
	cfg := small()
	cfg.RefreshPerIP.Limit = 2
	cfg.SetPasswordPerIP.Limit = 3
	cfg.SpeakerLinkPerIP.Limit = 2
	a := testapp.NewWith(t, testapp.Options{RateLimits: &cfg})
	const wait, detail = "60", "Probeer het over 1 minuut opnieuw."
	do := func(method, path string, body any) *testapp.Response {
		return a.Do(t, testapp.Request{Method: method, Path: "/api/v1" + path, Body: body})
	}

	// Refresh: two without a cookie are 401s, the third is refused before the cookie is even read.
	status(t, do(http.MethodPost, "/auth/refresh", nil), 401)
	status(t, do(http.MethodPost, "/auth/refresh", nil), 401)
	reanchor(t, a)
	tooMany(t, do(http.MethodPost, "/auth/refresh", nil), wait, detail)

	// The invitation lookup and set-password share one budget.
	setPw := map[string]string{"token": "not-a-real-token", "password": "Wachtwoord voor Kampen 2026"}
	status(t, do(http.MethodPost, "/auth/invitation", map[string]string{"token": "not-a-real-token"}), 400)
	status(t, do(http.MethodPost, "/auth/set-password", setPw), 400)
	status(t, do(http.MethodPost, "/auth/invitation", map[string]string{"token": "not-a-real-token"}), 400)
	reanchor(t, a)
	tooMany(t, do(http.MethodPost, "/auth/set-password", setPw), wait, detail)
	reanchor(t, a)
	tooMany(t, do(http.MethodPost, "/auth/invitation", map[string]string{"token": "not-a-real-token"}), wait, detail)

	// Reading and answering a speaker invitation share one budget.
	status(t, do(http.MethodGet, "/speaker-invitations/not-a-token", nil), 400)
	status(t, do(http.MethodPost, "/speaker-invitations/not-a-token", map[string]string{"response": "confirm"}), 400)
	reanchor(t, a)
	tooMany(t, do(http.MethodPost, "/speaker-invitations/not-a-token", map[string]string{"response": "confirm"}), wait, detail)
	reanchor(t, a)
	tooMany(t, do(http.MethodGet, "/speaker-invitations/not-a-token", nil), wait, detail)

	// Logout is not limited: it only ever ends a session.
	for i := 0; i < 5; i++ {
		status(t, do(http.MethodPost, "/auth/logout", nil), 204)
	}
}

func TestASetPasswordTokenThatKeepsFailingIsLocked(t *testing.T) {
	t.Parallel()
	cfg := small()
	cfg.SetPasswordPerToken.Threshold = 2
	a := testapp.NewWith(t, testapp.Options{RateLimits: &cfg})
	set := func(token, password string) *testapp.Response {
		return a.Do(t, testapp.Request{Method: http.MethodPost, Path: "/api/v1/auth/set-password",
			Body: map[string]string{"token": token, "password": password}})
	}
	const pw = "Wachtwoord voor Kampen 2026"
	// A password that is too short is the user's typo, not a guess: it does not count.
	for i := 0; i < 3; i++ {
		status(t, set("used-or-guessed-token", "kort"), 422)
	}
	status(t, set("used-or-guessed-token", pw), 400)
	status(t, set("used-or-guessed-token", pw), 400)
	reanchor(t, a)
	tooMany(t, set("used-or-guessed-token", pw), "60", "Probeer het over 1 minuut opnieuw.")
	// Another token is another key; a real one works and leaves no count behind, and once spent it counts.
	status(t, set("another-token", pw), 400)
	user := a.User(t, "sanne@gouda.example", "Sanne", false)
	if err := identity.Invite(a.DB, identity.Invitation{UserID: user, Email: "sanne@gouda.example", Name: "Sanne",
		Reason: "U bent ingeschreven.", BaseURL: "http://leergang.test"}, time.Now()); err != nil {
		t.Fatal(err)
	}
	var mailText string
	a.DB.Raw(`SELECT body_text FROM outbox WHERE to_address = 'sanne@gouda.example'`).Row().Scan(&mailText)
	m := regexp.MustCompile(`wachtwoord-instellen\?token=([A-Za-z0-9_-]{43})`).FindStringSubmatch(mailText)
	if m == nil {
		t.Fatalf("no link in the invitation:\n%s", mailText)
	}
	status(t, set(m[1], pw), 200)
	if _, _, exists := row(t, a, "set-password-token", m[1]); exists {
		t.Fatal("a used token left a failure count")
	}
	status(t, set(m[1], pw), 400)
	if hits, _, _ := row(t, a, "set-password-token", m[1]); hits != 1 {
		t.Fatalf("hits %d for the spent token, want 1", hits)
	}
}
