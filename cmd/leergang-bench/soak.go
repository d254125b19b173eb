package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/vgs/leergang/internal/bench/datagen"
	"github.com/vgs/leergang/internal/bench/load"
	"github.com/vgs/leergang/internal/database"
)

// soakOptions are the soak command's flags.
type soakOptions struct {
	dataset
	bin      string
	users    int
	think    time.Duration
	duration time.Duration
	every    time.Duration
	outDir   string
}

func parseSoakFlags(args []string, stderr io.Writer) (soakOptions, error) {
	fs := flag.NewFlagSet("soak", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := addDatasetFlags(fs)
	var o soakOptions
	fs.StringVar(&o.bin, "bin", "bin/leergang", "the product binary (built beforehand)")
	fs.IntVar(&o.users, "users", load.TargetClients, "clients, who pause -think between requests")
	fs.DurationVar(&o.think, "think", load.TargetThink, "mean think time (exponentially distributed)")
	fs.DurationVar(&o.duration, "duration", 10*time.Minute, "how long the load runs")
	fs.DurationVar(&o.every, "every", 15*time.Second, "sampling interval")
	fs.StringVar(&o.outDir, "out", "bench/results", "where the report goes")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	var err error
	if o.dataset, err = data.dataset(); err != nil {
		return o, err
	}
	if o.users < 1 || o.duration <= 0 || o.every <= 0 || o.think < 0 {
		return o, errors.New("-users, -duration and -every must be positive, -think not negative")
	}
	if o.every > o.duration/4 {
		return o, fmt.Errorf("-every %s leaves fewer than 4 samples in -duration %s", o.every, o.duration)
	}
	return o, nil
}

// soak is the soak command: the target's users for a long time, with the product's memory and goroutines
// sampled throughout; it fails when they grow (load.JudgeSoak).
func soak(ctx context.Context, args []string, stdout, stderr io.Writer, log *slog.Logger) error {
	o, err := parseSoakFlags(args, stderr)
	if err != nil {
		return err
	}
	if err := requireBinary(o.bin); err != nil {
		return err
	}
	started := time.Now()
	cluster, url, _, err := openDataset(ctx, o.dataset, stderr, log)
	if err != nil {
		return err
	}
	defer cluster.Stop()
	machine, err := describeMachine(ctx, url)
	if err != nil {
		return err
	}

	port, err := database.FreePort()
	if err != nil {
		return err
	}
	metricsAddr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	serverLog := filepath.Join(filepath.Dir(o.clusterDir), "bench-server.log")
	logFile, err := os.Create(serverLog)
	if err != nil {
		return fmt.Errorf("server log: %w", err)
	}
	defer logFile.Close()
	product, err := startProduct(ctx, o.bin, url, logFile, "LEERGANG_METRICS_ADDR="+metricsAddr)
	if err != nil {
		return fmt.Errorf("%w (its log: %s)", err, serverLog)
	}
	defer product.stop()

	accounts, err := load.LoadAccounts(ctx, url, o.users)
	if err != nil {
		return err
	}
	log.Info("logging in", "clients", o.users)
	pool, err := load.NewPool(ctx, load.Config{URL: product.URL, Accounts: accounts, Password: datagen.Password,
		Clients: o.users, Seed: uint64(o.seed)})
	if err != nil {
		return err
	}
	so := load.SoakOptions{Clients: o.users, Think: o.think, Duration: o.duration, Every: o.every, Pid: product.Pid(),
		MetricsURL: "http://" + metricsAddr + "/metrics",
		Progress: func(s load.SoakSample) {
			log.Info("sample", "at", s.At.Round(time.Second), "RSS MB", s.RSS/1e6, "live heap MB", s.HeapLive/1e6,
				"heap in use MB", s.HeapInuse/1e6, "goroutines", s.Goroutines, "requests", s.Requests,
				"errors", s.Errors, "p99", s.P99.Round(100*time.Microsecond))
		}}
	log.Info("soaking", "users", o.users, "think", o.think, "for", o.duration, "sampling every", o.every,
		"server log", serverLog)
	run, err := pool.Soak(ctx, so)
	if err != nil {
		return fmt.Errorf("%w (server log: %s)", err, serverLog)
	}
	verdict := load.JudgeSoak(run.Samples, load.DefaultSoakRule.For(o.duration))
	report := load.NewSoakReport(started, o.scale.Name, o.seed, machine, so, run, verdict)
	if err := writeSoakReport(report, o.outDir, stdout, log); err != nil {
		return err
	}
	if !verdict.Pass {
		return fmt.Errorf("soak failed: %s", strings.Join(verdict.Problems, "; "))
	}
	return nil
}

// writeSoakReport writes dir/<date>-soak-<scale>.md and .json and prints the Markdown.
func writeSoakReport(r load.SoakReport, dir string, stdout io.Writer, log *slog.Logger) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("report folder: %w", err)
	}
	stem := filepath.Join(dir, r.Date.Format("2006-01-02")+"-soak-"+r.Scale)
	js, err := r.JSON()
	if err != nil {
		return fmt.Errorf("report as JSON: %w", err)
	}
	md := r.Markdown()
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
