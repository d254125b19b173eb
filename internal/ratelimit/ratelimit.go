// Package ratelimit limits how often a client may try something, with its state in PostgreSQL so that every
// replica enforces the same limits. Two mechanisms:
//
//   - a Budget: at most Limit requests per key (usually the client address) in a fixed window;
//   - a Backoff: after Threshold consecutive failures a key (an account, a token) is locked for Base, doubling
//     with every further failure up to Max; a success forgets the failures.
//
// Every check is one atomic INSERT … ON CONFLICT DO UPDATE statement, so concurrent requests on any number of
// replicas are counted exactly, without a read-modify-write race. Keys are stored as their SHA-256 only.
//
// Refusals are apperror.TooMany (429) with a Dutch detail and RetryAfter set, which httpapi sends as a
// Retry-After header. A nil *Limiter limits nothing.
package ratelimit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/labstack/echo/v4"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/apperror"
)

// Budget allows Limit requests per key in each Window. A Limit of zero or less turns it off.
type Budget struct {
	Name   string // the limiter, e.g. "login-ip"; keys of different limiters never mix
	Limit  int
	Window time.Duration
}

// Backoff locks a key after Threshold consecutive failures: for Base, then twice as long with every further
// failure, never longer than Max. Failures are forgotten after Forget without a new attempt (and at a success).
// A Threshold of zero or less turns it off.
type Backoff struct {
	Name      string
	Threshold int
	Base      time.Duration
	Max       time.Duration
	Forget    time.Duration
}

// Config holds the limits of every endpoint that takes a secret from an anonymous caller. Future endpoints
// (2FA, password reset) add a field here and one line in routes.go or their service.
type Config struct {
	LoginPerIP          Budget  // POST /auth/login, per client address
	LoginPerAccount     Backoff // POST /auth/login, per normalised email, known or not
	RefreshPerIP        Budget  // POST /auth/refresh
	SetPasswordPerIP    Budget  // POST /auth/invitation and /auth/set-password, together
	SetPasswordPerToken Backoff // POST /auth/set-password, per invitation token
	SpeakerLinkPerIP    Budget  // GET and POST /speaker-invitations/{token}, together
	// POST /auth/password-reset: per client address, and per normalised email, known or not. Beyond the
	// per-email budget the request is still accepted (202) but no mail is sent, so it reveals nothing.
	PasswordResetPerIP    Budget
	PasswordResetPerEmail Budget
	// POST /auth/second-factor and its enrolment steps, per client address; and per account (user id), every
	// wrong authenticator or recovery code, at login and on the /me/second-factor endpoints that check one.
	SecondFactorPerIP      Budget
	SecondFactorPerAccount Backoff
}

// Defaults are the production limits. The budgets per address leave room for a municipality whose people share
// one address; the per-account lockout is what stops password guessing.
func Defaults() Config {
	lock := Backoff{Threshold: 5, Base: time.Minute, Max: 15 * time.Minute, Forget: 24 * time.Hour}
	login, token, secondFactor := lock, lock, lock
	login.Name, token.Name, secondFactor.Name = "login-account", "set-password-token", "second-factor-account"
	return Config{
		LoginPerIP:            Budget{Name: "login-ip", Limit: 30, Window: time.Minute},
		LoginPerAccount:       login,
		RefreshPerIP:          Budget{Name: "refresh-ip", Limit: 120, Window: time.Minute},
		SetPasswordPerIP:      Budget{Name: "set-password-ip", Limit: 20, Window: time.Minute},
		SetPasswordPerToken:   token,
		SpeakerLinkPerIP:      Budget{Name: "speaker-link-ip", Limit: 30, Window: time.Minute},
		PasswordResetPerIP:    Budget{Name: "password-reset-ip", Limit: 10, Window: time.Minute},
		PasswordResetPerEmail: Budget{Name: "password-reset-email", Limit: 3, Window: time.Hour},

		SecondFactorPerIP:      Budget{Name: "second-factor-ip", Limit: 30, Window: time.Minute},
		SecondFactorPerAccount: secondFactor,
	}
}

// cleanupEvery is how often one replica deletes expired rows; the delete is an index range scan.
const cleanupEvery = time.Minute

// Limiter checks budgets and lockouts against the rate_limits table.
type Limiter struct {
	db          *gorm.DB
	cfg         Config
	log         *slog.Logger
	nextCleanup atomic.Int64 // unix nanoseconds
}

// New returns a limiter with the given limits.
func New(db *gorm.DB, cfg Config, log *slog.Logger) *Limiter {
	l := &Limiter{db: db, cfg: cfg, log: log}
	l.nextCleanup.Store(time.Now().Add(cleanupEvery).UnixNano())
	return l
}

// Config returns the limits (the zero Config for a nil limiter).
func (l *Limiter) Config() Config {
	if l == nil {
		return Config{}
	}
	return l.cfg
}

func keyHash(key string) []byte {
	h := sha256.Sum256([]byte(key))
	return h[:]
}

func ms(d time.Duration) int64 { return d.Milliseconds() }

// Take counts one request against the key's budget and refuses it (429) when the window's budget is spent.
// Refused requests count too; only the window's end lifts the refusal.
func (l *Limiter) Take(ctx context.Context, b Budget, key string) error {
	if l == nil || b.Limit <= 0 {
		return nil
	}
	// A window that has run out starts afresh; expires_at is the window's end.
	var out struct {
		Hits       int
		RetryAfter int
	}
	err := l.db.WithContext(ctx).Raw(`
		INSERT INTO rate_limits AS r (limiter, key_hash, hits, window_start, expires_at)
		VALUES (CAST(@limiter AS text), decode(@key, 'hex'), 1, now(), now() + CAST(@window AS bigint) * interval '1 millisecond')
		ON CONFLICT (limiter, key_hash) DO UPDATE SET
			hits         = CASE WHEN r.expires_at <= now() THEN 1 ELSE least(r.hits, 1000000000) + 1 END,
			window_start = CASE WHEN r.expires_at <= now() THEN now() ELSE r.window_start END,
			expires_at   = CASE WHEN r.expires_at <= now() THEN excluded.expires_at ELSE r.expires_at END
		RETURNING hits, ceil(extract(epoch FROM expires_at - now()))::int AS retry_after`,
		map[string]any{"limiter": b.Name, "key": hex.EncodeToString(keyHash(key)), "window": ms(b.Window)}).Scan(&out).Error
	if err != nil {
		return fmt.Errorf("ratelimit: %s: %w", b.Name, err)
	}
	l.maybeCleanup(ctx)
	if out.Hits > b.Limit {
		return TooMany(time.Duration(out.RetryAfter) * time.Second)
	}
	return nil
}

// lockUntil is the SQL for the end of the lock after n consecutive failures: none below the threshold, then
// base·2^(n−threshold), at most max. The exponent is capped so the interval cannot overflow.
func lockUntil(n string) string {
	return `CASE WHEN ` + n + ` >= CAST(@threshold AS int) THEN now() + least(
		CAST(@base AS bigint) * power(2, least(` + n + ` - CAST(@threshold AS int), 30)) * interval '1 millisecond',
		CAST(@max AS bigint) * interval '1 millisecond') END`
}

// Attempt is called before checking a secret for key. While the key is locked it refuses (429) without
// counting, so the caller does no expensive work (no password hashing). Otherwise it counts the attempt as a
// failure in advance — concurrent guesses thus cannot slip past the threshold — and the caller calls Succeeded
// when the secret was right.
func (l *Limiter) Attempt(ctx context.Context, b Backoff, key string) error {
	if l == nil || b.Threshold <= 0 {
		return nil
	}
	// Failures not followed by another attempt within Forget start afresh (the row may not be cleaned up yet).
	const n = `CASE WHEN r.expires_at <= now() THEN 1 ELSE least(r.hits, 1000000000) + 1 END`
	var rows []struct {
		Admitted   bool
		RetryAfter *int
	}
	err := l.db.WithContext(ctx).Raw(`
		WITH admitted AS (
			INSERT INTO rate_limits AS r (limiter, key_hash, hits, window_start, locked_until, expires_at)
			VALUES (CAST(@limiter AS text), decode(@key, 'hex'), 1, now(), `+lockUntil("1")+`,
				greatest(now() + CAST(@forget AS bigint) * interval '1 millisecond', `+lockUntil("1")+`))
			ON CONFLICT (limiter, key_hash) DO UPDATE SET
				hits         = `+n+`,
				window_start = now(),
				locked_until = `+lockUntil(n)+`,
				expires_at   = greatest(excluded.expires_at, `+lockUntil(n)+`)
			WHERE r.locked_until IS NULL OR r.locked_until <= now()
			RETURNING hits
		)
		SELECT true AS admitted, NULL::int AS retry_after FROM admitted
		UNION ALL
		SELECT false, ceil(extract(epoch FROM locked_until - now()))::int FROM rate_limits
		WHERE limiter = CAST(@limiter AS text) AND key_hash = decode(@key, 'hex') AND NOT EXISTS (SELECT 1 FROM admitted)`,
		map[string]any{"limiter": b.Name, "key": hex.EncodeToString(keyHash(key)), "threshold": b.Threshold,
			"base": ms(b.Base), "max": ms(b.Max), "forget": ms(b.Forget)}).Scan(&rows).Error
	if err != nil {
		return fmt.Errorf("ratelimit: %s: %w", b.Name, err)
	}
	l.maybeCleanup(ctx)
	if len(rows) == 1 && rows[0].Admitted {
		return nil
	}
	// Refused. The lock's end comes from the statement's snapshot; a lock set by a request that committed
	// meanwhile is not in it, and then the shortest lock is the honest answer.
	retry := b.Base
	if len(rows) == 1 && rows[0].RetryAfter != nil && *rows[0].RetryAfter > 0 {
		retry = time.Duration(*rows[0].RetryAfter) * time.Second
	}
	return TooMany(retry)
}

// Succeeded forgets the key's failures and lifts its lock.
func (l *Limiter) Succeeded(ctx context.Context, b Backoff, key string) error {
	if l == nil || b.Threshold <= 0 {
		return nil
	}
	if err := l.db.WithContext(ctx).Exec(`DELETE FROM rate_limits WHERE limiter = ? AND key_hash = ?`,
		b.Name, keyHash(key)).Error; err != nil {
		return fmt.Errorf("ratelimit: %s: reset: %w", b.Name, err)
	}
	return nil
}

// PerIP applies the budget per client address (echo's RealIP, which believes X-Forwarded-For only from the
// configured proxies) before the handler runs.
func (l *Limiter) PerIP(b Budget) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if err := l.Take(c.Request().Context(), b, c.RealIP()); err != nil {
				return err
			}
			return next(c)
		}
	}
}

// Cleanup deletes rows that have expired, at most 10000 at a time, and says how many.
func (l *Limiter) Cleanup(ctx context.Context) (int64, error) {
	res := l.db.WithContext(ctx).Exec(`DELETE FROM rate_limits WHERE ctid = ANY (ARRAY(
		SELECT ctid FROM rate_limits WHERE expires_at < now() LIMIT 10000))`)
	if res.Error != nil {
		return 0, fmt.Errorf("ratelimit: cleanup: %w", res.Error)
	}
	return res.RowsAffected, nil
}

// maybeCleanup runs Cleanup on this replica once per cleanupEvery, within the request that happens to be first;
// the table thus stays as small as the traffic of the last day without a separate job.
func (l *Limiter) maybeCleanup(ctx context.Context) {
	next := l.nextCleanup.Load()
	now := time.Now()
	if now.UnixNano() < next || !l.nextCleanup.CompareAndSwap(next, now.Add(cleanupEvery).UnixNano()) {
		return
	}
	// Not cut short when the client goes away: the work is small and someone has to do it.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if _, err := l.Cleanup(ctx); err != nil && l.log != nil {
		l.log.WarnContext(ctx, "rate limit cleanup failed", "error", err)
	}
}

// TooMany is the 429 for a refused request: when to try again, in Dutch and in the Retry-After header.
func TooMany(retry time.Duration) *apperror.Error {
	if retry < time.Second {
		retry = time.Second
	}
	return &apperror.Error{Code: apperror.TooMany, Title: "Te veel pogingen",
		Detail: "Probeer het over " + inWords(retry) + " opnieuw.", RetryAfter: retry}
}

// inWords says a wait in Dutch: seconds below a minute, otherwise whole minutes rounded up.
func inWords(d time.Duration) string {
	secs := int((d + time.Second - 1) / time.Second)
	switch {
	case secs == 1:
		return "1 seconde"
	case secs < 60:
		return fmt.Sprintf("%d seconden", secs)
	case secs <= 60:
		return "1 minuut"
	}
	return fmt.Sprintf("%d minuten", (secs+59)/60)
}
