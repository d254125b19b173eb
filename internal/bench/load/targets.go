package load

import (
	"fmt"
	"time"
)

// The targets of issue 7. TargetP99 holds at TargetClients concurrent users who each pause TargetThink on
// average between an answer and their next request: without a pause, 64 clients measure saturation, where
// Little's law puts the mean latency at 64 / throughput, far above 50 ms on two cores for any server.
const (
	TargetP99              = 50 * time.Millisecond
	TargetClients          = 64
	TargetThink            = 250 * time.Millisecond
	TargetBaselineShare    = 0.60
	TargetDashboard        = 150 * time.Millisecond
	TargetHomeP50          = 10 * time.Millisecond
	TargetRSSBytes         = 200_000_000
	TargetLighthouse       = 95
	TargetInitialJSGzBytes = 200 * 1024
)

// Status is whether a target was met.
type Status string

// A target is met, missed, or was not measured in this run (e.g. without -lighthouse).
const (
	Met         Status = "met"
	Missed      Status = "missed"
	NotMeasured Status = "not measured"
)

func (s Status) mark() string {
	switch s {
	case Met:
		return "✅"
	case Missed:
		return "❌"
	default:
		return "– not measured"
	}
}

// Target is one line of the checklist.
type Target struct {
	Name   string `json:"name"`
	Got    string `json:"got"`
	Status Status `json:"status"`
}

func check(name string, met bool, got string) Target {
	if met {
		return Target{Name: name, Got: got, Status: Met}
	}
	return Target{Name: name, Got: got, Status: Missed}
}

func notMeasured(name string) Target { return Target{Name: name, Got: "–", Status: NotMeasured} }

// CheckTargets compares the report's figures with issue 7's targets.
func CheckTargets(r Report) []Target {
	var out []Target

	think := TargetThink
	if r.Users != nil {
		think = r.Users.Think
	}
	p99Name := fmt.Sprintf("p99 < %s for every request, %s with %s mean think time", ms(TargetP99),
		users(TargetClients), msText(think))
	// The same target without login, whose password hash alone takes much of 50 ms on two cores (the report
	// measures it on its own): a line of its own shows whether anything else misses the target.
	butLoginName := fmt.Sprintf("p99 < %s for every request but %s, %s with %s mean think time", ms(TargetP99),
		nameLogin, users(TargetClients), msText(think))
	if u := r.Users; u != nil && u.Clients == TargetClients && len(u.Requests) > 0 {
		worst, ok := slowest(u.Requests, "")
		got := fmt.Sprintf("slowest: %s, p99 %s", worst.Name, ms(worst.P99))
		if pc := r.PasswordCheck; worst.Name == nameLogin && pc != nil && pc.Stats.Count > 0 {
			got += fmt.Sprintf(" (its password check alone, idle: p99 %s)", ms(pc.Stats.P99))
		}
		out = append(out, check(p99Name, ok && worst.P99 < TargetP99, got))
		if worst, ok := slowest(u.Requests, nameLogin); ok {
			out = append(out, check(butLoginName, worst.P99 < TargetP99, fmt.Sprintf("slowest: %s, p99 %s", worst.Name, ms(worst.P99))))
		} else {
			out = append(out, notMeasured(butLoginName))
		}
	} else {
		out = append(out, notMeasured(p99Name), notMeasured(butLoginName))
	}

	errs, total := 0, 0
	for _, res := range r.results() {
		errs += res.Errors
		total += res.Total
	}
	if total == 0 {
		out = append(out, notMeasured("zero errors"))
	} else {
		out = append(out, check("zero errors", errs == 0, fmt.Sprintf("%d errors in %d requests", errs, total)))
	}

	shareName := fmt.Sprintf("throughput ≥ %.0f%% of the baseline", TargetBaselineShare*100)
	if r.Baseline != nil {
		ratios := r.Baseline.Ratios()
		all := ratios[len(ratios)-1]
		out = append(out, check(shareName, all.Throughput >= TargetBaselineShare, fmt.Sprintf("%.0f%%", all.Throughput*100)))
	} else {
		out = append(out, notMeasured(shareName))
	}

	// As reviewers get it: the product shares a built report for LEERGANG_REPORT_CACHE_TTL, so of 50 requests
	// the first builds it (p99) and the rest are served (p95). The build on its own is shown beside it.
	dashName := fmt.Sprintf("reviewer dashboard of the largest programme < %s (p95 as served, 1 client)", ms(TargetDashboard))
	if r.Dashboard != nil && r.Dashboard.Stats.Count > 0 {
		s := r.Dashboard.Stats
		measured := fmt.Sprintf("p50 %s, p95 %s, p99 %s", ms(s.P50), ms(s.P95), ms(s.P99))
		if c := r.DashboardCold; c != nil && c.Stats.Count > 0 {
			measured += fmt.Sprintf("; built on every request: p50 %s, p99 %s", ms(c.Stats.P50), ms(c.Stats.P99))
		}
		out = append(out, check(dashName, s.P95 < TargetDashboard && s.Errors == 0, measured))
	} else {
		out = append(out, notMeasured(dashName))
	}

	homeName := fmt.Sprintf("participant home p50 < %s (1 client)", ms(TargetHomeP50))
	if r.Home != nil && r.Home.Stats.Count > 0 {
		s := r.Home.Stats
		out = append(out, check(homeName, s.P50 < TargetHomeP50 && s.Errors == 0, fmt.Sprintf("p50 %s", ms(s.P50))))
	} else {
		out = append(out, notMeasured(homeName))
	}

	rssName := fmt.Sprintf("server RSS < %s under load", megabytes(TargetRSSBytes))
	if loaded := r.loaded(); len(loaded) > 0 {
		var peak int64
		for _, l := range loaded {
			peak = max(peak, l.Memory.PeakRSS)
		}
		out = append(out, check(rssName, peak < TargetRSSBytes, "peak "+megabytes(peak)))
	} else {
		out = append(out, notMeasured(rssName))
	}

	lhNames := []string{
		fmt.Sprintf("Lighthouse performance ≥ %d (participant home, mobile and desktop)", TargetLighthouse),
		fmt.Sprintf("Lighthouse accessibility ≥ %d (participant home, mobile and desktop)", TargetLighthouse),
		fmt.Sprintf("initial JavaScript < %d KB gzipped", TargetInitialJSGzBytes/1024),
	}
	if l := r.Lighthouse; l != nil {
		out = append(out,
			// Mobile (Lighthouse's default: slow 4G, a 4× slower CPU) is the harder of the two; both must pass.
			check(lhNames[0], min(l.Desktop.Performance, l.Mobile.Performance) >= TargetLighthouse,
				fmt.Sprintf("desktop %.0f, mobile %.0f", l.Desktop.Performance, l.Mobile.Performance)),
			check(lhNames[1], min(l.Desktop.Accessibility, l.Mobile.Accessibility) >= TargetLighthouse,
				fmt.Sprintf("desktop %.0f, mobile %.0f", l.Desktop.Accessibility, l.Mobile.Accessibility)),
			check(lhNames[2], l.InitialJSGzipBytes < TargetInitialJSGzBytes,
				fmt.Sprintf("%.1f KB", float64(l.InitialJSGzipBytes)/1024)))
	} else {
		for _, n := range lhNames {
			out = append(out, notMeasured(n))
		}
	}
	return out
}

// slowest is the request with the highest p99 but the one named except; false when there is none.
func slowest(reqs []RequestStats, except string) (RequestStats, bool) {
	var worst RequestStats
	found := false
	for _, s := range reqs {
		if s.Name != except && (!found || s.P99 > worst.P99) {
			worst, found = s, true
		}
	}
	return worst, found
}

// loaded are the runs of the whole mix, during which the server's memory was sampled: the levels and the
// users' run.
func (r Report) loaded() []Level {
	out := append([]Level(nil), r.Levels...)
	if r.Users != nil {
		out = append(out, *r.Users)
	}
	return out
}

// results are all runs of the report, whose errors count against "zero errors".
func (r Report) results() []Result {
	var out []Result
	for _, l := range r.loaded() {
		out = append(out, l.Result)
	}
	if r.Baseline != nil {
		out = append(out, r.Baseline.Product, r.Baseline.Baseline)
	}
	for _, s := range []*Single{r.Dashboard, r.DashboardCold, r.Home} {
		if s != nil {
			out = append(out, Result{Total: s.Stats.Count, Errors: s.Stats.Errors})
		}
	}
	return out
}
