package httpapi_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/uuid"

	"github.com/vgs/leergang/api"
	"github.com/vgs/leergang/internal/goals"
	"github.com/vgs/leergang/internal/httpapi"
	"github.com/vgs/leergang/internal/mail"
	"github.com/vgs/leergang/internal/planning"
	"github.com/vgs/leergang/internal/portraits"
	"github.com/vgs/leergang/internal/privacy"
	"github.com/vgs/leergang/internal/reflections"
	"github.com/vgs/leergang/internal/testapp"
)

func TestMetricsAreServedOnTheirOwnListenerOnly(t *testing.T) {
	t.Parallel()
	a := testapp.New(t) // its database and services; the server under test is built here with metrics on
	m, err := httpapi.NewMetrics(a.DB)
	if err != nil {
		t.Fatal(err)
	}
	e := httpapi.New(httpapi.Deps{Config: a.Config, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), DB: a.DB,
		Identity: a.Identity, Limits: a.Limits, Planning: planning.NewService(a.DB), Mail: mail.NewService(a.DB),
		SPA: fstest.MapFS{"index.html": {Data: []byte(`<!doctype html><title>Leergang</title>`)}}, OpenAPI: api.OpenAPI,
		Goals: goals.NewService(a.DB), Reflections: reflections.NewService(a.DB), Portraits: portraits.NewService(a.DB),
		Privacy: privacy.NewService(a.DB), Evaluation: a.Evaluation, Metrics: m})
	public := httptest.NewServer(e)
	t.Cleanup(public.Close)
	ms, err := m.Serve("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := ms.Close(); err != nil {
			t.Error(err)
		}
	})

	// One API call with an id in its URL: a cohort, without a token (401).
	cohort := uuid.NewString()
	if status, _ := getText(t, public.URL+"/api/v1/cohorts/"+cohort); status != http.StatusUnauthorized {
		t.Fatalf("GET cohort without a token: %d, want 401", status)
	}
	status, body := getText(t, "http://"+ms.Addr()+"/metrics")
	if status != http.StatusOK {
		t.Fatalf("GET /metrics on the metrics listener: %d\n%s", status, body)
	}
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`(?m)^go_goroutines \d+`),
		regexp.MustCompile(`(?m)^process_resident_memory_bytes \d`),
		regexp.MustCompile(`(?m)^go_memstats_heap_inuse_bytes \d`),
		regexp.MustCompile(`(?m)^go_gc_heap_live_bytes \d`),
		regexp.MustCompile(`(?m)^go_sql_max_open_connections\{db_name="leergang"\} \d+`),
		regexp.MustCompile(`(?m)^leergang_http_request_duration_seconds_count\{method="GET",route="/api/v1/cohorts/:cohortID",status="4xx"\} 1$`),
		regexp.MustCompile(`(?m)^leergang_http_request_duration_seconds_bucket\{method="GET",route="/api/v1/cohorts/:cohortID",status="4xx",le="\+Inf"\} 1$`),
	} {
		if !want.MatchString(body) {
			t.Errorf("/metrics has no line matching %s", want)
		}
	}
	// The label is the route's template: no id (nor any other part of a URL) reaches the metrics.
	if strings.Contains(body, cohort) {
		t.Error("/metrics contains the cohort's id")
	}

	// The public port does not serve them: a problem+json 404, not the SPA's index.html.
	status, body = getText(t, public.URL+"/metrics")
	if status != http.StatusNotFound || strings.Contains(body, "go_goroutines") {
		t.Fatalf("GET /metrics on the public port: %d\n%s", status, body)
	}
}

func getText(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}
