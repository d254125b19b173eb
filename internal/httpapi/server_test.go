package httpapi_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/vgs/leergang/internal/testapp"
)

func get(t *testing.T, a *testapp.App, path string, headers map[string]string) *testapp.Response {
	t.Helper()
	return a.Do(t, testapp.Request{Method: http.MethodGet, Path: path, Headers: headers})
}

func TestHealthAndReadiness(t *testing.T) {
	t.Parallel()
	a := testapp.New(t)
	if r := get(t, a, "/healthz", nil); r.StatusCode != 200 || !strings.Contains(string(r.Body), `"ok"`) {
		t.Fatalf("/healthz: %d %s", r.StatusCode, r.Body)
	}
	if r := get(t, a, "/readyz", nil); r.StatusCode != 200 {
		t.Fatalf("/readyz: %d %s", r.StatusCode, r.Body)
	}
	// With the database gone, readiness says so (and liveness does not).
	sqlDB, _ := a.DB.DB()
	sqlDB.Close()
	r := get(t, a, "/readyz", nil)
	if r.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("/readyz without database: %d, want 503", r.StatusCode)
	}
	if p := r.Problem(t); p.Code != "unavailable" {
		t.Fatalf("problem %+v", p)
	}
	if r := get(t, a, "/healthz", nil); r.StatusCode != 200 {
		t.Fatalf("/healthz without database: %d, want 200", r.StatusCode)
	}
}

func TestSecurityHeadersOnEveryResponse(t *testing.T) {
	t.Parallel()
	a := testapp.New(t)
	for _, path := range []string{"/", "/api/v1/me", "/api/v1/openapi.yaml", "/healthz", "/nope/deeper"} {
		r := get(t, a, path, nil)
		csp := r.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") ||
			!strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("%s: CSP %q", path, csp)
		}
		for h, want := range map[string]string{
			"X-Content-Type-Options": "nosniff",
			"X-Frame-Options":        "DENY",
			"Referrer-Policy":        "strict-origin-when-cross-origin",
		} {
			if got := r.Header.Get(h); got != want {
				t.Errorf("%s: %s = %q, want %q", path, h, got, want)
			}
		}
		if r.Header.Get("X-Request-Id") == "" {
			t.Errorf("%s: no X-Request-Id", path)
		}
	}
}

func TestForwardedRequestIDIsKeptOnlyWhenHarmless(t *testing.T) {
	t.Parallel()
	a := testapp.New(t)
	if got := get(t, a, "/healthz", map[string]string{"X-Request-Id": "lb-1234.abc"}).Header.Get("X-Request-Id"); got != "lb-1234.abc" {
		t.Fatalf("a plain request id was replaced: %q", got)
	}
	evil := "x\" level=ERROR msg=forged"
	if got := get(t, a, "/healthz", map[string]string{"X-Request-Id": evil}).Header.Get("X-Request-Id"); got == evil || got == "" {
		t.Fatalf("a request id with log-injection characters was kept: %q", got)
	}
}

func TestSPAIsServedWithFallbackAndCachingRules(t *testing.T) {
	t.Parallel()
	a := testapp.New(t)
	for _, path := range []string{"/", "/inloggen", "/deelnemer/doelen"} {
		r := get(t, a, path, nil)
		if r.StatusCode != 200 || !strings.Contains(string(r.Body), "<title>Leergang</title>") {
			t.Fatalf("%s: %d %s", path, r.StatusCode, r.Body)
		}
		if cc := r.Header.Get("Cache-Control"); cc != "no-cache" {
			t.Fatalf("%s: Cache-Control %q, want no-cache (a new release must show at once)", path, cc)
		}
	}
	asset := get(t, a, "/assets/app-abc1.js", nil)
	if asset.StatusCode != 200 || !strings.Contains(asset.Header.Get("Cache-Control"), "immutable") {
		t.Fatalf("hashed asset: %d, Cache-Control %q", asset.StatusCode, asset.Header.Get("Cache-Control"))
	}
	if r := get(t, a, "/assets/gone-123.js", nil); r.StatusCode != 404 {
		t.Fatalf("missing asset: %d, want 404 (not the SPA)", r.StatusCode)
	}
	if r := get(t, a, "/api/docs/", nil); r.StatusCode != 200 || !strings.Contains(string(r.Body), "<title>API</title>") {
		t.Fatalf("/api/docs/: %d %s", r.StatusCode, r.Body)
	}
	// The docs page's own files are served as files, not as its index.html.
	if r := get(t, a, "/api/docs/init.js", nil); r.StatusCode != 200 || !strings.Contains(r.Header.Get("Content-Type"), "javascript") {
		t.Fatalf("/api/docs/init.js: %d %s", r.StatusCode, r.Header.Get("Content-Type"))
	}
}

func TestUnknownAPIPathIsProblemNotSPA(t *testing.T) {
	t.Parallel()
	a := testapp.New(t)
	req, _ := http.NewRequest(http.MethodGet, a.URL+"/api/v1/does-not-exist", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 404 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/problem+json") {
		t.Fatalf("unknown API path: %d %s %s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
}

func TestOpenAPIDocumentIsServed(t *testing.T) {
	t.Parallel()
	a := testapp.New(t)
	r := get(t, a, "/api/v1/openapi.yaml", nil)
	if r.StatusCode != 200 || !strings.HasPrefix(string(r.Body), "openapi: 3.1") {
		t.Fatalf("openapi.yaml: %d %.40s", r.StatusCode, r.Body)
	}
}

func TestCORSIsClosedByDefault(t *testing.T) {
	t.Parallel()
	a := testapp.New(t)
	req, _ := http.NewRequest(http.MethodOptions, a.URL+"/api/v1/me", nil)
	req.Header.Set("Origin", "https://evil.example")
	req.Header.Set("Access-Control-Request-Method", "GET")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := resp.Header.Get("Access-Control-Allow-Origin"); got != "" {
		t.Fatalf("CORS allows %q without configuration", got)
	}
}
