package ratelimit

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/vgs/leergang/internal/apperror"
	"github.com/vgs/leergang/internal/database/dbtest"
)

func TestMain(m *testing.M) { os.Exit(dbtest.Main(m)) }

func TestWaitsAreSaidInDutch(t *testing.T) {
	cases := map[time.Duration]string{
		0:                              "Probeer het over 1 seconde opnieuw.", // never less than a second
		time.Second:                    "Probeer het over 1 seconde opnieuw.",
		1500 * time.Millisecond:        "Probeer het over 2 seconden opnieuw.",
		59 * time.Second:               "Probeer het over 59 seconden opnieuw.",
		60 * time.Second:               "Probeer het over 1 minuut opnieuw.",
		61 * time.Second:               "Probeer het over 2 minuten opnieuw.",
		120 * time.Second:              "Probeer het over 2 minuten opnieuw.",
		15 * time.Minute:               "Probeer het over 15 minuten opnieuw.",
		15*time.Minute + 1:             "Probeer het over 16 minuten opnieuw.",
		90*time.Second + 1:             "Probeer het over 2 minuten opnieuw.",
		2*time.Minute + 59*time.Second: "Probeer het over 3 minuten opnieuw.",
	}
	for d, want := range cases {
		e := TooMany(d)
		if e.Code != apperror.TooMany || e.Title != "Te veel pogingen" || e.Detail != want {
			t.Errorf("TooMany(%v) = %q %q %q, want too_many_requests, Te veel pogingen, %q", d, e.Code, e.Title, e.Detail, want)
		}
		if min := time.Second; e.RetryAfter < min || (d >= min && e.RetryAfter != d) {
			t.Errorf("TooMany(%v).RetryAfter = %v", d, e.RetryAfter)
		}
	}
}

// The numbers the spec's descriptions promise (api/openapi.yaml) are the defaults.
func TestDefaultsAreTheDocumentedLimits(t *testing.T) {
	c := Defaults()
	budgets := map[string]Budget{"login-ip": {"login-ip", 30, time.Minute}, "refresh-ip": {"refresh-ip", 120, time.Minute},
		"set-password-ip": {"set-password-ip", 20, time.Minute}, "speaker-link-ip": {"speaker-link-ip", 30, time.Minute}}
	for _, b := range []Budget{c.LoginPerIP, c.RefreshPerIP, c.SetPasswordPerIP, c.SpeakerLinkPerIP} {
		if budgets[b.Name] != b {
			t.Errorf("budget %+v, want %+v", b, budgets[b.Name])
		}
	}
	for name, b := range map[string]Backoff{"login-account": c.LoginPerAccount, "set-password-token": c.SetPasswordPerToken} {
		want := Backoff{Name: name, Threshold: 5, Base: time.Minute, Max: 15 * time.Minute, Forget: 24 * time.Hour}
		if b != want {
			t.Errorf("backoff %+v, want %+v", b, want)
		}
	}
}

func TestANilLimiterLimitsNothing(t *testing.T) {
	var l *Limiter
	ctx := context.Background()
	b, o := Defaults().LoginPerIP, Defaults().LoginPerAccount
	if err := l.Take(ctx, b, "k"); err != nil {
		t.Fatal(err)
	}
	if err := l.Attempt(ctx, o, "k"); err != nil {
		t.Fatal(err)
	}
	if err := l.Succeeded(ctx, o, "k"); err != nil {
		t.Fatal(err)
	}
	if l.Config() != (Config{}) {
		t.Fatal("a nil limiter has limits")
	}
}

func count(t *testing.T, l *Limiter, where string, args ...any) int {
	t.Helper()
	var n int
	if err := l.db.Raw(`SELECT count(*) FROM rate_limits WHERE `+where, args...).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// Expired rows go: by Cleanup, and by the first check after cleanupEvery on each replica, without a job.
func TestExpiredRowsAreDeleted(t *testing.T) {
	t.Parallel()
	l := New(dbtest.New(t), Defaults(), nil)
	ctx := context.Background()
	budget := Budget{Name: "b", Limit: 10, Window: time.Minute}
	lock := Backoff{Name: "o", Threshold: 2, Base: time.Minute, Max: time.Hour, Forget: time.Hour}
	for _, k := range []string{"10.0.0.1", "10.0.0.2", "10.0.0.3"} {
		if err := l.Take(ctx, budget, k); err != nil {
			t.Fatal(err)
		}
	}
	for _, k := range []string{"a@x.nl", "b@x.nl"} {
		if err := l.Attempt(ctx, lock, k); err != nil {
			t.Fatal(err)
		}
	}
	if n := count(t, l, "true"); n != 5 {
		t.Fatalf("%d rows, want 5", n)
	}
	// Two budgets' windows and one lockout's memory have run out.
	l.db.Exec(`UPDATE rate_limits SET expires_at = now() - interval '1 second'
		WHERE key_hash IN (sha256('10.0.0.1'::bytea), sha256('10.0.0.2'::bytea), sha256('a@x.nl'::bytea))`)
	n, err := l.Cleanup(ctx)
	if err != nil || n != 3 {
		t.Fatalf("Cleanup = %d, %v; want 3", n, err)
	}
	if got := count(t, l, "true"); got != 2 {
		t.Fatalf("%d rows left, want 2", got)
	}
	if count(t, l, "key_hash = sha256('10.0.0.3'::bytea)") != 1 || count(t, l, "key_hash = sha256('b@x.nl'::bytea)") != 1 {
		t.Fatal("a live row was deleted")
	}

	// The opportunistic path: not before cleanupEvery has passed, then within the next check.
	l.db.Exec(`UPDATE rate_limits SET expires_at = now() - interval '1 second' WHERE key_hash = sha256('b@x.nl'::bytea)`)
	if err := l.Take(ctx, budget, "10.0.0.3"); err != nil {
		t.Fatal(err)
	}
	if count(t, l, "true") != 2 {
		t.Fatal("cleaned up before cleanupEvery passed")
	}
	l.nextCleanup.Store(time.Now().Add(-time.Second).UnixNano())
	if err := l.Take(ctx, budget, "10.0.0.3"); err != nil {
		t.Fatal(err)
	}
	if got := count(t, l, "true"); got != 1 {
		t.Fatalf("%d rows after the opportunistic cleanup, want 1", got)
	}
	if next := time.Unix(0, l.nextCleanup.Load()); time.Until(next) < cleanupEvery-time.Second {
		t.Fatalf("next cleanup at %v, want about a minute from now", next)
	}
}

// The table holds hashes, never the addresses, emails or tokens themselves.
func TestKeysAreStoredAsHashes(t *testing.T) {
	t.Parallel()
	l := New(dbtest.New(t), Defaults(), nil)
	ctx := context.Background()
	if err := l.Attempt(ctx, Defaults().LoginPerAccount, "nico@kampen.example"); err != nil {
		t.Fatal(err)
	}
	if err := l.Take(ctx, Defaults().LoginPerIP, "192.0.2.7"); err != nil {
		t.Fatal(err)
	}
	if count(t, l, "position('nico'::bytea IN key_hash) > 0 OR position('192.0'::bytea IN key_hash) > 0") != 0 {
		t.Fatal("a key is stored in the clear")
	}
	if count(t, l, "limiter = 'login-account' AND key_hash = sha256('nico@kampen.example'::bytea) AND hits = 1") != 1 ||
		count(t, l, "limiter = 'login-ip' AND key_hash = sha256('192.0.2.7'::bytea) AND hits = 1") != 1 {
		t.Fatal("rows are not keyed by the SHA-256 of the key")
	}
}

// A refusal carries its wait, so httpapi can send Retry-After.
func TestRefusalsAre429WithTheWait(t *testing.T) {
	t.Parallel()
	l := New(dbtest.New(t), Defaults(), nil)
	ctx := context.Background()
	b := Budget{Name: "b", Limit: 1, Window: 45 * time.Second}
	if err := l.Take(ctx, b, "k"); err != nil {
		t.Fatal(err)
	}
	err := l.Take(ctx, b, "k")
	e, ok := apperror.As(err)
	if !ok || e.Code != apperror.TooMany || e.RetryAfter != 45*time.Second || e.Detail != "Probeer het over 45 seconden opnieuw." {
		t.Fatalf("second take: %#v", err)
	}
}
