package httpapi

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/vgs/leergang/internal/database"
)

func TestServerTimingHeader(t *testing.T) {
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
			if _, ok := database.QueriesInServerTiming(got); tc.want != "" && !ok {
				t.Errorf("the load generator cannot read %q", got)
			}
		})
	}
}
