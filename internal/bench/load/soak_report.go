package load

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// SoakReport is one soak run, written as Markdown for people and as JSON for comparing runs.
type SoakReport struct {
	Date    time.Time `json:"date"`
	Scale   string    `json:"scale"`
	Seed    int64     `json:"seed"`
	Machine Machine   `json:"machine"`
	Clients int       `json:"clients"`
	Think   float64   `json:"thinkMs"`
	// Duration is the load's planned length; Every the sampling interval.
	Duration float64       `json:"durationSeconds"`
	Every    float64       `json:"everySeconds"`
	Samples  []SoakSample  `json:"samples"`
	P50      float64       `json:"p50Ms"`
	P99      float64       `json:"p99Ms"`
	Verdict  SoakVerdict   `json:"verdict"`
	Errors   []ErrorSample `json:"errorSamples"`
}

// NewSoakReport puts a run and its verdict together.
func NewSoakReport(date time.Time, scale string, seed int64, m Machine, o SoakOptions, run SoakRun, v SoakVerdict) SoakReport {
	return SoakReport{Date: date, Scale: scale, Seed: seed, Machine: m, Clients: o.Clients, Think: millis(o.Think),
		Duration: o.Duration.Seconds(), Every: o.Every.Seconds(), Samples: run.Samples, P50: millis(run.P50),
		P99: millis(run.P99), Verdict: v, Errors: run.Errors}
}

// JSON is the report as indented JSON.
func (r SoakReport) JSON() ([]byte, error) { return json.MarshalIndent(r, "", "  ") }

// Markdown is the report for people.
func (r SoakReport) Markdown() string {
	var b strings.Builder
	p := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	v := r.Verdict
	p("# Leergang soak run, %s scale, %s\n\n", r.Scale, r.Date.Format("2006-01-02 15:04 MST"))
	p("%s, mean think time %s, for %s; the product's RSS (`/proc`), goroutines, heap in use and live heap "+
		"(its `/metrics`) sampled every %s. Server, PostgreSQL and load generator on one machine. Rerun: "+
		"`make soak` (`SOAK_SCALE=%s SOAK_DURATION=%s`).\n\n", users(r.Clients), msText(time.Duration(r.Think*1e6)),
		seconds(r.Duration), seconds(r.Every), r.Scale, seconds(r.Duration))

	if v.Pass {
		p("## Verdict: passed ✅\n\n")
	} else {
		p("## Verdict: failed ❌\n\n")
		for _, pr := range v.Problems {
			p("- %s\n", pr)
		}
		p("\n")
	}
	p("The median of the early window (%s to %s, after a warm-up) against that of the late window (the last %s), "+
		"and the least-squares slope after the warm-up times its span: both must stay within the allowance "+
		"(goroutines +%.0f; live heap and RSS +%.0f%% of the early median, at least %s). Errors at most %.0f%% "+
		"of requests.\n\n", v.Rule.Warmup.Round(time.Second), (v.Rule.Warmup + v.Rule.Window).Round(time.Second),
		v.Rule.Window.Round(time.Second), v.Rule.Goroutines, v.Rule.Memory*100, megabytes(int64(v.Rule.MemoryFloor)),
		v.Rule.Errors*100)
	if len(v.Checks) > 0 {
		p("| figure | early median | late median | growth | slope/min | slope × span | allowed | |\n")
		p("|---|--:|--:|--:|--:|--:|--:|---|\n")
		for _, c := range v.Checks {
			mark, allowed := "✅", c.formatSigned(c.Allowed)
			if !c.Judged {
				mark, allowed = "–", "–"
			} else if !c.Pass {
				mark = "❌"
			}
			p("| %s | %s | %s | %s | %s | %s | %s | %s |\n", c.Name, c.format(c.Early), c.format(c.Late),
				c.formatSigned(c.Growth()), c.formatSigned(c.Slope), c.formatSigned(c.SlopeGrowth), allowed, mark)
		}
		p("\n")
	}
	p("%d requests, %d errors; p50 %s, p99 %s over the whole run.\n\n", v.Requests, v.Errors,
		ms(time.Duration(r.P50*1e6)), ms(time.Duration(r.P99*1e6)))

	p("## Samples\n\n| at | RSS | live heap | heap in use | goroutines | requests | req/s | errors | p99 |\n")
	p("|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n")
	var prev time.Duration
	for _, s := range r.Samples {
		rate := 0.0
		if d := s.At - prev; d > 0 {
			rate = float64(s.Requests) / d.Seconds()
		}
		prev = s.At
		p("| %s | %s | %s | %s | %d | %d | %.0f | %d | %s |\n", s.At.Round(time.Second), megabytes(s.RSS),
			megabytes(s.HeapLive), megabytes(s.HeapInuse), s.Goroutines, s.Requests, rate, s.Errors, ms(s.P99))
	}
	p("\n")
	writeSamples(&b, r.Errors)

	p("## Machine\n\n| | |\n|---|---|\n")
	p("| CPU | %s |\n| cores | %d |\n| memory | %s |\n| kernel | %s |\n| Go | %s |\n| PostgreSQL | %s |\n",
		r.Machine.CPU, r.Machine.Cores, megabytes(r.Machine.MemoryBytes), r.Machine.Kernel, r.Machine.Go, r.Machine.PostgreSQL)
	return b.String()
}

// seconds writes a length given in seconds as a duration: "10m0s", "1m30s".
func seconds(s float64) string {
	return time.Duration(s * float64(time.Second)).Round(time.Second).String()
}
