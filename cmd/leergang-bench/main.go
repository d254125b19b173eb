// Command leergang-bench measures Leergang at scale (issue 7): it generates a dataset, runs the product and a
// hand-written baseline against it, drives both with the load generator and writes a report to bench/results/.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/vgs/leergang/internal/bench/baseline"
)

const usage = `leergang-bench: the performance benchmark of issue 7.

Usage: leergang-bench <command> [flags]

Commands:
  run       what "make bench" does: a local PostgreSQL cluster with the dataset, the product (-bin) and the
            baseline as child processes, the request mix at each concurrency level without think time (-levels:
            the capacity), then by -users 64 clients who pause -think 250ms on average between requests (the
            latency target), the baseline comparison, the reviewer dashboard and participant home on their own,
            optionally Lighthouse; writes the report to bench/results/<date>-<scale>.md and .json
  soak      the 64 users with think time for -duration 10m (-users, -think, -every 15s; dataset flags as
            serve): samples the product's RSS, goroutines and heap (its LEERGANG_METRICS_ADDR) throughout and
            fails when they grow; writes bench/results/<date>-soak-<scale>.md and .json (make soak)
  generate  fill a database with a dataset: -scale national|regional|tiny -seed 1 [-database-url URL]
            (without -database-url: the benchmark's own cluster, as run uses it)
  serve     run the product on the benchmark's dataset until interrupted (to look around, profile, or run
            Lighthouse by hand): -scale national -seed 1 [-bin bin/leergang]
  baseline  serve the hand-written baseline: -addr 127.0.0.1:0 -database-url URL

Run "leergang-bench <command> -h" for a command's flags.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	var err error
	switch cmd, args := args[0], args[1:]; cmd {
	case "run":
		err = runBench(ctx, args, stdout, stderr, log)
	case "soak":
		err = soak(ctx, args, stdout, stderr, log)
	case "generate":
		err = generate(ctx, args, stderr, log)
	case "baseline":
		err = serveBaseline(ctx, args, stderr, log)
	case "serve":
		err = serveDataset(ctx, args, stdout, stderr, log)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "leergang-bench:", err)
		return 1
	}
	return 0
}

// serveBaseline runs the hand-written baseline server until interrupted. Its first line on stdout says where it
// listens (run reads it to find the port).
func serveBaseline(ctx context.Context, args []string, stderr io.Writer, log *slog.Logger) error {
	fs := flag.NewFlagSet("baseline", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:0", "listen address")
	url := fs.String("database-url", "", "PostgreSQL URL of the benchmark database (required)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *url == "" {
		return errors.New("baseline: -database-url is required")
	}
	return baseline.Serve(ctx, *addr, *url, log)
}
