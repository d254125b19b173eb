package database

import (
	"context"
	"errors"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/jackc/pgx/v5"
)

func TestMissingPostgresSaysWhatToInstall(t *testing.T) {
	t.Setenv("PG_BIN_DIR", t.TempDir())
	_, err := StartLocal(context.Background(), LocalOptions{Dir: t.TempDir() + "/pg"})
	if !errors.Is(err, ErrNoPostgres) {
		t.Fatalf("error %v, want ErrNoPostgres", err)
	}
	for _, want := range []string{"apt-get install postgresql", "DATABASE_URL"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

func TestRootRunClusterMovesOutOfUnreachableFolders(t *testing.T) {
	cred, err := clusterCredential()
	if err != nil {
		t.Fatal(err)
	}
	closed := t.TempDir() // 0700, owned by whoever runs the test
	if cred == nil {
		// Not root: the cluster runs as this user, who can always reach their own folders.
		if !traversable(closed, &syscall.Credential{Uid: uint32(os.Getuid()), Gid: uint32(os.Getgid())}) {
			t.Fatal("own temp folder reported unreachable")
		}
		return
	}
	if traversable(closed+"/pg", cred) {
		t.Fatalf("a 0700 root folder is reported reachable for uid %d", cred.Uid)
	}
	base, err := os.MkdirTemp("", "leergang-root-clusters-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(base)
	if err := os.Chmod(base, 0o755); err != nil {
		t.Fatal(err)
	}
	old := rootClusterBase
	rootClusterBase = base
	defer func() { rootClusterBase = old }()
	c, err := StartLocal(context.Background(), LocalOptions{Dir: closed + "/pg", Ephemeral: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Stop()
	if !strings.HasPrefix(c.Dir(), base+"/") {
		t.Fatalf("cluster in %s, want it moved under %s", c.Dir(), base)
	}
	// The same requested folder maps to the same place next time, so data is found again.
	c.Stop()
	c2, err := StartLocal(context.Background(), LocalOptions{Dir: closed + "/pg", Ephemeral: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Stop()
	if c2.Dir() != c.Dir() {
		t.Fatalf("second start in %s, first in %s", c2.Dir(), c.Dir())
	}
}

// Stop and Start take a cluster away and bring it back on the same port with its data, so a server's
// DATABASE_URL stays valid across the outage (cmd/leergang's outage test relies on it).
func TestStoppedClusterStartsAgainOnItsPortWithItsData(t *testing.T) {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "leergang-restart-pg-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if err := os.Chmod(dir, 0o755); err != nil { // a root-run cluster's owner must reach it
		t.Fatal(err)
	}
	c, err := StartLocal(ctx, LocalOptions{Dir: dir + "/pg", Ephemeral: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Stop()
	url, err := c.EnsureDatabase(ctx, "kept")
	if err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, "CREATE TABLE t (n int); INSERT INTO t VALUES (42)"); err != nil {
		t.Fatal(err)
	}
	conn.Close(ctx)
	if err := c.Start(ctx); err == nil {
		t.Fatal("Start on a running cluster succeeded")
	}
	c.Stop()
	if conn, err := pgx.Connect(ctx, url); err == nil {
		conn.Close(ctx)
		t.Fatal("connected to a stopped cluster")
	}
	if err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if got := c.URL("kept"); got != url {
		t.Fatalf("URL after restart %s, want %s", got, url)
	}
	conn, err = pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var n int
	if err := conn.QueryRow(ctx, "SELECT n FROM t").Scan(&n); err != nil || n != 42 {
		t.Fatalf("after restart: %d, %v", n, err)
	}
}
