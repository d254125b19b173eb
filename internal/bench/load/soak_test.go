package load

import (
	"math"
	"strings"
	"testing"
	"time"
)

// steady is a 10-minute run sampled every 15 s at 40 MB live heap, 120 MB RSS and 30 goroutines, with a wobble
// that repeats every 4 samples (the GC's saw-tooth), changed by f where given.
func steady(f func(i int, s *SoakSample)) []SoakSample {
	wobble := []float64{0, 0.04, -0.03, 0.02}
	var out []SoakSample
	for i := range 40 {
		w := wobble[i%4]
		s := SoakSample{At: time.Duration(i+1) * 15 * time.Second, RSS: int64(120e6 * (1 + w)),
			HeapLive: int64(40e6 * (1 + w)), HeapInuse: int64(70e6 * (1 + 4*w)), Goroutines: 30 + int(w*100),
			Requests: 3700, P99: 40 * time.Millisecond}
		if f != nil {
			f(i, &s)
		}
		out = append(out, s)
	}
	return out
}

func soakCheck(t *testing.T, v SoakVerdict, name string) SoakCheck {
	t.Helper()
	for _, c := range v.Checks {
		if strings.HasPrefix(c.Name, name) {
			return c
		}
	}
	t.Fatalf("no check %q in %+v", name, v.Checks)
	return SoakCheck{}
}

func TestSteadySoakPasses(t *testing.T) {
	v := JudgeSoak(steady(nil), DefaultSoakRule)
	if !v.Pass || len(v.Problems) != 0 {
		t.Fatalf("a steady run failed: %v", v.Problems)
	}
	if v.Requests != 40*3700 || v.Errors != 0 {
		t.Fatalf("totals %d requests, %d errors", v.Requests, v.Errors)
	}
	g := soakCheck(t, v, "goroutines")
	if g.Early != 31 || g.Late != 31 || // the median of 30, 34, 27, 32 twice
		math.Abs(g.Slope) > 0.5 || g.Allowed != 10 || !g.Judged {
		t.Fatalf("goroutines %+v", g)
	}
	if rss := soakCheck(t, v, "RSS"); rss.Early != 121.2e6 || math.Abs(rss.Allowed-12.12e6) > 1 {
		t.Fatalf("RSS %+v, want an allowance of 10%% of the early median (121.2 MB)", rss)
	}
}

func TestGrowingGoroutinesFail(t *testing.T) {
	// One goroutine more every 20 s: a handler that leaks one now and then.
	v := JudgeSoak(steady(func(i int, s *SoakSample) { s.Goroutines += (i + 1) * 15 / 20 }), DefaultSoakRule)
	g := soakCheck(t, v, "goroutines")
	if v.Pass || g.Pass || g.Growth() < 15 || g.Slope < 2.5 || g.Slope > 3.5 {
		t.Fatalf("leaking goroutines passed or were misjudged: %+v %v", g, v.Problems)
	}
	if len(v.Problems) != 1 || !strings.Contains(v.Problems[0], "goroutines grew") {
		t.Fatalf("problems %v", v.Problems)
	}
}

func TestAStepInTheLiveHeapFails(t *testing.T) {
	// A cache that never forgets fills up in minute 8.
	v := JudgeSoak(steady(func(i int, s *SoakSample) {
		if s.At > 8*time.Minute {
			s.HeapLive += 8e6
		}
	}), DefaultSoakRule)
	h := soakCheck(t, v, "live heap")
	if v.Pass || h.Pass || h.Growth() < 7e6 {
		t.Fatalf("a 20%% step passed: %+v", h)
	}
}

func TestASlowClimbFailsOnTheSlopeAlone(t *testing.T) {
	// 1.3% of RSS a minute: the windows' medians, 7 minutes apart, grow 9%; over the 9 measured minutes 11.7%.
	v := JudgeSoak(steady(func(i int, s *SoakSample) {
		s.RSS = int64(120e6 * (1 + 0.013*s.At.Minutes()))
	}), DefaultSoakRule)
	r := soakCheck(t, v, "RSS")
	if r.Growth() > r.Allowed {
		t.Fatalf("the medians should stay within the allowance here: %+v", r)
	}
	if v.Pass || r.Pass || r.SlopeGrowth <= r.Allowed {
		t.Fatalf("a steady climb passed: %+v", r)
	}
}

func TestShrinkingAndHeapInUseDoNotFail(t *testing.T) {
	// RSS given back to the OS, and heap in use climbing (it is reported, not judged).
	v := JudgeSoak(steady(func(i int, s *SoakSample) {
		s.RSS -= int64(i) * 1e6
		s.HeapInuse += int64(i) * 2e6
	}), DefaultSoakRule)
	if !v.Pass {
		t.Fatalf("shrinking RSS or heap in use failed the run: %v", v.Problems)
	}
	if h := soakCheck(t, v, "heap in use"); h.Judged || h.Growth() <= 0 || h.Allowed != 0 {
		t.Fatalf("heap in use %+v", h)
	}
}

func TestErrorsAndAStalledLoadFail(t *testing.T) {
	v := JudgeSoak(steady(func(i int, s *SoakSample) { s.Errors = 50 }), DefaultSoakRule) // 1.35%
	if v.Pass || len(v.Problems) != 1 || !strings.Contains(v.Problems[0], "2000 errors in 148000 requests") {
		t.Fatalf("errors: %v", v.Problems)
	}
	if v := JudgeSoak(steady(func(i int, s *SoakSample) { s.Errors = 30 }), DefaultSoakRule); !v.Pass {
		t.Fatalf("0.8%% errors failed: %v", v.Problems)
	}
	v = JudgeSoak(steady(func(i int, s *SoakSample) {
		if i == 20 {
			s.Requests = 0
		}
	}), DefaultSoakRule)
	if v.Pass || !strings.Contains(strings.Join(v.Problems, ";"), "no requests in the interval ending at 5m15s") {
		t.Fatalf("stalled load: %v", v.Problems)
	}
}

func TestAShortRunGetsShorterWindowsOrCannotBeJudged(t *testing.T) {
	r := DefaultSoakRule.For(90 * time.Second)
	if r.Warmup != 18*time.Second || r.Window != 36*time.Second || r.Goroutines != 10 || r.Memory != 0.10 {
		t.Fatalf("rule for 90s: %+v", r)
	}
	if r := DefaultSoakRule.For(10 * time.Minute); r != DefaultSoakRule {
		t.Fatalf("rule for 10m changed: %+v", r)
	}
	short := steady(nil)[:6] // 90 s
	if v := JudgeSoak(short, r); !v.Pass {
		t.Fatalf("a steady 90 s run with its rule failed: %v", v.Problems)
	}
	v := JudgeSoak(short, DefaultSoakRule)
	if v.Pass || len(v.Problems) != 1 || !strings.Contains(v.Problems[0], "too short") {
		t.Fatalf("90 s under the 10-minute rule: %v", v.Problems)
	}
	if v := JudgeSoak(nil, DefaultSoakRule); v.Pass {
		t.Fatal("no samples passed")
	}
}

func TestMedianAndSlope(t *testing.T) {
	if m := median([]float64{5, 1, 3}); m != 3 {
		t.Fatalf("median %v", m)
	}
	if m := median([]float64{4, 1, 3, 2}); m != 2.5 {
		t.Fatalf("median %v", m)
	}
	line := []SoakSample{{At: time.Minute, Goroutines: 10}, {At: 2 * time.Minute, Goroutines: 12},
		{At: 3 * time.Minute, Goroutines: 14}}
	if s := slopePerMinute(line, func(s SoakSample) float64 { return float64(s.Goroutines) }); math.Abs(s-2) > 1e-9 {
		t.Fatalf("slope %v, want 2", s)
	}
	if s := slopePerMinute(line[:1], func(s SoakSample) float64 { return 1 }); s != 0 {
		t.Fatalf("slope of one sample %v", s)
	}
}

func TestParseRuntime(t *testing.T) {
	text := `# HELP go_goroutines Number of goroutines that currently exist.
# TYPE go_goroutines gauge
go_goroutines 37
# HELP go_memstats_heap_inuse_bytes Number of heap bytes that are in use.
# TYPE go_memstats_heap_inuse_bytes gauge
go_memstats_heap_inuse_bytes 2.4576e+07
# HELP go_gc_heap_live_bytes Heap memory occupied by live objects.
# TYPE go_gc_heap_live_bytes gauge
go_gc_heap_live_bytes 1.2345678e+07
# TYPE leergang_http_request_duration_seconds histogram
leergang_http_request_duration_seconds_bucket{method="GET",route="/healthz",status="2xx",le="+Inf"} 3
leergang_http_request_duration_seconds_sum{method="GET",route="/healthz",status="2xx"} 0.01
leergang_http_request_duration_seconds_count{method="GET",route="/healthz",status="2xx"} 3
`
	rt, err := parseRuntime(strings.NewReader(text))
	if err != nil || rt != (Runtime{Goroutines: 37, HeapInuse: 24576000, HeapLive: 12345678}) {
		t.Fatalf("%+v %v", rt, err)
	}
	if _, err := parseRuntime(strings.NewReader("go_goroutines 3\n")); err == nil ||
		!strings.Contains(err.Error(), "go_gc_heap_live_bytes") {
		t.Fatalf("missing gauges: %v", err)
	}
}

func TestASmallHeapIsAllowedTheFloor(t *testing.T) {
	// 7 MB live: a tenth is 0.7 MB, less than one export in flight at a collection; the floor (4 MB) applies.
	small := func(extra int64) []SoakSample {
		return steady(func(i int, s *SoakSample) {
			s.HeapLive = 7e6
			if i%5 == 4 { // now and then a collection finds an export's file under way
				s.HeapLive += 3e6
			}
			if s.At > 8*time.Minute {
				s.HeapLive += extra
			}
		})
	}
	v := JudgeSoak(small(0), DefaultSoakRule)
	if h := soakCheck(t, v, "live heap"); !v.Pass || h.Allowed != 4e6 {
		t.Fatalf("a small heap's noise failed: %+v %v", h, v.Problems)
	}
	if v := JudgeSoak(small(5e6), DefaultSoakRule); v.Pass {
		t.Fatal("5 MB more live heap on 7 MB passed")
	}
}
