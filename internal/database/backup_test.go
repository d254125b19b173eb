package database_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"os/exec"
	"path/filepath"
	"testing"

	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/database"
	"github.com/vgs/leergang/internal/database/dbtest"
	"github.com/vgs/leergang/internal/seed"
	"github.com/vgs/leergang/internal/testapp"
)

// The tables whose rows a backup must carry over; their counts are compared before and after.
var backedUp = []string{"users", "programmes", "cohorts", "enrolments", "sessions", "learning_goals", "goal_steps",
	"reflections", "evaluation_forms", "evaluation_questions", "audit_log"}

// TestABackupRestoresIntoAnEmptyDatabaseAndServes follows docs/backup.md: pg_dump in the custom format, pg_restore
// into an empty database, the product on the restored one.
func TestABackupRestoresIntoAnEmptyDatabaseAndServes(t *testing.T) {
	ctx := context.Background()
	srcURL := dbtest.URL(t)
	src := openOwner(t, srcURL)
	if _, err := seed.Demo(ctx, src); err != nil {
		t.Fatal(err)
	}
	dump := filepath.Join(t.TempDir(), "leergang.dump")
	runTool(t, "pg_dump", "--format=custom", "--file="+dump, srcURL)

	dstURL := dbtest.EmptyURL(t)
	runTool(t, "pg_restore", "--exit-on-error", "--dbname="+dstURL, dump)
	dst := openOwner(t, dstURL)
	for _, table := range backedUp {
		if before, after := count(t, src, table), count(t, dst, table); before != after || before == 0 {
			t.Errorf("%s: %d rows before the backup, %d after the restore", table, before, after)
		}
	}
	sqlDB, err := dst.DB()
	if err != nil {
		t.Fatal(err)
	}
	if applied, err := database.Migrate(ctx, sqlDB); err != nil || len(applied) != 0 {
		t.Errorf("the restored database is not at the newest schema: migrating applied %d (%v)", len(applied), err)
	}
	servesDemoData(t, dstURL)
}

// TestUpgradingFromThePreviousReleaseKeepsTheData: a database as the previous release left it (the migrations up
// to 00016, with its data), migrated by this release, serves that data.
func TestUpgradingFromThePreviousReleaseKeepsTheData(t *testing.T) {
	const previousRelease = 16
	ctx := context.Background()
	url := dbtest.EmptyURL(t)
	sqlDB, err := database.OpenSQL(url)
	if err != nil {
		t.Fatal(err)
	}
	defer sqlDB.Close()
	if err := database.MigrateTo(ctx, sqlDB, previousRelease); err != nil {
		t.Fatal(err)
	}
	// This release's migrations add indexes and extensions only, so today's demo data fits the old schema.
	old := openOwner(t, url)
	if _, err := seed.Demo(ctx, old); err != nil {
		t.Fatal(err)
	}
	before := map[string]int64{}
	for _, table := range backedUp {
		before[table] = count(t, old, table)
	}
	applied, err := database.Migrate(ctx, sqlDB)
	if err != nil {
		t.Fatal(err)
	}
	if len(applied) == 0 {
		t.Fatal("no migration of this release was applied")
	}
	for _, table := range backedUp {
		if after := count(t, old, table); after != before[table] {
			t.Errorf("%s: %d rows before the upgrade, %d after", table, before[table], after)
		}
	}
	servesDemoData(t, url)
}

// servesDemoData runs the product on the database and reads a demo participant's home through the API.
func servesDemoData(t *testing.T, url string) {
	t.Helper()
	db, err := database.Open(context.Background(), url, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	app := testapp.NewWith(t, testapp.Options{DB: db})
	login := app.Do(t, testapp.Request{Method: http.MethodPost, Path: "/api/v1/auth/login",
		Body: map[string]string{"email": "nico.middelbos@kampen.example", "password": seed.DemoPassword}})
	if login.StatusCode != http.StatusOK {
		t.Fatalf("demo login: %d %s", login.StatusCode, login.Body)
	}
	var session struct {
		AccessToken string `json:"accessToken"`
		User        struct {
			Grants []struct {
				CohortID string `json:"cohortId"`
			} `json:"grants"`
		} `json:"user"`
	}
	login.JSON(t, &session)
	if len(session.User.Grants) == 0 {
		t.Fatal("the demo participant has no cohort")
	}
	home := app.Do(t, testapp.Request{Method: http.MethodGet, Token: session.AccessToken,
		Path: "/api/v1/cohorts/" + session.User.Grants[0].CohortID})
	if home.StatusCode != http.StatusOK {
		t.Errorf("participant home: %d %s", home.StatusCode, home.Body)
	}
}

func openOwner(t *testing.T, url string) *gorm.DB {
	t.Helper()
	db, err := database.OpenAs(context.Background(), url, "", slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if sqlDB, err := db.DB(); err == nil {
			_ = sqlDB.Close()
		}
	})
	return db
}

func runTool(t *testing.T, name string, args ...string) {
	t.Helper()
	path, err := database.Tool(name)
	if err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(path, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", name, err, out)
	}
}

func count(t *testing.T, db *gorm.DB, table string) int64 {
	t.Helper()
	var n int64
	if err := db.Table(table).Count(&n).Error; err != nil {
		t.Fatalf("count %s: %v", table, err)
	}
	return n
}
