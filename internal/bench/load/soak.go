package load

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"slices"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// SoakSample is the product's state at the end of one interval of a soak run, and the load of that interval.
type SoakSample struct {
	// At is the end of the interval, from the start of the load.
	At time.Duration
	// RSS is the process's resident memory (VmRSS).
	RSS int64
	// Goroutines, HeapInuse and HeapLive come from the product's /metrics: go_goroutines,
	// go_memstats_heap_inuse_bytes and go_gc_heap_live_bytes (the heap the last collection found live).
	Goroutines int
	HeapInuse  int64
	HeapLive   int64
	// Requests, Errors and P99 are those of the interval (P99 over all its requests).
	Requests int
	Errors   int
	P99      time.Duration
}

// MarshalJSON writes seconds, bytes and milliseconds, which read at a glance.
func (s SoakSample) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		At         float64 `json:"atSeconds"`
		RSS        int64   `json:"rssBytes"`
		Goroutines int     `json:"goroutines"`
		HeapInuse  int64   `json:"heapInuseBytes"`
		HeapLive   int64   `json:"heapLiveBytes"`
		Requests   int     `json:"requests"`
		Errors     int     `json:"errors"`
		P99        float64 `json:"p99Ms"`
	}{s.At.Seconds(), s.RSS, s.Goroutines, s.HeapInuse, s.HeapLive, s.Requests, s.Errors, millis(s.P99)})
}

// SoakRule says when a soak run passes. Growth of a figure is measured twice, and both must stay within its
// allowance: the median of the late window (the last Window of the run) against the median of the early one
// (the Window after Warmup), which catches a step; and the least-squares slope over everything after Warmup,
// times that span, which catches a steady climb that the medians would halve. Medians, not means: one sample
// taken in a burst moves a mean, not a median. Shrinking is never a failure.
type SoakRule struct {
	// Warmup is left out of the comparison: pools fill, caches warm, the heap finds its size.
	Warmup time.Duration `json:"warmupNs"`
	Window time.Duration `json:"windowNs"`
	// Goroutines may grow by this many (requests in flight and idle connections come and go).
	Goroutines float64 `json:"goroutines"`
	// Memory is the growth allowed of the live heap and of RSS, as a share of the early median, but at least
	// MemoryFloor bytes: what is live at a collection includes the requests in flight (an export builds its
	// file in memory) and the report cache (per programme, ≤ 30 s), a few MB that come and go; on a small heap
	// a tenth is less than that.
	Memory      float64 `json:"memory"`
	MemoryFloor float64 `json:"memoryFloorBytes"`
	// Errors is the largest share of failed requests: a soak of failing requests proves nothing about leaks.
	Errors float64 `json:"errors"`
}

// DefaultSoakRule is the rule of issue 8's 10-minute soak.
var DefaultSoakRule = SoakRule{Warmup: time.Minute, Window: 2 * time.Minute, Goroutines: 10, Memory: 0.10,
	MemoryFloor: 4e6, Errors: 0.01}

// For fits the rule to a run of duration d: a run shorter than Warmup + 2 Windows (a quick check of the
// tooling) gets both shrunk in proportion, so the windows still do not overlap.
func (r SoakRule) For(d time.Duration) SoakRule {
	if full := r.Warmup + 2*r.Window; d < full && full > 0 {
		f := float64(d) / float64(full)
		r.Warmup = time.Duration(float64(r.Warmup) * f)
		r.Window = time.Duration(float64(r.Window) * f)
	}
	return r
}

// SoakCheck is how one figure moved over the run.
type SoakCheck struct {
	Name string `json:"name"`
	// Bytes says the figure is an amount of memory (else a count).
	Bytes bool `json:"bytes"`
	// Early and Late are the medians of the two windows.
	Early float64 `json:"early"`
	Late  float64 `json:"late"`
	// Slope is the least-squares growth per minute after the warm-up; SlopeGrowth is that over the span.
	Slope       float64 `json:"slopePerMinute"`
	SlopeGrowth float64 `json:"slopeGrowth"`
	// Allowed is the growth allowed (in the figure's unit); a figure that is only reported has none.
	Allowed float64 `json:"allowed"`
	Judged  bool    `json:"judged"`
	Pass    bool    `json:"pass"`
}

// Growth is how much the late median exceeds the early one.
func (c SoakCheck) Growth() float64 { return c.Late - c.Early }

// SoakVerdict is the outcome of JudgeSoak.
type SoakVerdict struct {
	Pass   bool        `json:"pass"`
	Rule   SoakRule    `json:"rule"`
	Checks []SoakCheck `json:"checks"`
	// Requests and Errors are the run's totals, from all samples.
	Requests int `json:"requests"`
	Errors   int `json:"errors"`
	// Problems say in words why the run failed (empty when it passed).
	Problems []string `json:"problems"`
}

// JudgeSoak applies rule to the samples of a run (in order of At; the run ends at the last one's At).
func JudgeSoak(samples []SoakSample, rule SoakRule) SoakVerdict {
	v := SoakVerdict{Rule: rule}
	for _, s := range samples {
		v.Requests += s.Requests
		v.Errors += s.Errors
		if s.Requests == 0 {
			v.Problems = append(v.Problems, fmt.Sprintf("no requests in the interval ending at %s: the load stopped",
				s.At.Round(time.Second)))
		}
	}
	if len(samples) == 0 {
		v.Problems = append(v.Problems, "no samples")
		return v
	}
	end := samples[len(samples)-1].At
	var early, late, measured []SoakSample
	for _, s := range samples {
		if s.At > rule.Warmup {
			measured = append(measured, s)
			if s.At <= rule.Warmup+rule.Window {
				early = append(early, s)
			}
		}
		if s.At > end-rule.Window {
			late = append(late, s)
		}
	}
	if len(early) == 0 || len(late) == 0 || end < rule.Warmup+2*rule.Window {
		v.Problems = append(v.Problems, fmt.Sprintf("the run (%s, %d samples) is too short for a warm-up of %s and "+
			"two windows of %s with samples in each", end.Round(time.Second), len(samples), rule.Warmup, rule.Window))
		return v
	}

	type figure struct {
		name    string
		bytes   bool
		judged  bool
		allowed func(early float64) float64
		value   func(SoakSample) float64
	}
	share := func(early float64) float64 { return max(rule.Memory*early, rule.MemoryFloor) }
	for _, f := range []figure{
		{"goroutines", false, true, func(float64) float64 { return rule.Goroutines },
			func(s SoakSample) float64 { return float64(s.Goroutines) }},
		{"live heap (after the last GC)", true, true, share, func(s SoakSample) float64 { return float64(s.HeapLive) }},
		{"RSS", true, true, share, func(s SoakSample) float64 { return float64(s.RSS) }},
		// Heap in use saw-tooths between collections (up to twice the live heap) and would make a 10% rule a
		// coin toss; a leak shows in the live heap and, in time, in RSS.
		{"heap in use (reported, not judged)", true, false, nil,
			func(s SoakSample) float64 { return float64(s.HeapInuse) }},
	} {
		c := SoakCheck{Name: f.name, Bytes: f.bytes, Judged: f.judged, Pass: true,
			Early: median(values(early, f.value)), Late: median(values(late, f.value))}
		c.Slope = slopePerMinute(measured, f.value)
		c.SlopeGrowth = c.Slope * (end - measured[0].At).Minutes()
		if f.judged {
			c.Allowed = f.allowed(c.Early)
			c.Pass = c.Growth() <= c.Allowed && c.SlopeGrowth <= c.Allowed
			if !c.Pass {
				v.Problems = append(v.Problems, fmt.Sprintf("%s grew: median %s → %s, slope %s over the run; "+
					"allowed %s", c.Name, c.format(c.Early), c.format(c.Late), c.formatSigned(c.SlopeGrowth),
					c.formatSigned(c.Allowed)))
			}
		}
		v.Checks = append(v.Checks, c)
	}
	if v.Requests == 0 || float64(v.Errors) > rule.Errors*float64(v.Requests) {
		v.Problems = append(v.Problems, fmt.Sprintf("%d errors in %d requests; allowed %.0f%%", v.Errors, v.Requests,
			rule.Errors*100))
	}
	v.Pass = len(v.Problems) == 0
	return v
}

func (c SoakCheck) format(x float64) string {
	if c.Bytes {
		return megabytes(int64(x))
	}
	return fmt.Sprintf("%.0f", x)
}

func (c SoakCheck) formatSigned(x float64) string {
	if c.Bytes {
		return fmt.Sprintf("%+.1f MB", x/1e6)
	}
	return fmt.Sprintf("%+.1f", x)
}

func values(samples []SoakSample, f func(SoakSample) float64) []float64 {
	out := make([]float64, len(samples))
	for i, s := range samples {
		out[i] = f(s)
	}
	return out
}

// median of xs; zero for none.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// slopePerMinute is the least-squares slope of the figure over the samples' times, per minute; zero for fewer
// than two distinct times.
func slopePerMinute(samples []SoakSample, f func(SoakSample) float64) float64 {
	n := float64(len(samples))
	if n < 2 {
		return 0
	}
	var mx, my float64
	for _, s := range samples {
		mx += s.At.Minutes()
		my += f(s)
	}
	mx, my = mx/n, my/n
	var sxy, sxx float64
	for _, s := range samples {
		dx := s.At.Minutes() - mx
		sxy += dx * (f(s) - my)
		sxx += dx * dx
	}
	if sxx == 0 {
		return 0
	}
	return sxy / sxx
}

// SoakOptions say what a soak run does.
type SoakOptions struct {
	Clients  int
	Think    time.Duration
	Duration time.Duration
	// Every is the sampling interval: the load runs in intervals of this length, and after each the product's
	// memory and metrics are read.
	Every time.Duration
	// Pid is the product's process (its RSS); MetricsURL its /metrics.
	Pid        int
	MetricsURL string
	// Progress, when not nil, is told each sample as it is taken.
	Progress func(SoakSample)
}

// SoakRun is what a soak run measured.
type SoakRun struct {
	Samples []SoakSample
	// P50 and P99 are over every request of the run.
	P50, P99 time.Duration
	Errors   []ErrorSample
}

// Soak runs the first o.Clients clients' mix for o.Duration, in intervals of o.Every, and samples the product
// after each interval. The samples are taken between intervals, when the clients have finished their requests
// and closed their kept-alive connections: every sample sees the server in the same phase, with no request in
// flight and no client connection. Otherwise its goroutines (one per connection) would count how many
// connections the load happened to open when the machine was busy, not what the server keeps.
func (p *Pool) Soak(ctx context.Context, o SoakOptions) (SoakRun, error) {
	if o.Every <= 0 || o.Duration <= 0 {
		return SoakRun{}, errors.New("load: a soak needs a positive duration and interval")
	}
	if o.Clients < 1 || o.Clients > len(p.clients) {
		return SoakRun{}, fmt.Errorf("load: %d clients asked, the pool has %d", o.Clients, len(p.clients))
	}
	// Its own transport: one kept-alive connection to the metrics port, the same at every sample.
	httpc := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 1}}
	var (
		run SoakRun
		all []time.Duration
	)
	// A fixed number of intervals (the last one the remainder): the time the samples take must not leave a
	// sliver of an interval at the end, whose few requests would look like a stalled server.
	start := time.Now()
	for planned := time.Duration(0); planned < o.Duration; planned += o.Every {
		res, err := p.Run(ctx, RunOptions{Clients: o.Clients, Duration: min(o.Every, o.Duration-planned), Think: o.Think})
		if err != nil {
			return run, err
		}
		var lat []time.Duration
		for _, c := range p.clients[:o.Clients] {
			for _, s := range c.rec.series {
				lat = append(lat, s.latencies...)
			}
		}
		slices.Sort(lat)
		all = append(all, lat...)
		for _, e := range res.Samples {
			if len(run.Errors) < maxErrorSamples {
				run.Errors = append(run.Errors, e)
			}
		}
		s := SoakSample{At: time.Since(start), Requests: res.Total, Errors: res.Errors, P99: percentile(lat, 0.99)}
		if s.RSS, _, err = readMemory(o.Pid); err != nil {
			return run, err
		}
		p.closeIdle(o.Clients)
		rt, err := settledRuntime(ctx, httpc, o.MetricsURL)
		if err != nil {
			return run, err
		}
		s.Goroutines, s.HeapInuse, s.HeapLive = rt.Goroutines, rt.HeapInuse, rt.HeapLive
		run.Samples = append(run.Samples, s)
		if o.Progress != nil {
			o.Progress(s)
		}
	}
	slices.Sort(all)
	run.P50, run.P99 = percentile(all, 0.50), percentile(all, 0.99)
	return run, nil
}

// closeIdle closes the kept-alive connections of the first n clients (they share a transport).
func (p *Pool) closeIdle(n int) {
	seen := map[*http.Transport]bool{}
	for _, c := range p.clients[:n] {
		if t, ok := c.http.Transport.(*http.Transport); ok && !seen[t] {
			seen[t] = true
			t.CloseIdleConnections()
		}
	}
}

// settledRuntime scrapes until the goroutine count reads the same twice in a row, 100 ms apart (at most 3 s):
// the server's connection goroutines end a moment after the clients close their side.
func settledRuntime(ctx context.Context, c *http.Client, url string) (Runtime, error) {
	prev := -1
	for range 30 {
		rt, err := ScrapeRuntime(ctx, c, url)
		if err != nil || rt.Goroutines == prev {
			return rt, err
		}
		prev = rt.Goroutines
		select {
		case <-ctx.Done():
			return Runtime{}, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
	return ScrapeRuntime(ctx, c, url)
}

// Runtime is what the soak reads from the product's /metrics.
type Runtime struct {
	Goroutines int
	HeapInuse  int64
	HeapLive   int64
}

// ScrapeRuntime reads go_goroutines, go_memstats_heap_inuse_bytes and go_gc_heap_live_bytes from a /metrics URL.
func ScrapeRuntime(ctx context.Context, c *http.Client, url string) (Runtime, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return Runtime{}, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return Runtime{}, fmt.Errorf("load: scrape %s: %w", url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, maxSampleBody))
		return Runtime{}, fmt.Errorf("load: scrape %s: %s %q", url, resp.Status, b)
	}
	return parseRuntime(resp.Body)
}

// parseRuntime reads the three gauges from metrics in Prometheus's text format.
func parseRuntime(r io.Reader) (Runtime, error) {
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(r)
	if err != nil {
		return Runtime{}, fmt.Errorf("load: parse metrics: %w", err)
	}
	gauge := func(name string) (float64, error) {
		f := families[name]
		if f == nil || len(f.GetMetric()) != 1 || f.GetType() != dto.MetricType_GAUGE {
			return 0, fmt.Errorf("load: the metrics have no gauge %s", name)
		}
		return f.GetMetric()[0].GetGauge().GetValue(), nil
	}
	var rt Runtime
	g, err1 := gauge("go_goroutines")
	inuse, err2 := gauge("go_memstats_heap_inuse_bytes")
	live, err3 := gauge("go_gc_heap_live_bytes")
	if err := errors.Join(err1, err2, err3); err != nil {
		return Runtime{}, err
	}
	rt.Goroutines, rt.HeapInuse, rt.HeapLive = int(math.Round(g)), int64(inuse), int64(live)
	return rt, nil
}
