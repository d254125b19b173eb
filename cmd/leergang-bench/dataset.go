package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/vgs/leergang/internal/bench/datagen"
	"github.com/vgs/leergang/internal/bench/load"
	"github.com/vgs/leergang/internal/database"
)

// benchDatabase is the database in the benchmark's cluster that holds the dataset.
const benchDatabase = "leergang_bench"

// defaultClusterDir is where the benchmark's PostgreSQL cluster lives: apart from the one of "make run", and
// persistent, so that the dataset is generated once per scale and seed.
const defaultClusterDir = ".leergang/bench-pg"

// startCluster starts the benchmark's own cluster with the product's settings (durable, not the tests'
// ephemeral ones).
func startCluster(ctx context.Context, dir string, log *slog.Logger) (*database.LocalCluster, error) {
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", filepath.Dir(dir), err)
	}
	log.Info("starting the benchmark's PostgreSQL cluster", "dir", dir)
	return database.StartLocal(ctx, database.LocalOptions{Dir: dir})
}

// openDataset starts the benchmark's cluster and makes it hold the dataset (see ensureDataset). The caller
// stops the cluster; on an error it is stopped already.
func openDataset(ctx context.Context, d dataset, progress io.Writer,
	log *slog.Logger) (cluster *database.LocalCluster, url string, generated time.Duration, err error) {
	if cluster, err = startCluster(ctx, d.clusterDir, log); err != nil {
		return nil, "", 0, err
	}
	if url, generated, err = ensureDataset(ctx, cluster, d.scale, d.seed, progress, log); err != nil {
		cluster.Stop()
		return nil, "", 0, err
	}
	return cluster, url, generated, nil
}

// requireBinary says how to build the product when bin is missing.
func requireBinary(bin string) error {
	if _, err := os.Stat(bin); err != nil {
		return fmt.Errorf("the product binary: %w (build it first: make build)", err)
	}
	return nil
}

// ensureDataset makes the cluster's benchmark database hold the dataset of scale and seed: when it holds
// another one (or none), it is dropped, created anew, migrated and generated. It returns the database's URL
// and how long generating took (zero when the dataset was there).
func ensureDataset(ctx context.Context, cluster *database.LocalCluster, scale datagen.Scale, seed int64,
	progress io.Writer, log *slog.Logger) (string, time.Duration, error) {
	url := cluster.URL(benchDatabase)
	have, err := recordedDataset(ctx, url)
	if err != nil {
		return "", 0, err
	}
	if have == (datasetID{scale.Name, seed}) {
		log.Info("the dataset is there", "scale", scale.Name, "seed", seed)
		return url, 0, nil
	}
	log.Info("generating the dataset", "scale", scale.Name, "seed", seed, "replaces", have.String())
	if err := recreateDatabase(ctx, cluster.URL("postgres"), benchDatabase); err != nil {
		return "", 0, err
	}
	took, err := fill(ctx, url, scale, seed, progress)
	return url, took, err
}

// PostgreSQL's error codes for a database and a table that do not exist.
const (
	invalidCatalogName = "3D000"
	undefinedTable     = "42P01"
)

// datasetID is what the table bench_dataset records about the dataset in a database.
type datasetID struct {
	Scale string
	Seed  int64
}

func (id datasetID) String() string {
	if id.Scale == "" {
		return "none"
	}
	return fmt.Sprintf("%s, seed %d", id.Scale, id.Seed)
}

// recordedDataset reads bench_dataset; the zero datasetID when the database or the table does not exist.
func recordedDataset(ctx context.Context, url string) (datasetID, error) {
	conn, err := pgx.Connect(ctx, url)
	if pgErr := (*pgconn.PgError)(nil); errors.As(err, &pgErr) && pgErr.Code == invalidCatalogName {
		return datasetID{}, nil
	}
	if err != nil {
		return datasetID{}, fmt.Errorf("connect to the benchmark database: %w", err)
	}
	defer conn.Close(ctx)
	var id datasetID
	err = conn.QueryRow(ctx, "SELECT scale, seed FROM bench_dataset").Scan(&id.Scale, &id.Seed)
	if pgErr := (*pgconn.PgError)(nil); errors.As(err, &pgErr) && pgErr.Code == undefinedTable ||
		errors.Is(err, pgx.ErrNoRows) {
		return datasetID{}, nil
	}
	if err != nil {
		return datasetID{}, fmt.Errorf("read bench_dataset: %w", err)
	}
	return id, nil
}

func recreateDatabase(ctx context.Context, adminURL, name string) error {
	conn, err := pgx.Connect(ctx, adminURL)
	if err != nil {
		return fmt.Errorf("connect to the cluster: %w", err)
	}
	defer conn.Close(ctx)
	ident := pgx.Identifier{name}.Sanitize()
	if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+ident+" WITH (FORCE)"); err != nil {
		return fmt.Errorf("drop %s: %w", name, err)
	}
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+ident); err != nil {
		return fmt.Errorf("create %s: %w", name, err)
	}
	return nil
}

// fill migrates the empty database at url, generates the dataset into it and records which one it is.
func fill(ctx context.Context, url string, scale datagen.Scale, seed int64, progress io.Writer) (time.Duration, error) {
	sqlDB, err := database.OpenSQL(url)
	if err != nil {
		return 0, err
	}
	_, err = database.Migrate(ctx, sqlDB)
	_ = sqlDB.Close()
	if err != nil {
		return 0, err
	}
	sum, err := datagen.Generate(ctx, url, datagen.Options{Scale: scale, Seed: seed, Anchor: time.Now(), Log: progress})
	if err != nil {
		return 0, err
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return 0, fmt.Errorf("connect to record the dataset: %w", err)
	}
	defer conn.Close(ctx)
	// Created by the owner, not by a migration: it describes the benchmark's data, not the product's schema.
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS bench_dataset (
			scale text NOT NULL, seed bigint NOT NULL, generated_at timestamptz NOT NULL DEFAULT now(),
			took interval NOT NULL)`); err != nil {
		return 0, fmt.Errorf("create bench_dataset: %w", err)
	}
	if _, err := conn.Exec(ctx, "DELETE FROM bench_dataset"); err != nil {
		return 0, fmt.Errorf("clear bench_dataset: %w", err)
	}
	if _, err := conn.Exec(ctx, "INSERT INTO bench_dataset (scale, seed, took) VALUES ($1, $2, $3)",
		scale.Name, seed, sum.Took); err != nil {
		return 0, fmt.Errorf("record the dataset: %w", err)
	}
	return sum.Took, nil
}

// tableRows counts the rows of every table of the product's schema, largest first.
func tableRows(ctx context.Context, url string) ([]load.TableRows, error) {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return nil, fmt.Errorf("connect to count rows: %w", err)
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `SELECT tablename FROM pg_tables
		WHERE schemaname = 'public' AND tablename NOT IN ('goose_db_version', 'bench_dataset') ORDER BY tablename`)
	if err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	tables, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	out := make([]load.TableRows, 0, len(tables))
	for _, t := range tables {
		var n int64
		if err := conn.QueryRow(ctx, "SELECT count(*) FROM "+pgx.Identifier{t}.Sanitize()).Scan(&n); err != nil {
			return nil, fmt.Errorf("count %s: %w", t, err)
		}
		out = append(out, load.TableRows{Table: t, Rows: n})
	}
	return out, nil
}

// datasetFlags name a dataset and the cluster that holds it (every command).
type datasetFlags struct {
	scale      *string
	seed       *int64
	clusterDir *string
}

// dataset is what datasetFlags name, checked.
type dataset struct {
	scale      datagen.Scale
	seed       int64
	clusterDir string
}

// dataset reads the flags once they are parsed.
func (f datasetFlags) dataset() (dataset, error) {
	scale, err := datagen.ScaleByName(*f.scale)
	return dataset{scale: scale, seed: *f.seed, clusterDir: *f.clusterDir}, err
}

func addDatasetFlags(fs *flag.FlagSet) datasetFlags {
	return datasetFlags{
		scale:      fs.String("scale", "national", "national, regional or tiny"),
		seed:       fs.Int64("seed", 1, "random seed: the same seed gives the same dataset"),
		clusterDir: fs.String("cluster-dir", defaultClusterDir, "the benchmark's PostgreSQL cluster"),
	}
}

// generate is the generate command: a dataset into the given database, or into the benchmark's own cluster.
func generate(ctx context.Context, args []string, stderr io.Writer, log *slog.Logger) error {
	fs := flag.NewFlagSet("generate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := addDatasetFlags(fs)
	url := fs.String("database-url", "", "an empty database to fill (migrated first); empty: the benchmark's own cluster")
	if err := fs.Parse(args); err != nil {
		return err
	}
	d, err := data.dataset()
	if err != nil {
		return err
	}
	if *url != "" {
		took, err := fill(ctx, *url, d.scale, d.seed, stderr)
		if err == nil {
			log.Info("dataset generated", "scale", d.scale.Name, "seed", d.seed, "took", took.Round(time.Second))
		}
		return err
	}
	cluster, _, took, err := openDataset(ctx, d, stderr, log)
	if err != nil {
		return err
	}
	cluster.Stop()
	log.Info("dataset ready", "scale", d.scale.Name, "seed", d.seed, "generated in", took.Round(time.Second))
	return nil
}
