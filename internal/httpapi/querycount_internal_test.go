package httpapi

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
)

// The load generator reads the count with exactly this expression.
var loadGeneratorQueries = regexp.MustCompile(`desc="(\d+) queries"`)

func TestServerTimingHeader(t *testing.T) {
	if got, want := serverTiming(4, 1234567*time.Nanosecond), `db;dur=1.23;desc="4 queries"`; got != want {
		t.Errorf("serverTiming = %q, want %q", got, want)
	}
	for _, tc := range []struct {
		name    string
		show    bool
		handler echo.HandlerFunc
		want    string
	}{
		{"answer", true, func(c echo.Context) error { return c.String(http.StatusOK, "ok") }, `db;dur=0.00;desc="0 queries"`},
		{"error written by the error handler", true, func(echo.Context) error { return echo.ErrNotFound }, `db;dur=0.00;desc="0 queries"`},
		{"off", false, func(c echo.Context) error { return c.String(http.StatusOK, "ok") }, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := echo.New()
			e.Use(countStatements(tc.show))
			e.GET("/", tc.handler)
			rec := httptest.NewRecorder()
			e.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
			got := rec.Header().Get("Server-Timing")
			if got != tc.want {
				t.Fatalf("Server-Timing %q, want %q", got, tc.want)
			}
			if tc.want != "" && loadGeneratorQueries.FindStringSubmatch(got) == nil {
				t.Errorf("the load generator cannot read %q", got)
			}
		})
	}
}
