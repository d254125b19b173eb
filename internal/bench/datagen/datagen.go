// Package datagen fills an empty, migrated Leergang database with a realistic dataset for benchmarks (issue 7):
// programmes of uneven size over five years of cohorts, with their participants, facilitators, reviewers,
// sessions, speakers, attendance, goals, reflections, evaluations and audit log. The same seed and anchor give
// the same rows. Rows go in with COPY, in dependency order and in one transaction, and respect every constraint
// of migrations/: the product reads them as if it had written them itself.
package datagen

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/pressly/goose/v3"

	"github.com/vgs/leergang/internal/config"
	"github.com/vgs/leergang/internal/identity"
	"github.com/vgs/leergang/internal/nltime"
	"github.com/vgs/leergang/migrations"
)

// Password is the password of every generated account.
const Password = "leergang-bench-2026"

// Options say what to generate.
type Options struct {
	Scale Scale
	Seed  int64
	// Anchor is "today": cohorts run, sessions happen and evaluations close relative to it. Zero means time.Now().
	Anchor time.Time
	// Log receives a line per table with its row count and time; nil discards them.
	Log io.Writer
}

// Summary is what Generate wrote.
type Summary struct {
	Rows map[string]int64 // per table
	Took time.Duration
}

// Generate loads the dataset into the database at url, which must be migrated and hold no programme yet. It
// connects as the URL's login (the schema owner: COPY needs no SET ROLE), writes every table with COPY in one
// transaction, vacuums and analyzes it, and returns the row counts.
func Generate(ctx context.Context, url string, o Options) (Summary, error) {
	begin := time.Now()
	if err := o.Scale.validate(); err != nil {
		return Summary{}, err
	}
	if o.Anchor.IsZero() {
		o.Anchor = time.Now()
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	// The product's defaults decide which archived cohorts the retention rule has already emptied.
	defaults, err := config.Load(func(string) string { return "" })
	if err != nil {
		return Summary{}, fmt.Errorf("datagen: default configuration: %w", err)
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return Summary{}, fmt.Errorf("datagen: connect: %w", err)
	}
	defer conn.Close(context.Background())
	if err := checkEmpty(ctx, conn); err != nil {
		return Summary{}, err
	}
	hash, err := identity.HashPassword(ctx, Password)
	if err != nil {
		return Summary{}, fmt.Errorf("datagen: %w", err)
	}

	g := newGen(o, hash, defaults)
	t := time.Now()
	if err := g.plan(); err != nil {
		return Summary{}, err
	}
	fmt.Fprintf(o.Log, "%-28s %10s %7.1fs\n", "(planned in memory)", "", time.Since(t).Seconds())

	c := &copier{conn: conn, log: o.Log, rows: map[string]int64{}}
	err = pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		c.tx = tx
		return g.write(ctx, c)
	})
	if err != nil {
		return Summary{}, fmt.Errorf("datagen: %w", err)
	}
	// VACUUM as well as ANALYZE: otherwise autovacuum works through the fresh millions of rows during the first
	// benchmark run after generating (it did, for 90 s), while the first reads write hint bits. FREEZE, since the
	// rows came in one transaction and will not change: no anti-wraparound vacuum of them later.
	t = time.Now()
	if _, err := conn.Exec(ctx, "VACUUM (FREEZE, ANALYZE)"); err != nil {
		return Summary{}, fmt.Errorf("datagen: vacuum: %w", err)
	}
	fmt.Fprintf(o.Log, "%-28s %10s %7.1fs\n", "VACUUM (FREEZE, ANALYZE)", "", time.Since(t).Seconds())
	sum := Summary{Rows: c.rows, Took: time.Since(begin)}
	var total int64
	for _, n := range sum.Rows {
		total += n
	}
	fmt.Fprintf(o.Log, "%-28s %10d rows %7.1fs\n", "total", total, sum.Took.Seconds())
	return sum, nil
}

// checkEmpty refuses a database that lacks a migration of this build or that already holds programmes: the
// generator writes the schema of this build's migrations/.
func checkEmpty(ctx context.Context, conn *pgx.Conn) error {
	files, err := fs.Glob(migrations.FS, "*.sql")
	if err != nil || len(files) == 0 {
		return fmt.Errorf("datagen: embedded migrations: %v", err)
	}
	latest, err := goose.NumericComponent(files[len(files)-1])
	if err != nil {
		return fmt.Errorf("datagen: embedded migrations: %w", err)
	}
	var versioned bool
	var applied int64
	err = conn.QueryRow(ctx, `SELECT to_regclass('public.goose_db_version') IS NOT NULL`).Scan(&versioned)
	if err == nil && versioned {
		err = conn.QueryRow(ctx, `SELECT coalesce(max(version_id), 0) FROM goose_db_version WHERE is_applied`).Scan(&applied)
	}
	if err != nil {
		return fmt.Errorf("datagen: inspect migrations: %w", err)
	}
	if applied < latest {
		return fmt.Errorf("datagen: the database is migrated to version %d, this build has %d (run leergang migrate first)",
			applied, latest)
	}
	var loaded bool
	if err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM programmes)`).Scan(&loaded); err != nil {
		return fmt.Errorf("datagen: inspect programmes: %w", err)
	}
	if loaded {
		return errors.New("datagen: the database already holds programmes; generate into an empty one")
	}
	return nil
}

// gen holds the plan of the dataset and writes it.
type gen struct {
	seed  int64
	scale Scale
	hash  string
	// now is the anchor; today its Amsterdam midnight; begin five years before.
	now, today, begin time.Time
	retentionMonths   int
	retentionNotice   int

	orgs           []uuid.UUID
	users          []user
	admins         []int
	reviewers      []int
	facilitators   []int
	programmes     []programme
	cohorts        []cohort
	enrolments     []enrolment
	grants         []grant
	speakers       []speaker
	sharedSpeakers []int
	sessions       []session
	templates      []formTemplate
	forms          []form
	questionCount  int
	goals          []goal
	stepDone       []time.Time // per goal step: when it was ticked off, zero while open
	reflections    []reflection
	comments       []comment
	portraits      []portrait
}

func newGen(o Options, hash string, defaults config.Config) *gen {
	now := o.Anchor.Truncate(time.Second)
	y, m, d := now.In(nltime.Amsterdam).Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, nltime.Amsterdam)
	return &gen{seed: o.Seed, scale: o.Scale, hash: hash, now: now, today: today, begin: today.AddDate(-5, 0, 0),
		retentionMonths: defaults.RetentionMonths, retentionNotice: defaults.RetentionNoticeDays}
}

// plan decides everything that rows refer to, in dependency order.
func (g *gen) plan() error {
	g.planStaff()
	g.planProgrammes()
	g.planCohorts()
	g.planEnrolments()
	g.planGrants()
	g.planSpeakers()
	g.planSessions()
	if err := g.planGoals(); err != nil {
		return err
	}
	g.planReflections()
	g.planComments()
	g.planPortraits()
	return g.planEvaluations()
}

// write copies every table, parents before children.
func (g *gen) write(ctx context.Context, c *copier) error {
	steps := []func(context.Context, *copier) error{
		g.writeOrganisations, g.writeFrameworks, g.writeUsers, g.writeProgrammes, g.writeCohorts, g.writeGrants,
		g.writeEnrolments, g.writeSpeakers, g.writeSessions, g.writeAttendance, g.writeElectiveChoices,
		g.writeCalendarFeeds, g.writeGoals, g.writeReflections, g.writeComments, g.writePortraits,
		g.writeEvaluations, g.writeRetention, g.writeOutbox, g.writeAudit,
	}
	for _, step := range steps {
		if err := step(ctx, c); err != nil {
			return err
		}
	}
	return nil
}

// at is a wall-clock time in Amsterdam on the day of t.
func at(day time.Time, hour, minute int) time.Time {
	y, m, d := day.In(nltime.Amsterdam).Date()
	return time.Date(y, m, d, hour, minute, 0, 0, nltime.Amsterdam)
}

// dayOf is the Amsterdam midnight of t.
func dayOf(t time.Time) time.Time { return at(t, 0, 0) }
