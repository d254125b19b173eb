package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vgs/leergang/internal/bench/datagen"
	"github.com/vgs/leergang/internal/bench/load"
)

// benchOptions are the run command's flags.
type benchOptions struct {
	dataset
	bin               string
	levels            []int
	users             int
	think             time.Duration
	duration, warmup  time.Duration
	usersDuration     time.Duration
	baselineClients   int
	dashboardRequests int
	homeRequests      int
	passwordChecks    int
	lighthouse        bool
	outDir            string
}

func parseBenchFlags(args []string, stderr io.Writer) (benchOptions, error) {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o benchOptions
	data := addDatasetFlags(fs)
	fs.StringVar(&o.bin, "bin", "bin/leergang", "the product binary to measure (built beforehand)")
	levels := fs.String("levels", "1,16,64", "concurrency levels of the whole mix without think time (the capacity), comma-separated")
	fs.IntVar(&o.users, "users", load.TargetClients, "clients of the latency target's run, which pause -think between requests")
	fs.DurationVar(&o.think, "think", load.TargetThink, "mean think time of the -users run (exponentially distributed)")
	fs.DurationVar(&o.duration, "duration", 20*time.Second, "how long each level (and each side of the baseline comparison) runs")
	// The latency target's run is longer: at its rates a login or a workbook download comes a few times a
	// minute, and a p99 of a handful of samples is only their maximum.
	fs.DurationVar(&o.usersDuration, "users-duration", 90*time.Second, "how long the -users run (the latency target) lasts")
	fs.DurationVar(&o.warmup, "warmup", 5*time.Second, "unmeasured load before the first level and before the baseline")
	fs.IntVar(&o.baselineClients, "baseline-clients", load.TargetClients, "clients of the baseline comparison")
	fs.IntVar(&o.dashboardRequests, "dashboard-requests", 50, "reviewer dashboard requests measured on their own")
	fs.IntVar(&o.homeRequests, "home-requests", 200, "participant home requests measured on their own")
	fs.IntVar(&o.passwordChecks, "password-checks", 100, "password checks (argon2id) timed on their own, the floor under login")
	fs.BoolVar(&o.lighthouse, "lighthouse", false, "also run bench/lighthouse (node, chromium) on the participant home")
	fs.StringVar(&o.outDir, "out", "bench/results", "where the report goes")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	var err error
	if o.dataset, err = data.dataset(); err != nil {
		return o, err
	}
	for _, f := range strings.Split(*levels, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return o, fmt.Errorf("-levels: %q is not a number of clients", f)
		}
		o.levels = append(o.levels, n)
	}
	if o.duration <= 0 || o.usersDuration <= 0 || o.users < 1 || o.baselineClients < 1 || o.dashboardRequests < 1 ||
		o.homeRequests < 1 || o.passwordChecks < 1 {
		return o, errors.New("-duration, -users-duration, -users, -baseline-clients, -dashboard-requests, -home-requests " +
			"and -password-checks must be positive")
	}
	if o.think < 0 {
		return o, errors.New("-think must not be negative")
	}
	return o, nil
}

// runBench is the run command: see the usage text.
func runBench(ctx context.Context, args []string, stdout, stderr io.Writer, log *slog.Logger) error {
	o, err := parseBenchFlags(args, stderr)
	if err != nil {
		return err
	}
	if err := requireBinary(o.bin); err != nil {
		return err
	}
	started := time.Now()

	cluster, url, generated, err := openDataset(ctx, o.dataset, stderr, log)
	if err != nil {
		return err
	}
	defer cluster.Stop()
	report := load.Report{Date: started, Scale: o.scale.Name, Seed: o.seed, Dataset: load.Dataset{Generated: generated}}
	if report.Machine, err = describeMachine(ctx, url); err != nil {
		return err
	}
	if report.Dataset.Rows, err = tableRows(ctx, url); err != nil {
		return err
	}

	serverLog := filepath.Join(filepath.Dir(o.clusterDir), "bench-server.log")
	logFile, err := os.Create(serverLog)
	if err != nil {
		return fmt.Errorf("server log: %w", err)
	}
	defer logFile.Close()
	product, err := startProduct(ctx, o.bin, url, logFile)
	if err != nil {
		return fmt.Errorf("%w (its log: %s)", err, serverLog)
	}
	defer product.stop()
	base, err := startBaseline(ctx, url, logFile)
	if err != nil {
		return err
	}
	defer base.stop()
	log.Info("servers ready", "product", product.URL, "baseline", base.URL, "log", serverLog)

	if err := measure(ctx, o, url, product, base, &report, log); err != nil {
		return fmt.Errorf("%w (server log: %s)", err, serverLog)
	}
	if o.lighthouse {
		// Lighthouse is the last step: when it fails, the load figures still make a report, which says so.
		if report.Lighthouse, err = runLighthouse(ctx, product.URL, url, stderr, log); err != nil {
			log.Error("Lighthouse failed; the report has no Lighthouse figures", "error", err)
		}
	}
	report.Targets = load.CheckTargets(report)
	return writeReport(report, o.outDir, stdout, log)
}

// measure runs the load: the mix at every level without think time, then by the users with it, the baseline
// comparison, the dashboard and the home alone.
func measure(ctx context.Context, o benchOptions, url string, product, base *child, r *load.Report, log *slog.Logger) error {
	clients := max(slices.Max(o.levels), o.users)
	accounts, err := load.LoadAccounts(ctx, url, max(clients, o.baselineClients))
	if err != nil {
		return err
	}
	cfg := load.Config{URL: product.URL, Accounts: accounts, Password: datagen.Password, Clients: clients, Seed: uint64(o.seed)}
	log.Info("logging in", "clients", clients)
	pool, err := load.NewPool(ctx, cfg)
	if err != nil {
		return err
	}
	log.Info("warming up", "for", o.warmup)
	if _, err := pool.Run(ctx, load.RunOptions{Clients: clients, Duration: o.warmup}); err != nil {
		return err
	}
	for _, n := range o.levels {
		l, err := runLevel(ctx, pool, product, load.RunOptions{Clients: n, Duration: o.duration})
		if err != nil {
			return err
		}
		log.Info("level done", "clients", n, "req/s", int(l.PerSecond), "errors", l.Errors, "peak RSS MB", l.Memory.PeakRSS/1e6)
		r.Levels = append(r.Levels, l)
	}
	users, err := runLevel(ctx, pool, product, load.RunOptions{Clients: o.users, Duration: o.usersDuration, Think: o.think})
	if err != nil {
		return err
	}
	log.Info("users done", "users", o.users, "think", o.think, "req/s", int(users.PerSecond), "errors", users.Errors,
		"peak RSS MB", users.Memory.PeakRSS/1e6)
	r.Users = &users

	// The baseline's requests are participants' requests: a pool of participants only.
	bcfg := cfg
	bcfg.Clients, bcfg.Shares = o.baselineClients, load.Shares{load.Participant: 1}
	log.Info("baseline comparison", "clients", o.baselineClients)
	bpool, err := load.NewPool(ctx, bcfg)
	if err != nil {
		return err
	}
	only := load.BaselineRequests
	if _, err := bpool.Run(ctx, load.RunOptions{Clients: o.baselineClients, Duration: o.warmup, Only: only, Target: base.URL}); err != nil {
		return err
	}
	// The two take turns in slices, in the order product, baseline, baseline, product, twice: when the machine
	// speeds up or slows down during the comparison (a neighbour's load on a shared host), both sides feel it
	// alike. One side after the other, the ratio of one machine ranged from 59% to 78% between runs.
	var ours, theirs []load.Result
	for _, target := range []string{"", base.URL, base.URL, "", "", base.URL, base.URL, ""} {
		res, err := bpool.Run(ctx, load.RunOptions{Clients: o.baselineClients, Duration: o.duration / 4, Only: only, Target: target})
		if err != nil {
			return err
		}
		if target == "" {
			ours = append(ours, res)
		} else {
			theirs = append(theirs, res)
		}
	}
	cmp := load.Baseline{Product: load.Combine(ours...), Baseline: load.Combine(theirs...)}
	r.Baseline = &cmp
	log.Info("baseline done", "product req/s", int(cmp.Product.PerSecond), "baseline req/s", int(cmp.Baseline.PerSecond))

	dash, err := load.LargestProgramme(ctx, url)
	if err != nil {
		return err
	}
	r.Dashboard = &load.Single{What: fmt.Sprintf("Reviewer dashboard of the largest programme (%d responses)", dash.Responses)}
	r.Dashboard.Stats, r.Dashboard.Samples, err = load.RepeatGet(ctx, cfg, dash.Email, load.DashboardRequest,
		"/programmes/"+dash.ProgrammeID.String()+"/evaluation-report", o.dashboardRequests)
	if err != nil {
		return err
	}
	r.Home = &load.Single{What: "Participant home (" + load.HomeRequest + ")"}
	if r.Home.Stats, r.Home.Samples, err = pool.Repeat(ctx, load.HomeRequest, o.homeRequests); err != nil {
		return err
	}
	log.Info("password check alone", "checks", o.passwordChecks)
	if r.PasswordCheck, err = load.PasswordCheck(ctx, o.passwordChecks); err != nil {
		return err
	}

	// The same dashboard from a second product that keeps no report: each request builds it.
	log.Info("dashboard without the report cache")
	cold, err := startProduct(ctx, o.bin, url, io.Discard, "LEERGANG_REPORT_CACHE_TTL=0")
	if err != nil {
		return err
	}
	defer cold.stop()
	coldCfg := cfg
	coldCfg.URL = cold.URL
	r.DashboardCold = &load.Single{What: "The same dashboard built on every request (LEERGANG_REPORT_CACHE_TTL=0)"}
	r.DashboardCold.Stats, r.DashboardCold.Samples, err = load.RepeatGet(ctx, coldCfg, dash.Email, load.DashboardRequest,
		"/programmes/"+dash.ProgrammeID.String()+"/evaluation-report", o.dashboardRequests)
	return err
}

// runLevel runs the pool's whole mix and samples the product's memory meanwhile.
func runLevel(ctx context.Context, pool *load.Pool, product *child, o load.RunOptions) (load.Level, error) {
	stop := load.SampleMemory(product.Pid(), 100*time.Millisecond)
	res, err := pool.Run(ctx, o)
	mem, memErr := stop()
	if err := errors.Join(err, memErr); err != nil {
		return load.Level{}, err
	}
	return load.Level{Result: res, Memory: mem}, nil
}

// runLighthouse runs bench/lighthouse/lighthouse.mjs on the participant home as one of the dataset's
// participants and reads the one JSON object it prints.
func runLighthouse(ctx context.Context, baseURL, databaseURL string, stderr io.Writer, log *slog.Logger) (*load.Lighthouse, error) {
	accounts, err := load.LoadAccounts(ctx, databaseURL, 1)
	if err != nil {
		return nil, err
	}
	log.Info("running Lighthouse", "as", accounts[load.Participant][0])
	cmd := exec.CommandContext(ctx, "node", "bench/lighthouse/lighthouse.mjs", "--url", baseURL,
		"--email", accounts[load.Participant][0], "--password", datagen.Password)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("lighthouse: %w (is bench/lighthouse installed? cd bench/lighthouse && npm ci)", err)
	}
	var lh load.Lighthouse
	if err := json.Unmarshal(out.Bytes(), &lh); err != nil {
		return nil, fmt.Errorf("lighthouse printed no report: %w: %q", err, out.String())
	}
	return &lh, nil
}

// writeReport writes the report as Markdown and JSON to dir/<date>-<scale>.md and .json, and prints the
// Markdown.
func writeReport(r load.Report, dir string, stdout io.Writer, log *slog.Logger) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("report folder: %w", err)
	}
	stem := filepath.Join(dir, r.Date.Format("2006-01-02")+"-"+r.Scale)
	md := r.Markdown()
	js, err := r.JSON()
	if err != nil {
		return fmt.Errorf("report as JSON: %w", err)
	}
	if err := os.WriteFile(stem+".md", []byte(md), 0o644); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	if err := os.WriteFile(stem+".json", append(js, '\n'), 0o644); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	fmt.Fprint(stdout, md)
	log.Info("report written", "markdown", stem+".md", "json", stem+".json")
	return nil
}
