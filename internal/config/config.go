// Package config reads Leergang's configuration from environment variables. Every setting has a default that
// runs the product on a laptop; production sets DATABASE_URL, LEERGANG_BASE_URL and the SMTP settings.
package config

import (
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Config is the whole configuration; see the README's configuration table.
type Config struct {
	// Addr is the HTTP listen address.
	Addr string
	// BaseURL is the public URL of the product, used in mails and links.
	BaseURL string
	// DatabaseURL points at PostgreSQL. Empty means: start a private local cluster in DataDir.
	DatabaseURL string
	// MigrationDatabaseURL, when set, is the owner's login that migrations run with; DatabaseURL is then a login
	// with only the application's role (leergang_app). Empty: migrations use DatabaseURL.
	MigrationDatabaseURL string
	// DataDir holds the private local cluster (DataDir/pg) when DatabaseURL is empty.
	DataDir string
	// Demo loads the demo data on start when the database has none.
	Demo bool
	// StaffSecondFactor makes admins and facilitators set up and use a second factor (TOTP) to log in:
	// LEERGANG_STAFF_2FA=required (the default) or optional (the default with LEERGANG_DEMO=true, so that the
	// demo's staff accounts can look around with just the password).
	StaffSecondFactor bool

	AccessTokenTTL  time.Duration
	RefreshTokenTTL time.Duration
	// SessionMaxAge ends a login this long after it began, however active (ASVS 3.3.2); RefreshTokenTTL is the idle limit.
	SessionMaxAge time.Duration
	// CookieSecure marks the refresh cookie Secure and __Host- prefixed. Only tests on plain http turn it off.
	CookieSecure bool
	// CORSOrigins lists origins allowed to call the API from a browser; empty means same-origin only.
	CORSOrigins []string
	// TrustedProxies are the CIDRs of load balancers whose X-Forwarded-For is believed.
	TrustedProxies []*net.IPNet

	BodyLimit       string
	ReadTimeout     time.Duration
	WriteTimeout    time.Duration
	ShutdownTimeout time.Duration
	// ShutdownDelay is how long the server keeps serving after SIGTERM with /readyz at 503 before it stops
	// taking connections, so a load balancer can take the replica out first (0: stop at once).
	ShutdownDelay time.Duration

	// SMTPURL is smtp://user:pass@host:port for outgoing mail; empty keeps mail in the outbox.
	SMTPURL  string
	MailFrom string

	LogLevel  string
	LogFormat string
	// ReportCacheTTL is how long a built evaluation report is served to its readers (0: not kept).
	ReportCacheTTL time.Duration
	// ServerTiming adds a Server-Timing header with the request's database statements and their time. Off by
	// default: it tells every client how long our queries take.
	ServerTiming bool
	// MetricsAddr is where Prometheus metrics are served (GET /metrics), apart from the public Addr; empty: no
	// metrics at all.
	MetricsAddr string

	// RetentionMonths is how long goals and reflections of an archived cohort are kept; RetentionNoticeDays is
	// how long before the purge their authors are mailed, and the least time a notice gives them.
	RetentionMonths     int
	RetentionNoticeDays int
}

// Load builds a Config from getenv (os.Getenv in main, a map in tests).
func Load(getenv func(string) string) (Config, error) {
	p := parser{getenv: getenv}
	c := Config{
		Addr:                 p.str("LEERGANG_ADDR", ":8080"),
		BaseURL:              strings.TrimRight(p.str("LEERGANG_BASE_URL", "http://localhost:8080"), "/"),
		DatabaseURL:          p.str("DATABASE_URL", ""),
		MigrationDatabaseURL: p.str("LEERGANG_MIGRATION_DATABASE_URL", ""),
		DataDir:              p.str("LEERGANG_DATA_DIR", ".leergang"),
		Demo:                 p.boolean("LEERGANG_DEMO", false),
		AccessTokenTTL:       p.duration("LEERGANG_ACCESS_TOKEN_TTL", 10*time.Minute),
		RefreshTokenTTL:      p.duration("LEERGANG_REFRESH_TOKEN_TTL", 14*24*time.Hour),
		SessionMaxAge:        p.duration("LEERGANG_SESSION_MAX_AGE", 12*time.Hour),
		CookieSecure:         p.boolean("LEERGANG_COOKIE_SECURE", true),
		CORSOrigins:          p.list("LEERGANG_CORS_ORIGINS"),
		BodyLimit:            p.str("LEERGANG_BODY_LIMIT", "1M"),
		ReadTimeout:          p.duration("LEERGANG_READ_TIMEOUT", 15*time.Second),
		WriteTimeout:         p.duration("LEERGANG_WRITE_TIMEOUT", 60*time.Second),
		ShutdownTimeout:      p.duration("LEERGANG_SHUTDOWN_TIMEOUT", 20*time.Second),
		ShutdownDelay:        p.duration("LEERGANG_SHUTDOWN_DELAY", 0),
		SMTPURL:              p.str("LEERGANG_SMTP_URL", ""),
		MailFrom:             p.str("LEERGANG_MAIL_FROM", "Leergang <noreply@leergang.example>"),
		LogLevel:             p.str("LEERGANG_LOG_LEVEL", "info"),
		LogFormat:            p.str("LEERGANG_LOG_FORMAT", "text"),
		ServerTiming:         p.boolean("LEERGANG_SERVER_TIMING", false),
		ReportCacheTTL:       p.duration("LEERGANG_REPORT_CACHE_TTL", 30*time.Second),
		MetricsAddr:          p.str("LEERGANG_METRICS_ADDR", ""),

		RetentionMonths:     p.integer("LEERGANG_RETENTION_MONTHS", 24, 1, 240),
		RetentionNoticeDays: p.integer("LEERGANG_RETENTION_NOTICE_DAYS", 30, 1, 365),
	}
	switch v := strings.ToLower(p.str("LEERGANG_STAFF_2FA", "")); v {
	case "":
		c.StaffSecondFactor = !c.Demo
	case "required", "optional":
		c.StaffSecondFactor = v == "required"
	default:
		p.errs = append(p.errs, fmt.Sprintf("LEERGANG_STAFF_2FA: %q is not required or optional", v))
	}
	for _, cidr := range p.list("LEERGANG_TRUSTED_PROXIES") {
		_, n, err := net.ParseCIDR(cidr)
		if err != nil {
			p.errs = append(p.errs, fmt.Sprintf("LEERGANG_TRUSTED_PROXIES: %q is not a CIDR", cidr))
			continue
		}
		c.TrustedProxies = append(c.TrustedProxies, n)
	}
	if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		p.errs = append(p.errs, fmt.Sprintf("LEERGANG_BASE_URL: %q is not an http(s) URL", c.BaseURL))
	}
	if c.MetricsAddr != "" {
		if _, port, err := net.SplitHostPort(c.MetricsAddr); err != nil || port == "" {
			p.errs = append(p.errs, fmt.Sprintf("LEERGANG_METRICS_ADDR: %q is not host:port, e.g. 127.0.0.1:9090 or :9090", c.MetricsAddr))
		} else if c.MetricsAddr == c.Addr {
			p.errs = append(p.errs, "LEERGANG_METRICS_ADDR must differ from LEERGANG_ADDR: metrics stay off the public port")
		}
	}
	switch c.LogFormat {
	case "text", "json":
	default:
		p.errs = append(p.errs, fmt.Sprintf("LEERGANG_LOG_FORMAT: %q is not text or json", c.LogFormat))
	}
	if c.SessionMaxAge < c.AccessTokenTTL {
		p.errs = append(p.errs, "LEERGANG_SESSION_MAX_AGE must be at least LEERGANG_ACCESS_TOKEN_TTL")
	}
	if c.AccessTokenTTL <= 0 || c.RefreshTokenTTL <= c.AccessTokenTTL {
		p.errs = append(p.errs, "LEERGANG_REFRESH_TOKEN_TTL must be longer than LEERGANG_ACCESS_TOKEN_TTL, both positive")
	}
	if c.ShutdownDelay < 0 {
		p.errs = append(p.errs, "LEERGANG_SHUTDOWN_DELAY must not be negative")
	}
	if len(p.errs) > 0 {
		return Config{}, fmt.Errorf("config: %s", strings.Join(p.errs, "; "))
	}
	return c, nil
}

type parser struct {
	getenv func(string) string
	errs   []string
}

func (p *parser) str(key, def string) string {
	if v := strings.TrimSpace(p.getenv(key)); v != "" {
		return v
	}
	return def
}

func (p *parser) boolean(key string, def bool) bool {
	v := strings.TrimSpace(p.getenv(key))
	if v == "" {
		return def
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		p.errs = append(p.errs, fmt.Sprintf("%s: %q is not true or false", key, v))
		return def
	}
	return b
}

func (p *parser) duration(key string, def time.Duration) time.Duration {
	v := strings.TrimSpace(p.getenv(key))
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		p.errs = append(p.errs, fmt.Sprintf("%s: %q is not a duration such as 15m or 24h", key, v))
		return def
	}
	return d
}

func (p *parser) integer(key string, def, min, max int) int {
	v := strings.TrimSpace(p.getenv(key))
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < min || n > max {
		p.errs = append(p.errs, fmt.Sprintf("%s: %q is not a whole number from %d to %d", key, v, min, max))
		return def
	}
	return n
}

func (p *parser) list(key string) []string {
	var out []string
	for _, s := range strings.Split(p.getenv(key), ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
