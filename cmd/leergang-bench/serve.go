package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/vgs/leergang/internal/bench/datagen"
	"github.com/vgs/leergang/internal/bench/load"
)

// serveDataset runs the product on the benchmark's dataset until interrupted, configured as run measures it:
// for looking at a page, profiling a request or running Lighthouse by hand at national scale.
func serveDataset(ctx context.Context, args []string, stdout, stderr io.Writer, log *slog.Logger) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := addDatasetFlags(fs)
	bin := fs.String("bin", "bin/leergang", "the product binary (built beforehand)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	d, err := data.dataset()
	if err != nil {
		return err
	}
	if err := requireBinary(*bin); err != nil {
		return err
	}
	cluster, url, _, err := openDataset(ctx, d, stderr, log)
	if err != nil {
		return err
	}
	defer cluster.Stop()
	accounts, err := load.LoadAccounts(ctx, url, 1)
	if err != nil {
		return err
	}
	serverLog := filepath.Join(filepath.Dir(d.clusterDir), "bench-server.log")
	logFile, err := os.Create(serverLog)
	if err != nil {
		return fmt.Errorf("server log: %w", err)
	}
	defer logFile.Close()
	product, err := startProduct(ctx, *bin, url, logFile)
	if err != nil {
		return fmt.Errorf("%w (its log: %s)", err, serverLog)
	}
	defer product.stop()
	fmt.Fprintf(stdout, "Leergang on the %s dataset: %s (log: %s)\ndatabase: %s\npassword of every account: %s\n",
		d.scale.Name, product.URL, serverLog, url, datagen.Password)
	for _, role := range []load.Role{load.Participant, load.Facilitator, load.Reviewer, load.Admin} {
		if len(accounts[role]) > 0 {
			fmt.Fprintf(stdout, "a %s: %s\n", role, accounts[role][0])
		}
	}
	<-ctx.Done()
	return nil
}
