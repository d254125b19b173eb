// Command leergang runs the Leergang platform: the API and the SPA in one binary, plus its maintenance
// subcommands. main only wires; the packages under internal/ hold the rules.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"gorm.io/gorm"

	"github.com/vgs/leergang/api"
	"github.com/vgs/leergang/frontend"
	"github.com/vgs/leergang/internal/config"
	"github.com/vgs/leergang/internal/database"
	"github.com/vgs/leergang/internal/evaluation"
	"github.com/vgs/leergang/internal/goals"
	"github.com/vgs/leergang/internal/httpapi"
	"github.com/vgs/leergang/internal/identity"
	"github.com/vgs/leergang/internal/mail"
	"github.com/vgs/leergang/internal/planning"
	"github.com/vgs/leergang/internal/portraits"
	"github.com/vgs/leergang/internal/privacy"
	"github.com/vgs/leergang/internal/ratelimit"
	"github.com/vgs/leergang/internal/reflections"
	"github.com/vgs/leergang/internal/retention"
	"github.com/vgs/leergang/internal/seed"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

const usage = `Leergang — het platform voor de leergangen van VGS en A&O-fonds.

Usage: leergang [command]

Commands:
  serve         run the API and the web app (default)
  migrate       apply database migrations and show their status
  seed          load the demo data (idempotent)
  create-admin  create an admin account: leergang create-admin -email a@b.nl -name "Naam"
                (password from LEERGANG_ADMIN_PASSWORD, or typed on stdin)
  rotate-keys   start signing with a new key; older keys only verify, and those retired more than
                -keep (default 720h) ago are deleted (run monthly, e.g. as a CronJob)
  version       print the version

Configuration comes from environment variables; see README.md. Without DATABASE_URL, Leergang starts its own
PostgreSQL cluster in $LEERGANG_DATA_DIR/pg (default .leergang/pg).
`

// defaultMemoryLimit is the server's soft memory limit unless GOMEMLIMIT (Go's own setting) gives one. Go lets
// the heap grow to twice what is live before collecting; with this limit it collects harder as the heap nears
// it, so a replica stays within a 256 MiB container under load (bench/results: peak RSS). It never refuses
// memory: above the limit the program only spends more time collecting.
const defaultMemoryLimit = 150 << 20

// version is set at build time: go build -ldflags "-X main.version=…".
var version = "dev"

func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	cfg, err := config.Load(getenv)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	log := newLogger(cfg, stderr)
	switch cmd {
	case "serve":
		if getenv("GOMEMLIMIT") == "" {
			debug.SetMemoryLimit(defaultMemoryLimit)
		}
		err = serve(ctx, cfg, log, stdout)
	case "migrate":
		err = migrate(ctx, cfg, log, stdout)
	case "seed":
		err = seedDemo(ctx, cfg, log, stdout)
	case "create-admin":
		err = createAdmin(ctx, cfg, log, args, getenv, stdin, stdout)
	case "rotate-keys":
		err = rotateKeys(ctx, cfg, log, args, stdout)
	case "version":
		fmt.Fprintln(stdout, "leergang", version)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
	default:
		fmt.Fprintf(stderr, "unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	if err != nil {
		log.Error(cmd+" failed", "error", err)
		fmt.Fprintln(stderr, "leergang:", err)
		return 1
	}
	return 0
}

func newLogger(cfg config.Config, w io.Writer) *slog.Logger {
	var level slog.Level
	if err := level.UnmarshalText([]byte(cfg.LogLevel)); err != nil {
		level = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// openDatabase connects to DATABASE_URL, or starts the private local cluster, and applies the migrations.
// The returned close function closes the pool and stops the local cluster.
func openDatabase(ctx context.Context, cfg config.Config, log *slog.Logger) (*gorm.DB, func(), error) {
	url := cfg.DatabaseURL
	var cluster *database.LocalCluster
	if url == "" {
		dir := filepath.Join(cfg.DataDir, "pg")
		log.Info("no DATABASE_URL: starting the local PostgreSQL cluster", "dir", dir)
		if err := os.MkdirAll(cfg.DataDir, 0o755); err != nil {
			return nil, nil, fmt.Errorf("create data dir: %w", err)
		}
		var err error
		if cluster, err = database.StartLocal(ctx, database.LocalOptions{Dir: dir}); err != nil {
			return nil, nil, err
		}
		log.Info("local PostgreSQL cluster is running", "dir", cluster.Dir())
		if url, err = cluster.EnsureDatabase(ctx, "leergang"); err != nil {
			cluster.Stop()
			return nil, nil, err
		}
	}
	fail := func(err error) (*gorm.DB, func(), error) {
		cluster.Stop()
		return nil, nil, err
	}
	// Migrations run as the owner; the program itself then works with the application role only.
	migrateURL := url
	if cfg.DatabaseURL != "" && cfg.MigrationDatabaseURL != "" {
		migrateURL = cfg.MigrationDatabaseURL
	}
	sqlDB, err := database.OpenSQL(migrateURL)
	if err != nil {
		return fail(err)
	}
	res, err := database.Migrate(ctx, sqlDB)
	_ = sqlDB.Close()
	if err != nil {
		return fail(err)
	}
	for _, r := range res {
		log.Info("migration applied", "version", r.Source.Version, "file", filepath.Base(r.Source.Path), "took", r.Duration)
	}
	db, err := database.Open(ctx, url, log)
	if err != nil {
		return fail(err)
	}
	return db, func() {
		if s, err := db.DB(); err == nil {
			_ = s.Close()
		}
		cluster.Stop()
	}, nil
}

func serve(ctx context.Context, cfg config.Config, log *slog.Logger, stdout io.Writer) error {
	var sender *mail.SMTPSender // nil: no SMTP, mail is kept in the outbox
	if cfg.SMTPURL != "" {
		var err error
		if sender, err = mail.NewSMTPSender(mail.SMTPConfig{URL: cfg.SMTPURL, From: cfg.MailFrom}); err != nil {
			return err
		}
	}
	db, closeDB, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer closeDB()
	if cfg.Demo {
		res, err := seed.Demo(ctx, db)
		if err != nil {
			return err
		}
		printAccounts(stdout, res)
	}
	keys, err := identity.NewKeyRing(ctx, db)
	if err != nil {
		return err
	}
	ident, err := identity.NewService(db, keys, cfg.AccessTokenTTL, cfg.RefreshTokenTTL, log)
	if err != nil {
		return err
	}
	limits := ratelimit.New(db, ratelimit.Defaults(), log)
	ident.UseLimiter(limits)
	ident.LimitSessionAge(cfg.SessionMaxAge)
	ident.RequireStaffSecondFactor(cfg.StaffSecondFactor)
	if !cfg.StaffSecondFactor {
		log.Warn("admins and facilitators may log in without a second factor (LEERGANG_STAFF_2FA=optional); " +
			"require it in production")
	}
	eval := evaluation.NewService(db)
	eval.CacheReports(cfg.ReportCacheTTL)
	var metrics *httpapi.Metrics // nil without LEERGANG_METRICS_ADDR: no metrics, not even the middleware
	if cfg.MetricsAddr != "" {
		if metrics, err = httpapi.NewMetrics(db); err != nil {
			return err
		}
	}
	e := httpapi.New(httpapi.Deps{
		Limits: limits,
		Config: cfg, Log: log, DB: db, Identity: ident, Planning: planning.NewService(db),
		Mail: mail.NewService(db), SPA: frontend.Dist(), OpenAPI: api.OpenAPI,
		Goals: goals.NewService(db), Reflections: reflections.NewService(db), Portraits: portraits.NewService(db),
		Privacy: privacy.NewService(db), Evaluation: eval, Metrics: metrics,
	})
	// On SIGTERM /readyz turns 503 at once while requests are served for cfg.ShutdownDelay more (httpapi.Drain).
	drain := &httpapi.Drain{}
	e.Pre(drain.Middleware)
	// Mail: without LEERGANG_SMTP_URL it stays in the outbox, where admins read it. With it, every replica runs
	// a worker; their claims on the outbox keep any two from sending one mail.
	if sender != nil {
		worker := mail.NewWorker(db, sender, mail.WorkerOptions{Log: log})
		workerCtx, stopWorker := context.WithCancel(ctx)
		workerDone := make(chan struct{})
		go func() { defer close(workerDone); worker.Run(workerCtx) }()
		// Runs before closeDB: the worker finishes and marks the mail it is sending, gives the rest back, stops.
		defer func() { stopWorker(); <-workerDone }()
		log.Info("mail: sending the outbox", "smtp", sender.Addr())
	} else {
		log.Info("mail: LEERGANG_SMTP_URL is not set; mail stays in the outbox, readable by admins")
	}
	// Retention: every replica runs a pass now and then hourly; the pass's advisory lock lets one work at a time.
	retentionWorker := retention.NewWorker(retention.NewService(db, retention.OptionsFrom(cfg)), retention.WorkerOptions{Log: log})
	retentionCtx, stopRetention := context.WithCancel(ctx)
	retentionDone := make(chan struct{})
	go func() { defer close(retentionDone); retentionWorker.Run(retentionCtx) }()
	defer func() { stopRetention(); <-retentionDone }() // before closeDB: a pass in progress rolls back and ends
	if metrics != nil {
		ms, err := metrics.Serve(cfg.MetricsAddr)
		if err != nil {
			return err
		}
		defer ms.Close() // the first deferred call to run: right after the main server has shut down
		log.Info("metrics: serving /metrics", "addr", ms.Addr())
	}
	srv := httpapi.Server(e, cfg)
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	fmt.Fprintf(stdout, "Leergang draait op %s (luistert op %s). Stoppen: Ctrl+C.\n", cfg.BaseURL, ln.Addr())

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	// Without a delay the listener closes at once; a load balancer that has not yet seen /readyz fail would
	// meanwhile send requests that are refused. LEERGANG_SHUTDOWN_DELAY covers that time (the distroless image
	// has no sleep for a preStop hook).
	drain.Start()
	if cfg.ShutdownDelay > 0 {
		log.Info("draining: /readyz answers 503 while requests are still served", "delay", cfg.ShutdownDelay)
		select {
		case <-time.After(cfg.ShutdownDelay):
		case err := <-errc:
			return fmt.Errorf("serve: %w", err)
		}
	}
	// Stop taking new connections, let requests in flight finish, then close the database.
	log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func migrate(ctx context.Context, cfg config.Config, log *slog.Logger, stdout io.Writer) error {
	db, closeDB, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer closeDB()
	sqlDB, err := db.DB()
	if err != nil {
		return err
	}
	status, err := database.MigrationStatus(ctx, sqlDB)
	if err != nil {
		return err
	}
	for _, s := range status {
		applied := "pending"
		if !s.AppliedAt.IsZero() {
			applied = "applied " + s.AppliedAt.Format(time.RFC3339)
		}
		fmt.Fprintf(stdout, "%05d  %-45s %s\n", s.Source.Version, filepath.Base(s.Source.Path), applied)
	}
	return nil
}

func rotateKeys(ctx context.Context, cfg config.Config, log *slog.Logger, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("rotate-keys", flag.ContinueOnError)
	// Longer than anything a key signs lives: access tokens (minutes) and speaker links (14 days).
	keep := fs.Duration("keep", 30*24*time.Hour, "delete keys retired longer ago than this")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *keep < 15*24*time.Hour {
		return fmt.Errorf("-keep %s is shorter than a speaker link lives (14 days)", *keep)
	}
	db, closeDB, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer closeDB()
	keys, err := identity.NewKeyRing(ctx, db)
	if err != nil {
		return err
	}
	kid, retired, deleted, err := keys.RotateAndRetire(ctx, *keep)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "signing with key %s; %d key(s) retired (still verifying), %d old key(s) deleted\n", kid, retired, deleted)
	return nil
}

func seedDemo(ctx context.Context, cfg config.Config, log *slog.Logger, stdout io.Writer) error {
	db, closeDB, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer closeDB()
	res, err := seed.Demo(ctx, db)
	if err != nil {
		return err
	}
	if !res.Created {
		fmt.Fprintln(stdout, "De demodata stond er al; er is niets veranderd.")
	}
	printAccounts(stdout, res)
	return nil
}

func printAccounts(w io.Writer, res seed.Result) {
	fmt.Fprintf(w, "\nDemo-accounts (wachtwoord voor allemaal: %s)\n", seed.DemoPassword)
	for _, a := range res.Accounts {
		fmt.Fprintf(w, "  %-12s %-38s %s\n", a.Role, a.Email, a.Name)
	}
	fmt.Fprintln(w)
}

func createAdmin(ctx context.Context, cfg config.Config, log *slog.Logger, args []string,
	getenv func(string) string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("create-admin", flag.ContinueOnError)
	email := fs.String("email", "", "email address of the admin")
	name := fs.String("name", "", "full name of the admin")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *email == "" || *name == "" {
		return errors.New(`usage: leergang create-admin -email beheer@vgs.nl -name "Naam Achternaam"`)
	}
	password := getenv("LEERGANG_ADMIN_PASSWORD")
	if password == "" {
		fmt.Fprint(stdout, "Wachtwoord (minstens 12 tekens): ")
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && line == "" {
			return fmt.Errorf("read password: %w", err)
		}
		password = strings.TrimRight(line, "\r\n")
	}
	// The same rules as on the set-password page (NIST 800-63B: length, breached list, context words).
	if code, msg := identity.PasswordProblem(password, *email); code != "" {
		if code == "too_short" {
			return errors.New("the password must be at least 12 characters")
		}
		return fmt.Errorf("the password is refused (%s): %s", code, msg)
	}
	db, closeDB, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer closeDB()
	hash, err := identity.HashPassword(ctx, password)
	if err != nil {
		return err
	}
	id, err := identity.NewStore(db).CreateAdmin(ctx, *email, *name, hash)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Beheerder %s (%s) is aangemaakt of bijgewerkt, id %s.\n", *name, strings.ToLower(*email), id)
	return nil
}
