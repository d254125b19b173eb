package httpapi

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/labstack/echo/v4"
)

// Draining: /readyz answers 503 problem+json so the load balancer stops routing here, while every other
// request is still served, with "Connection: close" so kept-alive connections move elsewhere.
func TestDrainFailsReadinessButKeepsServing(t *testing.T) {
	e := echo.New()
	e.HTTPErrorHandler = errorHandler(slog.New(slog.NewTextHandler(io.Discard, nil)))
	var d Drain
	e.Pre(d.Middleware)
	ok := func(c echo.Context) error { return c.String(http.StatusOK, "ok") }
	e.GET("/readyz", ok)
	e.GET("/api/v1/me", ok)
	get := func(path string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		return rec
	}
	for _, path := range []string{"/readyz", "/api/v1/me"} {
		if rec := get(path); rec.Code != http.StatusOK || rec.Header().Get("Connection") != "" {
			t.Fatalf("before draining %s: %d, Connection %q", path, rec.Code, rec.Header().Get("Connection"))
		}
	}
	d.Start()
	rec := get("/readyz")
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Content-Type") != "application/problem+json" ||
		rec.Header().Get("Connection") != "close" {
		t.Fatalf("draining /readyz: %d %q, Connection %q", rec.Code, rec.Header().Get("Content-Type"), rec.Header().Get("Connection"))
	}
	if rec := get("/api/v1/me"); rec.Code != http.StatusOK || rec.Header().Get("Connection") != "close" {
		t.Fatalf("draining /api/v1/me: %d, Connection %q", rec.Code, rec.Header().Get("Connection"))
	}
}
