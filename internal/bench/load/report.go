package load

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Report is everything one benchmark run measured, written as Markdown for people and as JSON for comparing
// runs.
type Report struct {
	Date    time.Time `json:"date"`
	Scale   string    `json:"scale"`
	Seed    int64     `json:"seed"`
	Machine Machine   `json:"machine"`
	Dataset Dataset   `json:"dataset"`
	// Levels are the runs of the whole mix without think time, one per concurrency level: the capacity.
	Levels []Level `json:"levels"`
	// Users is the run of the whole mix by clients with a think time: the latency target's run.
	Users     *Level    `json:"users,omitempty"`
	Baseline  *Baseline `json:"baseline,omitempty"`
	Dashboard *Single   `json:"dashboard,omitempty"`
	// DashboardCold is the dashboard built on every request (a second product with LEERGANG_REPORT_CACHE_TTL=0):
	// what the first reader after a change waits.
	DashboardCold *Single `json:"dashboardCold,omitempty"`
	Home          *Single `json:"home,omitempty"`
	// PasswordCheck is the product's password check (argon2id) alone, in the load generator's process while the
	// servers are idle: the floor under login's latency.
	PasswordCheck *Single     `json:"passwordCheck,omitempty"`
	Lighthouse    *Lighthouse `json:"lighthouse,omitempty"`
	Targets       []Target    `json:"targets"`
}

// Machine is where the benchmark ran: server, database and load generator share it.
type Machine struct {
	CPU         string `json:"cpu"`
	Cores       int    `json:"cores"`
	MemoryBytes int64  `json:"memoryBytes"`
	Kernel      string `json:"kernel"`
	Go          string `json:"go"`
	PostgreSQL  string `json:"postgresql"`
}

// Dataset is what the database held.
type Dataset struct {
	Rows []TableRows `json:"rows"`
	// Generated is how long generating took when this run generated it; zero when it was there already.
	Generated time.Duration `json:"generatedNs"`
}

// TableRows is the number of rows of one table.
type TableRows struct {
	Table string `json:"table"`
	Rows  int64  `json:"rows"`
}

// Level is one run of the whole mix with the server's memory during it.
type Level struct {
	Result
	Memory Memory `json:"memory"`
}

// Baseline compares the product with the hand-written baseline server on the requests both answer.
type Baseline struct {
	Product  Result `json:"product"`
	Baseline Result `json:"baseline"`
}

// Ratio is ours divided by the baseline's for one request (or, last, all three together): throughput
// below 1 and latency above 1 are the distance to the hardware's limit.
type Ratio struct {
	Name       string  `json:"name"`
	Throughput float64 `json:"throughput"`
	P50        float64 `json:"p50"`
	P99        float64 `json:"p99"`
}

// Ratios are the per-request ratios and, last, the ratio of the whole run.
func (b Baseline) Ratios() []Ratio {
	var out []Ratio
	for _, name := range BaselineRequests {
		ours, ok1 := b.Product.Request(name)
		base, ok2 := b.Baseline.Request(name)
		if !ok1 || !ok2 {
			continue
		}
		out = append(out, Ratio{Name: name, Throughput: ratio(ours.PerSecond, base.PerSecond),
			P50: ratio(float64(ours.P50), float64(base.P50)), P99: ratio(float64(ours.P99), float64(base.P99))})
	}
	return append(out, Ratio{Name: "all three", Throughput: ratio(b.Product.PerSecond, b.Baseline.PerSecond)})
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// Single is one request measured on its own at one client.
type Single struct {
	What    string        `json:"what"`
	Stats   RequestStats  `json:"stats"`
	Samples []ErrorSample `json:"errorSamples"`
}

// Lighthouse is what bench/lighthouse/lighthouse.mjs prints.
type Lighthouse struct {
	URL                string           `json:"url"`
	Desktop            LighthouseScores `json:"desktop"`
	Mobile             LighthouseScores `json:"mobile"`
	InitialJSGzipBytes int64            `json:"initialJsGzipBytes"`
}

// LighthouseScores are one Lighthouse run's scores (0–100) and timings.
type LighthouseScores struct {
	Performance   float64 `json:"performance"`
	Accessibility float64 `json:"accessibility"`
	LCPMs         float64 `json:"lcpMs"`
	TBTMs         float64 `json:"tbtMs"`
	CLS           float64 `json:"cls"`
}

// JSON is the report as indented JSON.
func (r Report) JSON() ([]byte, error) {
	return json.MarshalIndent(r, "", "  ")
}

// MarshalJSON writes latencies in milliseconds, which compare across runs at a glance.
func (s RequestStats) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Name        string  `json:"name"`
		Count       int     `json:"count"`
		Errors      int     `json:"errors"`
		PerSecond   float64 `json:"perSecond"`
		P50         float64 `json:"p50Ms"`
		P95         float64 `json:"p95Ms"`
		P99         float64 `json:"p99Ms"`
		Max         float64 `json:"maxMs"`
		QueriesMean float64 `json:"queriesMean"`
		QueriesMax  int     `json:"queriesMax"`
		QueriesSeen int     `json:"queriesSeen"`
	}{s.Name, s.Count, s.Errors, s.PerSecond, millis(s.P50), millis(s.P95), millis(s.P99), millis(s.Max),
		s.QueriesMean, s.QueriesMax, s.QueriesSeen})
}

func millis(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// Markdown is the report for people (headings and notes in English, like the rest of bench/).
func (r Report) Markdown() string {
	var b strings.Builder
	p := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	p("# Leergang benchmark, %s scale, %s\n\n", r.Scale, r.Date.Format("2006-01-02 15:04 MST"))
	p("Server, PostgreSQL and load generator on one machine, over loopback. Rerun: `make bench` "+
		"(`BENCH_SCALE=%s`).\n\n", r.Scale)

	p("## Machine\n\n| | |\n|---|---|\n")
	p("| CPU | %s |\n| cores | %d |\n| memory | %s |\n| kernel | %s |\n| Go | %s |\n| PostgreSQL | %s |\n\n",
		r.Machine.CPU, r.Machine.Cores, megabytes(r.Machine.MemoryBytes), r.Machine.Kernel, r.Machine.Go, r.Machine.PostgreSQL)

	p("## Dataset\n\nScale %s, seed %d. ", r.Scale, r.Seed)
	if r.Dataset.Generated > 0 {
		p("Generated in this run in %s.\n\n", r.Dataset.Generated.Round(time.Second))
	} else {
		p("Generated by an earlier run.\n\n")
	}
	p("| table | rows |\n|---|--:|\n")
	for _, t := range r.Dataset.Rows {
		p("| %s | %d |\n", t.Table, t.Rows)
	}
	p("\n")

	p("## Targets\n\n| target | measured | |\n|---|---|---|\n")
	for _, t := range r.Targets {
		p("| %s | %s | %s |\n", t.Name, t.Got, t.Status.mark())
	}
	p("\n")

	if u := r.Users; u != nil {
		p("## %s, %s think time: offered ≈ %d × 1/(%s s + latency)\n\n", users(u.Clients), msText(u.Think),
			u.Clients, strconv.FormatFloat(u.Think.Seconds(), 'f', -1, 64))
		p("The latency target's run: each client sends its role's mix and, after every answer (and before its "+
			"first request), pauses for a think time drawn from an exponential distribution with mean %s, at most "+
			"%s; it ran for %s.\n\n", msText(u.Think), msText(maxThinkFactor*u.Think), u.Duration.Round(100*time.Millisecond))
		writeLevel(&b, *u)
	}

	if len(r.Levels) > 0 {
		p("## Saturation: the mix without think time\n\n")
		p("Every client sends its next request as soon as it has the answer, so these levels show the capacity "+
			"and how latency grows towards it, not the latency target: by Little's law a closed loop's mean latency "+
			"is clients / throughput%s.\n\n", littlesLaw(r.Levels[len(r.Levels)-1].Result))
	}
	for _, l := range r.Levels {
		p("### %s, %s\n\n", clients(l.Clients), l.Duration.Round(100*time.Millisecond))
		writeLevel(&b, l)
	}

	if r.Baseline != nil {
		p("## Baseline\n\nThe three requests the hand-written server (net/http and pgx, the same SQL) also answers, "+
			"alone, at %s. The two take turns in four slices each (product, baseline, baseline, product, twice), so "+
			"that a change in the machine's speed during the comparison weighs on both alike.\n\n", clients(r.Baseline.Product.Clients))
		p("Product: %.0f requests/s.\n\n", r.Baseline.Product.PerSecond)
		writeTable(&b, r.Baseline.Product.Requests)
		writeSamples(&b, r.Baseline.Product.Samples)
		p("Baseline: %.0f requests/s.\n\n", r.Baseline.Baseline.PerSecond)
		writeTable(&b, r.Baseline.Baseline.Requests)
		writeSamples(&b, r.Baseline.Baseline.Samples)
		p("Ours / baseline (throughput: higher is better, 1 is the baseline; latency: lower is better):\n\n")
		p("| request | throughput | p50 | p99 |\n|---|--:|--:|--:|\n")
		for _, q := range r.Baseline.Ratios() {
			if q.P50 == 0 {
				p("| %s | %.2f | | |\n", q.Name, q.Throughput)
				continue
			}
			p("| %s | %.2f | %.2f | %.2f |\n", q.Name, q.Throughput, q.P50, q.P99)
		}
		p("\n")
	}

	for _, s := range []*Single{r.Dashboard, r.DashboardCold, r.Home} {
		if s == nil {
			continue
		}
		p("## %s\n\nAt 1 client: %d requests, p50 %s, p95 %s, p99 %s, max %s, %s queries/request, %d errors.\n\n",
			s.What, s.Stats.Count, ms(s.Stats.P50), ms(s.Stats.P95), ms(s.Stats.P99), ms(s.Stats.Max),
			queries(s.Stats), s.Stats.Errors)
		writeSamples(&b, s.Samples)
	}

	if s := r.PasswordCheck; s != nil {
		p("## %s\n\n%d checks %s apart, in the load generator's process while the servers were idle: p50 %s, "+
			"p95 %s, p99 %s, max %s. Every login (%s) computes one before its statements: this is the floor under "+
			"login's latency, and under load the hash also waits for the cores and for memory, which argon2id is "+
			"made to need.\n\n", s.What, s.Stats.Count, msText(passwordCheckPause), ms(s.Stats.P50), ms(s.Stats.P95),
			ms(s.Stats.P99), ms(s.Stats.Max), nameLogin)
	}

	if l := r.Lighthouse; l != nil {
		p("## Lighthouse\n\nThe participant home (%s), Debian chromium.\n\n", l.URL)
		p("| | performance | accessibility | LCP | TBT | CLS |\n|---|--:|--:|--:|--:|--:|\n")
		for _, row := range []struct {
			name string
			s    LighthouseScores
		}{{"desktop", l.Desktop}, {"mobile", l.Mobile}} {
			p("| %s | %.0f | %.0f | %.0f ms | %.0f ms | %.3f |\n", row.name, row.s.Performance, row.s.Accessibility,
				row.s.LCPMs, row.s.TBTMs, row.s.CLS)
		}
		p("\nInitial JavaScript: %.1f KB gzipped.\n", float64(l.InitialJSGzipBytes)/1024)
	}
	return b.String()
}

// writeLevel writes a run of the whole mix: its totals, the server's memory, its table and its first errors.
func writeLevel(b *strings.Builder, l Level) {
	fmt.Fprintf(b, "%.0f requests/s in total, %d requests, %d errors; server memory: peak RSS %s (VmHWM %s).\n\n",
		l.PerSecond, l.Total, l.Errors, megabytes(l.Memory.PeakRSS), megabytes(l.Memory.HWM))
	writeTable(b, l.Requests)
	writeSamples(b, l.Samples)
}

// littlesLaw works Little's law out for a run without think time, " (at 64 clients, 64 / 245 requests/s ≈
// 261 ms)"; empty for a run without requests.
func littlesLaw(r Result) string {
	if r.PerSecond == 0 {
		return ""
	}
	return fmt.Sprintf(" (at %s, %d / %.0f requests/s ≈ %.0f ms)", clients(r.Clients), r.Clients, r.PerSecond,
		float64(r.Clients)/r.PerSecond*1000)
}

func writeTable(b *strings.Builder, reqs []RequestStats) {
	fmt.Fprint(b, "| request | count | req/s | p50 | p95 | p99 | max | errors | queries/request (max) |\n")
	fmt.Fprint(b, "|---|--:|--:|--:|--:|--:|--:|--:|--:|\n")
	sorted := append([]RequestStats(nil), reqs...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Count > sorted[j].Count })
	for _, s := range sorted {
		fmt.Fprintf(b, "| %s | %d | %.1f | %s | %s | %s | %s | %d | %s |\n", s.Name, s.Count, s.PerSecond,
			ms(s.P50), ms(s.P95), ms(s.P99), ms(s.Max), s.Errors, queries(s))
	}
	fmt.Fprint(b, "\n")
}

func writeSamples(b *strings.Builder, samples []ErrorSample) {
	if len(samples) == 0 {
		return
	}
	fmt.Fprint(b, "First errors:\n\n")
	for _, e := range samples {
		fmt.Fprintf(b, "- %s → %d: `%s`\n", e.Name, e.Status, strings.ReplaceAll(e.Body, "`", "'"))
	}
	fmt.Fprint(b, "\n")
}

func clients(n int) string {
	if n == 1 {
		return "1 client"
	}
	return fmt.Sprintf("%d clients", n)
}

func users(n int) string {
	if n == 1 {
		return "1 user"
	}
	return fmt.Sprintf("%d users", n)
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", millis(d)) }

// msText writes a set duration such as a think time in milliseconds without needless decimals: "250 ms".
func msText(d time.Duration) string {
	return strconv.FormatFloat(millis(d), 'f', -1, 64) + " ms"
}

func queries(s RequestStats) string {
	if s.QueriesSeen == 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f (%d)", s.QueriesMean, s.QueriesMax)
}

// megabytes writes bytes in MB (10⁶), the unit of the memory target.
func megabytes(n int64) string { return fmt.Sprintf("%.0f MB", float64(n)/1e6) }
