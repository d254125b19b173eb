// Package dbtest gives each test its own migrated PostgreSQL database. Without TEST_DATABASE_URL a throwaway
// local cluster is started once per test binary; every test then gets a copy of a migrated template database,
// so tests run in parallel and leave nothing behind.
package dbtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"sync"
	"syscall"
	"testing"

	"github.com/jackc/pgx/v5"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/database"
)

var (
	once     sync.Once
	setupErr error
	server   *serverInfo
)

type serverInfo struct {
	cluster  *database.LocalCluster // nil when TEST_DATABASE_URL is used
	tmpDir   string
	adminURL string // a maintenance database on the server
	template string // name of the migrated template database
}

// Main wraps testing.M.Run so the package's throwaway cluster stops and its folder is removed afterwards:
//
//	func TestMain(m *testing.M) { os.Exit(dbtest.Main(m)) }
func Main(m *testing.M) int {
	code := m.Run()
	if server != nil {
		ctx := context.Background()
		if conn, err := pgx.Connect(ctx, server.adminURL); err == nil {
			_, _ = conn.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{server.template}.Sanitize()+" WITH (FORCE)")
			_ = conn.Close(ctx)
		}
		server.cluster.Stop()
		if server.tmpDir != "" {
			_ = os.RemoveAll(server.tmpDir)
		}
	}
	return code
}

// URL creates a fresh migrated database for the test, dropped when the test ends, and returns its URL.
func URL(t testing.TB) string {
	t.Helper()
	once.Do(func() { server, setupErr = setup() })
	if setupErr != nil {
		t.Fatalf("dbtest: %v", setupErr)
	}
	return create(t, "TEMPLATE "+pgx.Identifier{server.template}.Sanitize())
}

// EmptyURL creates a fresh database without any migration, dropped when the test ends (restores, upgrades).
func EmptyURL(t testing.TB) string {
	t.Helper()
	once.Do(func() { server, setupErr = setup() })
	if setupErr != nil {
		t.Fatalf("dbtest: %v", setupErr)
	}
	return create(t, "")
}

func create(t testing.TB, options string) string {
	t.Helper()
	ctx := context.Background()
	name := "t_" + randomHex(8)
	conn, err := pgx.Connect(ctx, server.adminURL)
	if err != nil {
		t.Fatalf("dbtest: connect: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, fmt.Sprintf("CREATE DATABASE %s %s", pgx.Identifier{name}.Sanitize(), options)); err != nil {
		t.Fatalf("dbtest: create database: %v", err)
	}
	t.Cleanup(func() {
		conn, err := pgx.Connect(ctx, server.adminURL)
		if err != nil {
			t.Errorf("dbtest: connect for cleanup: %v", err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)"); err != nil {
			t.Errorf("dbtest: drop database: %v", err)
		}
	})
	return withDatabase(server.adminURL, name)
}

// New returns a gorm handle on a fresh migrated database for the test.
func New(t testing.TB) *gorm.DB {
	t.Helper()
	db, err := database.Open(context.Background(), URL(t), slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	t.Cleanup(func() {
		if sqlDB, err := db.DB(); err == nil {
			_ = sqlDB.Close()
		}
	})
	return db
}

func setup() (*serverInfo, error) {
	ctx := context.Background()
	info := &serverInfo{template: "tpl_" + randomHex(6)}
	if u := os.Getenv("TEST_DATABASE_URL"); u != "" {
		info.adminURL = u
	} else {
		dir, err := scratchDir()
		if err != nil {
			return nil, err
		}
		if err := os.Chmod(dir, 0o755); err != nil {
			return nil, err
		}
		info.tmpDir = dir
		cluster, err := database.StartLocal(ctx, database.LocalOptions{Dir: dir + "/pg", Ephemeral: true})
		if err != nil {
			_ = os.RemoveAll(dir)
			return nil, err
		}
		info.cluster = cluster
		info.adminURL = cluster.URL("postgres")
	}
	conn, err := pgx.Connect(ctx, info.adminURL)
	if err != nil {
		return nil, fmt.Errorf("connect %s: %w", redact(info.adminURL), err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{info.template}.Sanitize()); err != nil {
		return nil, fmt.Errorf("create template: %w", err)
	}
	sqlDB, err := database.OpenSQL(withDatabase(info.adminURL, info.template))
	if err != nil {
		return nil, err
	}
	defer sqlDB.Close()
	if _, err := database.Migrate(ctx, sqlDB); err != nil {
		return nil, err
	}
	return info, nil
}

// scratchDir makes the throwaway cluster's folder: in /dev/shm when the machine has that tmpfs with room to
// spare (a container's is often 64 MB), else in the temporary folder. Each test creates and drops a database,
// which is file work: on a virtual disk it took 100–350 ms a test, in memory 10–20 ms. Not t.TempDir, because
// the cluster outlives single tests and a root-run cluster's unprivileged owner must be able to reach the folder.
func scratchDir() (string, error) {
	const shm, room = "/dev/shm", 2 << 30
	var fs syscall.Statfs_t
	if err := syscall.Statfs(shm, &fs); err == nil && fs.Bavail*uint64(fs.Bsize) >= room {
		if dir, err := os.MkdirTemp(shm, "leergang-test-pg-"); err == nil {
			return dir, nil
		}
	}
	return os.MkdirTemp("", "leergang-test-pg-")
}

func withDatabase(rawURL, name string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		panic(fmt.Sprintf("dbtest: bad database URL: %v", err))
	}
	u.Path = "/" + name
	return u.String()
}

func redact(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "(unparsable URL)"
	}
	return u.Redacted()
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
