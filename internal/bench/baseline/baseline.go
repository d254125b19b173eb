// Package baseline is the benchmark's yardstick (issue 7): three of the hottest API requests written by hand on
// net/http and pgx, running the same SQL statements as the product and answering the same JSON. Whatever the
// product needs beyond this is framework, ORM and middleware; the load generator measures both in the same run,
// and the ratio is our distance to what this hardware can do.
//
// It serves only what the product's participants ask most: their cohort's home, their logbook and their goals.
// Everything else answers 404.
package baseline

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/vgs/leergang/internal/database"
)

// appRole is the product's database role (internal/database.AppRole), named here rather than imported to keep
// the baseline free of the product's packages.
const appRole = "leergang_app"

// Serve listens on addr, writes "listening on <host:port>" as the first line of stdout (so a parent process that
// asked for port 0 learns the port), and serves until ctx ends.
func Serve(ctx context.Context, addr, databaseURL string, log *slog.Logger) error {
	return listenAndServe(ctx, addr, databaseURL, log, os.Stdout)
}

func listenAndServe(ctx context.Context, addr, databaseURL string, log *slog.Logger, announce io.Writer) error {
	pool, err := openPool(ctx, databaseURL)
	if err != nil {
		return err
	}
	defer pool.Close()
	keys, err := loadKeys(ctx, pool)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("baseline: listen on %s: %w", addr, err)
	}
	out := bufio.NewWriter(announce)
	fmt.Fprintf(out, "listening on %s\n", ln.Addr())
	if err := out.Flush(); err != nil {
		_ = ln.Close()
		return fmt.Errorf("baseline: announce address: %w", err)
	}
	log.Info("baseline listening", "addr", ln.Addr().String())

	s := &server{db: pool, keys: keys, log: log}
	// The product's http.Server timeouts (internal/httpapi.Server with the default config).
	srv := &http.Server{
		Handler:           s.routes(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return fmt.Errorf("baseline: serve: %w", err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("baseline: shut down: %w", err)
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("baseline: serve: %w", err)
	}
	return nil
}

// openPool connects as the product does (internal/database.OpenAs): every connection takes on the app role, at
// most 20 connections, idle ones closed after five minutes.
func openPool(ctx context.Context, databaseURL string) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(databaseURL)
	if err != nil {
		return nil, fmt.Errorf("baseline: database URL: %w", err)
	}
	cfg.MaxConns = 20
	cfg.MaxConnIdleTime = 5 * time.Minute
	cfg.ConnConfig.Tracer = database.StatementTracer{} // the product's statement counts, in the same header
	setRole := "SET ROLE " + pgx.Identifier{appRole}.Sanitize()
	cfg.AfterConnect = func(ctx context.Context, c *pgx.Conn) error {
		if _, err := c.Exec(database.WithoutStatementCounter(ctx), setRole); err != nil {
			return fmt.Errorf("baseline: take on role %s: %w", appRole, err)
		}
		return nil
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("baseline: open pool: %w", err)
	}
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := pool.Ping(pingCtx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("baseline: connect: %w", err)
	}
	return pool, nil
}

// server holds what the handlers share.
type server struct {
	db   *pgxpool.Pool
	keys *keyRing
	log  *slog.Logger
}

func (s *server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v1/cohorts/{cohortID}", s.authenticated(s.cohort))
	mux.HandleFunc("GET /api/v1/me/reflections", s.authenticated(s.myReflections))
	mux.HandleFunc("GET /api/v1/cohorts/{cohortID}/participants/{userID}/goals", s.authenticated(s.participantGoals))
	return mux
}
