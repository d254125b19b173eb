package load

import (
	"math"
	"slices"
	"sort"
	"time"

	"github.com/vgs/leergang/internal/database"
)

// RequestStats are the figures of one request name over one run.
type RequestStats struct {
	Name      string        `json:"name"`
	Count     int           `json:"count"`
	Errors    int           `json:"errors"`
	PerSecond float64       `json:"perSecond"`
	P50       time.Duration `json:"p50"`
	P95       time.Duration `json:"p95"`
	P99       time.Duration `json:"p99"`
	Max       time.Duration `json:"max"`
	// QueriesMean and QueriesMax come from the Server-Timing header; QueriesSeen says how many answers had one
	// (zero when the server does not send it).
	QueriesMean float64 `json:"queriesMean"`
	QueriesMax  int     `json:"queriesMax"`
	QueriesSeen int     `json:"queriesSeen"`
}

// ErrorSample is one failed request, kept for the report.
type ErrorSample struct {
	Name   string `json:"name"`
	Status int    `json:"status"` // 0: the transport failed
	Body   string `json:"body"`   // the start of the answer, or the transport error
}

// maxErrorSamples is how many failed requests a run keeps for the report.
const maxErrorSamples = 10

// series collects the raw measurements of one request name. Each client has its own, so recording takes no lock.
type series struct {
	latencies  []time.Duration
	errors     int
	queriesSum int
	queriesMax int
	queriesN   int
}

// recorder is one client's measurements.
type recorder struct {
	series  map[string]*series
	samples []ErrorSample
}

func newRecorder() *recorder { return &recorder{series: map[string]*series{}} }

func (r *recorder) get(name string) *series {
	s := r.series[name]
	if s == nil {
		s = &series{}
		r.series[name] = s
	}
	return s
}

// record adds one request; queries < 0 means the answer carried no count.
func (r *recorder) record(name string, took time.Duration, queries int) {
	s := r.get(name)
	s.latencies = append(s.latencies, took)
	if queries >= 0 {
		s.queriesSum += queries
		s.queriesN++
		s.queriesMax = max(s.queriesMax, queries)
	}
}

// fail counts the request as an error and keeps a sample while there are few.
func (r *recorder) fail(sample ErrorSample) {
	r.get(sample.Name).errors++
	if len(r.samples) < maxErrorSamples {
		r.samples = append(r.samples, sample)
	}
}

// reset forgets everything: measurements made before a run starts (setup, warm-up) do not count.
func (r *recorder) reset() {
	r.series = map[string]*series{}
	r.samples = nil
}

// summarize merges the clients' measurements into one line per request name, sorted by name.
func summarize(recs []*recorder, elapsed time.Duration) ([]RequestStats, []ErrorSample) {
	merged := map[string]*series{}
	var samples []ErrorSample
	for _, r := range recs {
		for name, s := range r.series {
			m := merged[name]
			if m == nil {
				m = &series{}
				merged[name] = m
			}
			m.latencies = append(m.latencies, s.latencies...)
			m.errors += s.errors
			m.queriesSum += s.queriesSum
			m.queriesN += s.queriesN
			m.queriesMax = max(m.queriesMax, s.queriesMax)
		}
		for _, e := range r.samples {
			if len(samples) < maxErrorSamples {
				samples = append(samples, e)
			}
		}
	}
	out := make([]RequestStats, 0, len(merged))
	for name, s := range merged {
		slices.Sort(s.latencies)
		st := RequestStats{Name: name, Count: len(s.latencies), Errors: s.errors,
			P50: percentile(s.latencies, 0.50), P95: percentile(s.latencies, 0.95),
			P99: percentile(s.latencies, 0.99), QueriesMax: s.queriesMax, QueriesSeen: s.queriesN}
		if n := len(s.latencies); n > 0 {
			st.Max = s.latencies[n-1]
		}
		if elapsed > 0 {
			st.PerSecond = float64(st.Count) / elapsed.Seconds()
		}
		if s.queriesN > 0 {
			st.QueriesMean = float64(s.queriesSum) / float64(s.queriesN)
		}
		out = append(out, st)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, samples
}

// percentile is the nearest-rank percentile (0 < p ≤ 1) of sorted latencies: the smallest value that at least
// p of all values do not exceed. Zero for no values.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(math.Ceil(p * float64(len(sorted))))
	return sorted[min(max(rank, 1), len(sorted))-1]
}

// queriesFrom reads the statement count from a Server-Timing header value; -1 when there is none.
func queriesFrom(serverTiming string) int {
	if n, ok := database.QueriesInServerTiming(serverTiming); ok {
		return n
	}
	return -1
}
