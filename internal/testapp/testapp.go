// Package testapp runs the real HTTP server on a fresh database for API tests, with small helpers to create
// people, programmes and cohorts, and checks every response against api/openapi.yaml.
package testapp

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alexedwards/argon2id"
	"github.com/google/uuid"
	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"
	"gorm.io/gorm"

	"github.com/vgs/leergang/api"
	"github.com/vgs/leergang/internal/config"
	"github.com/vgs/leergang/internal/database"
	"github.com/vgs/leergang/internal/database/dbtest"
	"github.com/vgs/leergang/internal/evaluation"
	"github.com/vgs/leergang/internal/goals"
	"github.com/vgs/leergang/internal/httpapi"
	"github.com/vgs/leergang/internal/identity"
	"github.com/vgs/leergang/internal/mail"
	"github.com/vgs/leergang/internal/planning"
	"github.com/vgs/leergang/internal/portraits"
	"github.com/vgs/leergang/internal/privacy"
	"github.com/vgs/leergang/internal/ratelimit"
	"github.com/vgs/leergang/internal/reflections"
	"testing/fstest"
)

// Password is the password of every user the helpers create.
const Password = "correct horse battery staple"

// App is a running server on its own database.
type App struct {
	URL    string
	DB     *gorm.DB
	Config config.Config
	Keys   *identity.KeyRing
	Echo   http.Handler
	Limits *ratelimit.Limiter
	// Identity is the server's identity service, e.g. for a test to set its clock.
	Identity *identity.Service
	// Evaluation is the server's evaluation service, e.g. for a test to turn on its report cache.
	Evaluation *evaluation.Service
}

// Options change what New builds; the zero value is New.
type Options struct {
	// DB runs the server on an existing database, e.g. a second replica on another App's database.
	DB *gorm.DB
	// RateLimits replaces TestRateLimits.
	RateLimits *ratelimit.Config
	// StaffSecondFactor requires a second factor of admins and facilitators, as production does; off by default,
	// so that tests log staff in with just the password.
	StaffSecondFactor bool
}

// TestRateLimits are the production limits with budgets so large that tests, which log in often from one
// address, never meet them; lockouts stay as in production.
func TestRateLimits() ratelimit.Config {
	c := ratelimit.Defaults()
	for _, b := range []*ratelimit.Budget{&c.LoginPerIP, &c.RefreshPerIP, &c.SetPasswordPerIP, &c.SpeakerLinkPerIP,
		&c.SecondFactorPerIP} {
		b.Limit = 1_000_000
	}
	return c
}

// New starts the server on a fresh migrated database. Cookies are not Secure, since the test server is plain http.
func New(t testing.TB) *App {
	t.Helper()
	return NewWith(t, Options{})
}

// NewWith starts the server as New does, with options.
func NewWith(t testing.TB, o Options) *App {
	t.Helper()
	db := o.DB
	if db == nil {
		db = dbtest.New(t)
	}
	limitCfg := TestRateLimits()
	if o.RateLimits != nil {
		limitCfg = *o.RateLimits
	}
	cfg, err := config.Load(func(k string) string {
		return map[string]string{"LEERGANG_COOKIE_SECURE": "false", "LEERGANG_BASE_URL": "http://leergang.test",
			"LEERGANG_SERVER_TIMING": "true"}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	keys, err := identity.NewKeyRing(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	ident, err := identity.NewService(db, keys, cfg.AccessTokenTTL, cfg.RefreshTokenTTL, log)
	if err != nil {
		t.Fatal(err)
	}
	limits := ratelimit.New(db, limitCfg, log)
	ident.UseLimiter(limits)
	ident.LimitSessionAge(cfg.SessionMaxAge)
	cfg.StaffSecondFactor = o.StaffSecondFactor
	ident.RequireStaffSecondFactor(o.StaffSecondFactor)
	spa := fstest.MapFS{
		"index.html":          {Data: []byte(`<!doctype html><title>Leergang</title>`)},
		"assets/app-abc1.js":  {Data: []byte(`console.log(1)`)},
		"api/docs/index.html": {Data: []byte(`<!doctype html><title>API</title>`)},
		"api/docs/init.js":    {Data: []byte(`SwaggerUIBundle({})`)},
	}
	eval := evaluation.NewService(db) // no report cache: tests read what they just wrote
	e := httpapi.New(httpapi.Deps{Config: cfg, Log: log, DB: db, Identity: ident, Limits: limits,
		Planning: planning.NewService(db), Mail: mail.NewService(db), SPA: spa, OpenAPI: api.OpenAPI,
		Goals: goals.NewService(db), Reflections: reflections.NewService(db), Portraits: portraits.NewService(db),
		Privacy: privacy.NewService(db), Evaluation: eval})
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	return &App{URL: srv.URL, DB: db, Config: cfg, Keys: keys, Echo: e, Limits: limits, Identity: ident, Evaluation: eval}
}

// Exec runs SQL for test setup and fails the test on error.
func (a *App) Exec(t testing.TB, sql string, args ...any) {
	t.Helper()
	if err := a.DB.Exec(sql, args...).Error; err != nil {
		t.Fatalf("testapp: %s: %v", strings.Fields(sql)[0], err)
	}
}

func (a *App) insert(t testing.TB, sql string, args ...any) uuid.UUID {
	t.Helper()
	var id uuid.UUID
	if err := a.DB.Raw(sql, args...).Row().Scan(&id); err != nil {
		t.Fatalf("testapp: insert: %v", err)
	}
	return id
}

// testUserHash is Password hashed with argon2id at a tiny cost (64 KiB, one pass). A login checks a password with
// the parameters its stored hash carries, so a test login costs microseconds instead of the ~30 ms of CPU that
// the production parameters take (identity's own tests cover those); with hundreds of logins that is the
// difference between a quick test suite and a slow one.
var testUserHash = sync.OnceValues(func() (string, error) {
	return argon2id.CreateHash(Password, &argon2id.Params{Memory: 64, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32})
})

// User creates a person who can log in with Password.
func (a *App) User(t testing.TB, email, name string, admin bool) uuid.UUID {
	t.Helper()
	hash, err := testUserHash()
	if err != nil {
		t.Fatal(err)
	}
	return a.insert(t, `INSERT INTO users (email, name, password_hash, is_admin) VALUES (?, ?, ?, ?) RETURNING id`,
		email, name, hash, admin)
}

// Programme creates a programme (with its owner organisation) and returns its id.
func (a *App) Programme(t testing.TB, name string) uuid.UUID {
	t.Helper()
	org := a.insert(t, `INSERT INTO organisations (name, kind) VALUES (?, 'association') RETURNING id`, "VGS "+uuid.NewString()[:8])
	slug := "p-" + strings.ToLower(uuid.NewString()[:8])
	return a.insert(t, `INSERT INTO programmes (slug, name, owner_organisation_id) VALUES (?, ?, ?) RETURNING id`, slug, name, org)
}

// Cohort creates a running cohort of the programme with the given module titles.
func (a *App) Cohort(t testing.TB, programmeID uuid.UUID, name string, modules ...string) uuid.UUID {
	t.Helper()
	id := a.insert(t, `INSERT INTO cohorts (programme_id, name, starts_on, ends_on, capacity, status)
		VALUES (?, ?, '2026-09-01', '2027-06-30', 20, 'running') RETURNING id`, programmeID, name)
	for i, title := range modules {
		a.Exec(t, `INSERT INTO modules (cohort_id, position, key, title) VALUES (?, ?, ?, ?)`,
			id, i+1, "m"+string(rune('a'+i)), title)
	}
	return id
}

// Session schedules a session in the cohort's module at position.
func (a *App) Session(t testing.TB, cohortID uuid.UUID, modulePosition int, title string, start time.Time, d time.Duration) uuid.UUID {
	t.Helper()
	return a.insert(t, `INSERT INTO sessions (module_id, cohort_id, title, starts_at, ends_at, venue)
		SELECT id, cohort_id, ?, ?, ?, 'Den Haag' FROM modules WHERE cohort_id = ? AND position = ? RETURNING id`,
		title, start, start.Add(d), cohortID, modulePosition)
}

// Enrol makes the user a participant of the cohort.
func (a *App) Enrol(t testing.TB, cohortID, userID uuid.UUID, status string) {
	t.Helper()
	withdrawn := "NULL"
	if status == "withdrawn" {
		withdrawn = "now()"
	}
	a.Exec(t, `INSERT INTO enrolments (cohort_id, user_id, status, gemeente, withdrawn_at) VALUES (?, ?, ?, 'Kampen', `+withdrawn+`)`,
		cohortID, userID, status)
}

// Grant gives the user a role in a cohort (cohortID set) or in a whole programme.
func (a *App) Grant(t testing.TB, userID uuid.UUID, role string, programmeID, cohortID *uuid.UUID) {
	t.Helper()
	a.Exec(t, `INSERT INTO role_grants (user_id, role, programme_id, cohort_id) VALUES (?, ?, ?, ?)`,
		userID, role, programmeID, cohortID)
}

// Request is one API call.
type Request struct {
	Method  string
	Path    string // e.g. /api/v1/me
	Token   string // bearer token; empty for anonymous
	Body    any    // encoded as JSON unless it is a string or []byte
	Headers map[string]string
	Cookies []*http.Cookie
}

// Response is what came back, with the body read.
type Response struct {
	*http.Response
	Body []byte
}

// JSON decodes the body into v and fails the test when it cannot.
func (r *Response) JSON(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("decode %s: %v\n%s", r.Request.URL.Path, err, r.Body)
	}
}

// Problem decodes a problem+json body and checks its content type.
func (r *Response) Problem(t testing.TB) Problem {
	t.Helper()
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		t.Fatalf("%s %s: content type %q, want application/problem+json; body %s", r.Request.Method, r.Request.URL.Path, ct, r.Body)
	}
	var p Problem
	r.JSON(t, &p)
	return p
}

// Problem is an RFC 9457 body.
type Problem struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail"`
	Code   string `json:"code"`
	Errors []struct {
		Field   string `json:"field"`
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"errors"`
}

// Queries returns how many database statements the server ran for the request, from its Server-Timing header
// (tests run with LEERGANG_SERVER_TIMING on).
func (r *Response) Queries(t testing.TB) int {
	t.Helper()
	n, ok := database.QueriesInServerTiming(r.Header.Get("Server-Timing"))
	if !ok {
		t.Fatalf("%s %s: no query count in Server-Timing %q", r.Request.Method, r.Request.URL.Path, r.Header.Get("Server-Timing"))
	}
	return n
}

// Cookie returns the named cookie set by the response, or nil.
func (r *Response) Cookie(name string) *http.Cookie {
	for _, c := range r.Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// Do sends the request and checks the response against the OpenAPI spec: a response the spec does not describe
// fails the test.
func (a *App) Do(t testing.TB, r Request) *Response {
	t.Helper()
	var body io.Reader
	contentType := ""
	switch b := r.Body.(type) {
	case nil:
	case string:
		body, contentType = strings.NewReader(b), "application/json"
	case []byte:
		body, contentType = bytes.NewReader(b), "application/json"
	default:
		buf, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		body, contentType = bytes.NewReader(buf), "application/json"
	}
	req, err := http.NewRequest(r.Method, a.URL+r.Path, body)
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if r.Token != "" {
		req.Header.Set("Authorization", "Bearer "+r.Token)
	}
	for k, v := range r.Headers {
		req.Header.Set(k, v)
	}
	for _, c := range r.Cookies {
		req.AddCookie(c)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", r.Method, r.Path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	out := &Response{Response: resp, Body: b}
	if strings.HasPrefix(r.Path, "/api/v1/") {
		CheckAgainstSpec(t, req, out)
	}
	return out
}

var (
	specOnce sync.Once
	specVal  validator.Validator
	specErr  error
)

// Spec returns the validator for api/openapi.yaml.
func Spec(t testing.TB) validator.Validator {
	t.Helper()
	specOnce.Do(func() {
		doc, err := libopenapi.NewDocument(api.OpenAPI)
		if err != nil {
			specErr = err
			return
		}
		v, errs := validator.NewValidator(doc)
		if len(errs) > 0 {
			specErr = errs[0]
			return
		}
		specVal = v
	})
	if specErr != nil {
		t.Fatalf("api/openapi.yaml: %v", specErr)
	}
	return specVal
}

// CheckAgainstSpec fails the test when the response (status, headers, body) is not what the spec describes.
func CheckAgainstSpec(t testing.TB, req *http.Request, resp *Response) {
	t.Helper()
	copyResp := *resp.Response
	copyResp.Body = io.NopCloser(bytes.NewReader(resp.Body))
	// The validator matches paths relative to the spec's server URL (/api/v1).
	vreq := req.Clone(context.Background())
	vreq.Body = http.NoBody
	ok, errs := Spec(t).ValidateHttpResponse(vreq, &copyResp)
	if !ok {
		var msgs []string
		for _, e := range errs {
			msg := e.Message + ": " + e.Reason
			for _, s := range e.SchemaValidationErrors {
				msg += "; " + s.Reason + " at " + s.FieldPath
			}
			msgs = append(msgs, msg)
		}
		t.Errorf("%s %s → %d does not match api/openapi.yaml:\n  %s\nbody: %s", req.Method, req.URL.Path,
			resp.StatusCode, strings.Join(msgs, "\n  "), resp.Body)
	}
}

// Login logs in with Password and returns the access token and the refresh cookie.
func (a *App) Login(t testing.TB, email string) (string, *http.Cookie) {
	t.Helper()
	resp := a.Do(t, Request{Method: http.MethodPost, Path: "/api/v1/auth/login",
		Body: map[string]string{"email": email, "password": Password}})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("login %s: %d %s", email, resp.StatusCode, resp.Body)
	}
	var tok struct {
		AccessToken string `json:"accessToken"`
	}
	resp.JSON(t, &tok)
	return tok.AccessToken, resp.Cookie("leergang_refresh")
}
