package database

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

// LocalCluster is a private PostgreSQL cluster that Leergang runs itself when no DATABASE_URL is given: created
// with the system's initdb in a data folder, listening on a free loopback port, stopped with the program.
type LocalCluster struct {
	dir      string
	port     int
	password string
	cmd      *exec.Cmd
	exited   chan struct{} // closed when the postgres process of the latest start has exited
	logFile  *os.File
	// How it was started, so that Start can start it again the same way.
	bin       string
	cred      *syscall.Credential
	ephemeral bool
}

// rootClusterBase holds the clusters of a root-run Leergang whose data folder the cluster user cannot reach.
var rootClusterBase = "/var/lib/leergang"

// Dir is the folder the cluster lives in (it differs from the requested one when run as root, see StartLocal).
func (c *LocalCluster) Dir() string { return c.dir }

// traversable reports whether the user of cred may enter dir and each folder above it.
func traversable(dir string, cred *syscall.Credential) bool {
	for d := dir; ; d = filepath.Dir(d) {
		info, err := os.Stat(d)
		if err == nil {
			st, ok := info.Sys().(*syscall.Stat_t)
			if !ok {
				return false
			}
			mode := info.Mode().Perm()
			switch {
			case st.Uid == cred.Uid:
				if mode&0o100 == 0 {
					return false
				}
			case st.Gid == cred.Gid:
				if mode&0o010 == 0 {
					return false
				}
			case mode&0o001 == 0:
				return false
			}
		}
		if d == filepath.Dir(d) {
			return true
		}
	}
}

// LocalOptions tune the cluster. Tests trade durability for speed; the product keeps PostgreSQL's defaults.
type LocalOptions struct {
	// Dir is the cluster's data folder; created when missing.
	Dir string
	// Ephemeral turns off fsync and friends: for throwaway test clusters only.
	Ephemeral bool
}

// sharedBuffers is a quarter of the machine's memory, between PostgreSQL's default of 128 MB and 1 GB.
func sharedBuffers() string {
	const mb = 1 << 20
	size := uint64(128 * mb)
	var info syscall.Sysinfo_t
	if err := syscall.Sysinfo(&info); err == nil {
		size = max(size, min(uint64(info.Totalram)*uint64(info.Unit)/4, 1024*mb))
	}
	return strconv.FormatUint(size/mb, 10) + "MB"
}

// ErrNoPostgres means no PostgreSQL server binaries were found on this machine.
var ErrNoPostgres = errors.New(`no PostgreSQL server found: install it (Debian/Ubuntu: "apt-get install postgresql") ` +
	`or set DATABASE_URL to a PostgreSQL 15+ server, e.g. postgres://user:pass@localhost:5432/leergang`)

// StartLocal creates (first time) and starts the cluster, and waits until it accepts connections.
func StartLocal(ctx context.Context, opts LocalOptions) (*LocalCluster, error) {
	bin, err := findPostgresBin()
	if err != nil {
		return nil, err
	}
	dir, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, fmt.Errorf("database: data dir: %w", err)
	}
	// PostgreSQL refuses to run as root, so as root the cluster belongs to an unprivileged system user.
	cred, err := clusterCredential()
	if err != nil {
		return nil, err
	}
	if cred != nil && !traversable(filepath.Dir(dir), cred) {
		// A folder under /root (0700) is out of the cluster user's reach. Rather than loosen the permissions of
		// the user's folders, the cluster moves to a fixed place derived from the requested path, so it is
		// found again on the next start.
		sum := sha256.Sum256([]byte(dir))
		parent := filepath.Join(rootClusterBase, hex.EncodeToString(sum[:6]))
		if err := os.MkdirAll(parent, 0o755); err != nil {
			return nil, fmt.Errorf("database: create %s: %w", parent, err)
		}
		dir = filepath.Join(parent, filepath.Base(dir))
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("database: create %s: %w", dir, err)
	}
	if cred != nil {
		if err := os.Chown(dir, int(cred.Uid), int(cred.Gid)); err != nil {
			return nil, fmt.Errorf("database: chown %s: %w", dir, err)
		}
		if err := os.Chmod(dir, 0o700); err != nil {
			return nil, fmt.Errorf("database: chmod %s: %w", dir, err)
		}
	}
	// The password lives next to the data folder, readable only by the owner of the process.
	pwPath := dir + ".password"
	c := &LocalCluster{dir: dir, bin: bin, cred: cred, ephemeral: opts.Ephemeral}
	if _, err := os.Stat(filepath.Join(dir, "PG_VERSION")); errors.Is(err, os.ErrNotExist) {
		if err := c.initdb(ctx, bin, cred, pwPath); err != nil {
			return nil, err
		}
	}
	pw, err := os.ReadFile(pwPath)
	if err != nil {
		return nil, fmt.Errorf("database: read cluster password %s: %w", pwPath, err)
	}
	c.password = strings.TrimSpace(string(pw))
	if err := c.start(ctx); err != nil {
		return nil, err
	}
	return c, nil
}

// Start starts a stopped cluster again on the port it had, so URLs handed out before stay valid. Tests of a
// database outage use Stop and Start to take the database away from a running server and bring it back.
func (c *LocalCluster) Start(ctx context.Context) error {
	select {
	case <-c.exited:
	default:
		return errors.New("database: the local cluster is still running")
	}
	return c.start(ctx)
}

func (c *LocalCluster) initdb(ctx context.Context, bin string, cred *syscall.Credential, pwPath string) error {
	pw := make([]byte, 24)
	if _, err := rand.Read(pw); err != nil {
		return fmt.Errorf("database: cluster password: %w", err)
	}
	if err := os.WriteFile(pwPath, []byte(hex.EncodeToString(pw)+"\n"), 0o600); err != nil {
		return fmt.Errorf("database: write cluster password: %w", err)
	}
	// initdb reads the superuser password from a file that the cluster's owner must be able to read.
	tmpPw := filepath.Join(c.dir, ".initdb-password")
	if err := os.WriteFile(tmpPw, []byte(hex.EncodeToString(pw)+"\n"), 0o600); err != nil {
		return fmt.Errorf("database: write initdb password: %w", err)
	}
	defer os.Remove(tmpPw)
	if cred != nil {
		if err := os.Chown(tmpPw, int(cred.Uid), int(cred.Gid)); err != nil {
			return fmt.Errorf("database: chown initdb password: %w", err)
		}
	}
	// initdb wants an empty folder: it gets a fresh subfolder, then we move the password file out of the way.
	pgdata := filepath.Join(c.dir, "data")
	cmd := exec.CommandContext(ctx, filepath.Join(bin, "initdb"),
		"-D", pgdata, "-U", "leergang", "--pwfile", tmpPw, "--auth", "scram-sha-256",
		"--encoding", "UTF8", "--locale", "C.UTF-8", "--text-search-config", "dutch", "--no-sync")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	cmd.Dir = c.dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("database: initdb in %s failed: %w\n%s%s", pgdata, err, out, rootHint(cred, c.dir))
	}
	// PG_VERSION at the top marks the cluster as initialised.
	return os.WriteFile(filepath.Join(c.dir, "PG_VERSION"), []byte("leergang-local\n"), 0o644)
}

func (c *LocalCluster) start(ctx context.Context) error {
	if c.port == 0 { // a restart keeps its port
		port, err := FreePort()
		if err != nil {
			return err
		}
		c.port = port
	}
	args := []string{
		"-D", filepath.Join(c.dir, "data"),
		"-p", strconv.Itoa(c.port),
		"-c", "listen_addresses=127.0.0.1",
		"-c", "unix_socket_directories=",
		"-c", "max_connections=200",
	}
	if c.ephemeral {
		// A small WAL cap, as a throwaway cluster may live in memory (dbtest puts it on tmpfs).
		args = append(args, "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
			"-c", "max_wal_size=128MB", "-c", "min_wal_size=32MB")
	} else {
		// PostgreSQL's defaults are made for the smallest machines: 128 MB of buffers, and random reads priced as
		// on spinning disks, which steers plans to sequential scans. Here the buffers take a quarter of the memory
		// (at most 1 GB) and random reads are priced as on SSD or cached data. On the national benchmark (a 3.8 GB
		// database) capacity at 64 clients rose from 670 to 810 requests/s. deploy/README.md asks the same of a
		// production server.
		args = append(args, "-c", "shared_buffers="+sharedBuffers(), "-c", "random_page_cost=1.1")
	}
	logFile, err := os.OpenFile(filepath.Join(filepath.Dir(c.dir), filepath.Base(c.dir)+".log"),
		os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("database: open cluster log: %w", err)
	}
	c.logFile = logFile
	cmd := exec.Command(filepath.Join(c.bin, "postgres"), args...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	// Pdeathsig stops the cluster even when this process is killed without a chance to clean up.
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: c.cred, Pdeathsig: syscall.SIGINT, Setpgid: true}
	cmd.Dir = c.dir
	if err := cmd.Start(); err != nil {
		logFile.Close()
		return fmt.Errorf("database: start postgres: %w", err)
	}
	// A fresh channel per start; assigned only now, so a failed start leaves the cluster stopped for Start.
	exited := make(chan struct{})
	c.cmd, c.exited = cmd, exited
	go func() { _ = cmd.Wait(); close(exited) }()

	deadline := time.Now().Add(60 * time.Second)
	for {
		conn, err := pgx.Connect(ctx, c.url("postgres"))
		if err == nil {
			_ = conn.Close(ctx)
			break
		}
		select {
		case <-c.exited:
			return fmt.Errorf("database: postgres exited on start; see %s", logFile.Name())
		case <-ctx.Done():
			c.Stop()
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			c.Stop()
			return fmt.Errorf("database: postgres did not accept connections within 60s: %w", err)
		}
	}
	return nil
}

// EnsureDatabase creates the named database when it does not exist and returns its URL.
func (c *LocalCluster) EnsureDatabase(ctx context.Context, name string) (string, error) {
	conn, err := pgx.Connect(ctx, c.url("postgres"))
	if err != nil {
		return "", fmt.Errorf("database: connect local cluster: %w", err)
	}
	defer conn.Close(ctx)
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return "", fmt.Errorf("database: look up %s: %w", name, err)
	}
	if !exists {
		if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
			return "", fmt.Errorf("database: create %s: %w", name, err)
		}
	}
	return c.url(name), nil
}

// URL is the connection URL of a database in the cluster.
func (c *LocalCluster) URL(database string) string { return c.url(database) }

func (c *LocalCluster) url(database string) string {
	u := url.URL{
		Scheme:   "postgres",
		User:     url.UserPassword("leergang", c.password),
		Host:     net.JoinHostPort("127.0.0.1", strconv.Itoa(c.port)),
		Path:     "/" + database,
		RawQuery: "sslmode=disable",
	}
	return u.String()
}

// Stop shuts the cluster down (fast shutdown: open transactions roll back, data already committed stays).
func (c *LocalCluster) Stop() {
	if c == nil || c.cmd == nil || c.cmd.Process == nil {
		return
	}
	_ = c.cmd.Process.Signal(syscall.SIGINT)
	select {
	case <-c.exited:
	case <-time.After(15 * time.Second):
		_ = c.cmd.Process.Signal(syscall.SIGQUIT)
		<-c.exited
	}
	if c.logFile != nil {
		c.logFile.Close()
	}
}

// findPostgresBin looks for the server binaries: PG_BIN_DIR, pg_config, Debian's versioned folders, then PATH.
// Tool finds one of PostgreSQL's programs (pg_dump, pg_restore, …) beside the server that StartLocal would use.
func Tool(name string) (string, error) {
	bin, err := findPostgresBin()
	if err != nil {
		return "", err
	}
	path := filepath.Join(bin, name)
	if _, err := os.Stat(path); err != nil {
		return "", fmt.Errorf("database: %s: %w", name, err)
	}
	return path, nil
}

func findPostgresBin() (string, error) {
	has := func(dir string) bool {
		_, e1 := os.Stat(filepath.Join(dir, "initdb"))
		_, e2 := os.Stat(filepath.Join(dir, "postgres"))
		return e1 == nil && e2 == nil
	}
	if dir := os.Getenv("PG_BIN_DIR"); dir != "" {
		if has(dir) {
			return dir, nil
		}
		return "", fmt.Errorf("database: PG_BIN_DIR=%s holds no initdb and postgres: %w", dir, ErrNoPostgres)
	}
	if out, err := exec.Command("pg_config", "--bindir").Output(); err == nil {
		if dir := strings.TrimSpace(string(out)); has(dir) {
			return dir, nil
		}
	}
	// Debian installs the server outside PATH, one folder per major version: take the newest.
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return pgMajor(dirs[i]) > pgMajor(dirs[j]) })
	for _, dir := range dirs {
		if has(dir) {
			return dir, nil
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil && has(filepath.Dir(real)) {
			return filepath.Dir(real), nil
		}
	}
	return "", ErrNoPostgres
}

func pgMajor(binDir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return n
}

// clusterCredential returns nil when the process may run PostgreSQL itself, or the credential of the
// unprivileged user (postgres, else nobody) to run it as when this process is root.
func clusterCredential() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	for _, name := range []string{"postgres", "nobody"} {
		u, err := user.Lookup(name)
		if err != nil {
			continue
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid), NoSetGroups: true}, nil
	}
	return nil, errors.New("database: running as root, and no unprivileged user (postgres or nobody) to run PostgreSQL as")
}

func rootHint(cred *syscall.Credential, dir string) string {
	if cred == nil {
		return ""
	}
	return fmt.Sprintf("\nrunning as root: PostgreSQL runs as uid %d, which must be able to reach %s; "+
		"set LEERGANG_DATA_DIR to a folder under a world-traversable path such as /var/tmp/leergang", cred.Uid, dir)
}

// FreePort returns a loopback TCP port that nothing listens on right now (for a cluster or a child server).
func FreePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("database: find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
