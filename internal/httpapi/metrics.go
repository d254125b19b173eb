package httpapi

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"gorm.io/gorm"
)

// Metrics are the operators' Prometheus metrics: the Go runtime (goroutines, heap, GC), the process (RSS, CPU,
// open files), the database pool and the duration of every HTTP request. They are served on their own listener
// (LEERGANG_METRICS_ADDR), never on the public port: they describe the load, the pool and the code paths of the
// whole platform, which is nobody's business outside the cluster.
type Metrics struct {
	registry *prometheus.Registry
	requests *prometheus.HistogramVec
}

// requestBuckets reach from 1 ms to 10 s, with the detail around the 50 ms p99 target (issue 7).
var requestBuckets = []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}

// NewMetrics builds the registry with the runtime, process and pool collectors of db's connection pool.
func NewMetrics(db *gorm.DB) (*Metrics, error) {
	sqlDB, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("metrics: the database pool: %w", err)
	}
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		// Labels are the route's template (c.Path(), e.g. /api/v1/goals/:goalID), never the URL: an id or an
		// address in a label would put personal data in the metrics and give every row its own series.
		requests: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "leergang_http_request_duration_seconds",
			Help:    "Time from the request reaching the router to the answer, by method, route template and status class.",
			Buckets: requestBuckets,
		}, []string{"method", "route", "status"}),
	}
	m.registry.MustRegister(
		// Besides the defaults, the heap the last collection found live: unlike heap in use, which saw-tooths
		// between collections, it shows a leak at once (the soak run judges it).
		collectors.NewGoCollector(collectors.WithGoCollectorRuntimeMetrics(
			collectors.GoRuntimeMetricsRule{Matcher: regexp.MustCompile(`^/gc/heap/live:bytes$`)})),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		collectors.NewDBStatsCollector(sqlDB, "leergang"),
		m.requests,
	)
	return m, nil
}

// middleware times every request. It runs outside the request logger, which has handed any error to the
// error handler already, so the status it reads is the one the client got.
func (m *Metrics) middleware(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		status := c.Response().Status
		if err != nil && !c.Response().Committed {
			// Not answered yet (only when a middleware before the logger fails): the error handler will.
			status = http.StatusInternalServerError
			if he := (*echo.HTTPError)(nil); errors.As(err, &he) {
				status = he.Code
			}
		}
		route := c.Path()
		if route == "" {
			route = "unmatched"
		}
		m.requests.WithLabelValues(methodLabel(c.Request().Method), route, statusClass(status)).
			Observe(time.Since(start).Seconds())
		return err
	}
}

// methodLabel keeps the label's values few: a client may send any method name.
func methodLabel(method string) string {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete,
		http.MethodOptions:
		return method
	}
	return "OTHER"
}

// statusClass is 2xx, 3xx, 4xx or 5xx: the exact codes are in the log, and classes keep the series few.
func statusClass(status int) string {
	if status < 100 || status > 599 {
		return "other"
	}
	return strconv.Itoa(status/100) + "xx"
}

// Handler serves the metrics in Prometheus's text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError})
}

// MetricsServer is the metrics' own HTTP listener.
type MetricsServer struct {
	srv  *http.Server
	ln   net.Listener
	done chan error
}

// Serve listens on addr (e.g. 127.0.0.1:9090, or :9090 in a pod) and serves GET /metrics there until Close.
func (m *Metrics) Serve(addr string) (*MetricsServer, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("metrics: listen on %s: %w", addr, err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.Handler())
	s := &MetricsServer{
		srv: &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second,
			WriteTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute},
		ln:   ln,
		done: make(chan error, 1),
	}
	go func() { s.done <- s.srv.Serve(ln) }()
	return s, nil
}

// Addr is where the metrics listen (with the port chosen when addr asked for port 0).
func (s *MetricsServer) Addr() string { return s.ln.Addr().String() }

// Close stops the listener, giving a scrape in progress a few seconds to finish.
func (s *MetricsServer) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := s.srv.Shutdown(ctx)
	if serveErr := <-s.done; !errors.Is(serveErr, http.ErrServerClosed) {
		err = errors.Join(err, serveErr)
	}
	return err
}
