// Package httpapi is Leergang's HTTP server: Echo with its middleware, the problem+json mapping, every route
// (routes.go), health checks and the embedded SPA.
package httpapi

import (
	"encoding/json"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/config"
	"github.com/vgs/leergang/internal/evaluation"
	"github.com/vgs/leergang/internal/goals"
	"github.com/vgs/leergang/internal/identity"
	"github.com/vgs/leergang/internal/mail"
	"github.com/vgs/leergang/internal/planning"
	"github.com/vgs/leergang/internal/portraits"
	"github.com/vgs/leergang/internal/privacy"
	"github.com/vgs/leergang/internal/ratelimit"
	"github.com/vgs/leergang/internal/reflections"
)

// Deps are what the server needs; main builds them.
type Deps struct {
	Config      config.Config
	Log         *slog.Logger
	DB          *gorm.DB
	Identity    *identity.Service
	Planning    *planning.Service
	Mail        *mail.Service
	Goals       *goals.Service
	Reflections *reflections.Service
	Portraits   *portraits.Service
	Privacy     *privacy.Service
	Evaluation  *evaluation.Service
	// Limits are the rate limits and lockouts of the anonymous endpoints (also given to Identity); nil: none.
	Limits  *ratelimit.Limiter
	SPA     fs.FS
	OpenAPI []byte
	// Metrics, when not nil, times every request (served on its own listener: LEERGANG_METRICS_ADDR).
	Metrics *Metrics
}

// contentSecurityPolicy allows only our own scripts and styles: no inline code, no third parties.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"

// New builds the Echo server with all middleware and routes.
func New(d Deps) *echo.Echo {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = errorHandler(d.Log)
	e.IPExtractor = ipExtractor(d.Config)
	e.JSONSerializer = jsonSerializer{}

	e.Pre(dropBadRequestID)
	if d.Metrics != nil {
		e.Use(d.Metrics.middleware) // outermost: it times the other middleware too and sees the final status
	}
	e.Use(countStatements(d.Config.ServerTiming)) // first, so that authentication's statements count too
	e.Use(middleware.RequestIDWithConfig(middleware.RequestIDConfig{Generator: newRequestID}))
	e.Use(requestLogger(d.Log))
	e.Use(auditRequest)
	e.Use(middleware.RecoverWithConfig(middleware.RecoverConfig{
		LogErrorFunc: func(c echo.Context, err error, stack []byte) error {
			d.Log.ErrorContext(c.Request().Context(), "panic", "error", err, "stack", string(stack))
			return err
		},
	}))
	e.Use(securityHeaders(d.Config))
	e.Use(readableURL)
	// Closed by default: the SPA is same-origin. Echo's CORS with no origins would allow "*", so without
	// configured origins there is no CORS middleware at all and browsers refuse cross-site calls.
	if len(d.Config.CORSOrigins) > 0 {
		e.Use(middleware.CORSWithConfig(middleware.CORSConfig{
			AllowOrigins:     d.Config.CORSOrigins,
			AllowMethods:     []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete},
			AllowHeaders:     []string{echo.HeaderAuthorization, echo.HeaderContentType, "If-Match", "Idempotency-Key"},
			AllowCredentials: true,
			MaxAge:           600,
		}))
	}
	e.Use(middleware.BodyLimit(d.Config.BodyLimit))
	e.Use(middleware.ContextTimeoutWithConfig(middleware.ContextTimeoutConfig{
		Timeout: d.Config.WriteTimeout - time.Second,
		Skipper: func(c echo.Context) bool { return !strings.HasPrefix(c.Path(), "/api/") },
	}))

	registerRoutes(e, d)
	return e
}

// Server wraps e in an http.Server with timeouts: Go's defaults have none, and a slow client must not hold a
// connection forever.
func Server(e *echo.Echo, cfg config.Config) *http.Server {
	return &http.Server{
		Addr:              cfg.Addr,
		Handler:           e,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       cfg.ReadTimeout,
		WriteTimeout:      cfg.WriteTimeout,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
}

// ipExtractor believes X-Forwarded-For only from configured proxies; without them the peer address is the
// client, so nobody can forge their IP (which rate limits and the audit log rely on).
func ipExtractor(cfg config.Config) echo.IPExtractor {
	if len(cfg.TrustedProxies) == 0 {
		return echo.ExtractIPDirect()
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, n := range cfg.TrustedProxies {
		opts = append(opts, echo.TrustIPRange(n))
	}
	return echo.ExtractIPFromXFFHeader(opts...)
}

func securityHeaders(cfg config.Config) echo.MiddlewareFunc {
	hsts := strings.HasPrefix(cfg.BaseURL, "https://")
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			h := c.Response().Header()
			h.Set("Content-Security-Policy", contentSecurityPolicy)
			h.Set("X-Content-Type-Options", "nosniff")
			h.Set("X-Frame-Options", "DENY")
			h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
			h.Set("Cross-Origin-Opener-Policy", "same-origin")
			h.Set("Cross-Origin-Resource-Policy", "same-origin")
			h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
			if hsts {
				h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
			}
			return next(c)
		}
	}
}

func requestLogger(log *slog.Logger) echo.MiddlewareFunc {
	return middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
		LogStatus: true, LogURIPath: true, LogMethod: true, LogLatency: true, LogRequestID: true,
		LogRemoteIP: true, LogError: true, HandleError: true,
		LogValuesFunc: func(c echo.Context, v middleware.RequestLoggerValues) error {
			level := slog.LevelInfo
			if v.Status >= 500 {
				level = slog.LevelError
			}
			if v.URIPath == "/healthz" || v.URIPath == "/readyz" {
				level = slog.LevelDebug
			}
			log.LogAttrs(c.Request().Context(), level, "request",
				slog.String("method", v.Method), slog.String("path", v.URIPath), slog.Int("status", v.Status),
				slog.Duration("latency", v.Latency), slog.String("request_id", v.RequestID),
				slog.String("ip", v.RemoteIP))
			return nil
		},
	})
}

// jsonSerializer encodes without HTML escaping (we serve JSON, not HTML) and decodes strictly via httpio.
type jsonSerializer struct{}

func (jsonSerializer) Serialize(c echo.Context, i any, indent string) error {
	enc := json.NewEncoder(c.Response())
	enc.SetEscapeHTML(false)
	if indent != "" {
		enc.SetIndent("", indent)
	}
	return enc.Encode(i)
}

func (jsonSerializer) Deserialize(c echo.Context, i any) error {
	return json.NewDecoder(c.Request().Body).Decode(i)
}

func jsonEncode(c echo.Context, v any) error { return jsonSerializer{}.Serialize(c, v, "") }
