package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vgs/leergang/internal/database/dbtest"
)

func TestMain(m *testing.M) { os.Exit(dbtest.Main(m)) }

// syncBuffer is a bytes.Buffer safe for the server goroutine to write while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// serveUntilReady runs `leergang serve` in the background and waits for /readyz; stop ends it like SIGTERM.
func serveUntilReady(t *testing.T, vars map[string]string) (stdout *syncBuffer, stop func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	done := make(chan int, 1)
	go func() { done <- run(ctx, []string{"serve"}, env(vars), strings.NewReader(""), stdout, stderr) }()
	deadline := time.Now().Add(90 * time.Second)
	for {
		resp, err := http.Get("http://" + vars["LEERGANG_ADDR"] + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited with %d before it was ready:\n%s", code, stderr.String())
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("not ready within 90s:\n%s", stderr.String())
		}
	}
	return stdout, func() int { cancel(); return <-done }
}

func login(t *testing.T, addr, email, password string) int {
	t.Helper()
	resp, err := http.Post("http://"+addr+"/api/v1/auth/login", "application/json",
		strings.NewReader(fmt.Sprintf(`{"email":%q,"password":%q}`, email, password)))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestServeWithoutDatabaseURLRunsOwnPostgresAndKeepsDataAcrossRestarts(t *testing.T) {
	dir, err := os.MkdirTemp("", "leergang-serve-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	os.Chmod(dir, 0o755) // a root-run cluster's unprivileged owner must reach it
	vars := map[string]string{"LEERGANG_DATA_DIR": dir, "LEERGANG_ADDR": freeAddr(t), "LEERGANG_DEMO": "true",
		"LEERGANG_COOKIE_SECURE": "false"}

	out, stop := serveUntilReady(t, vars)
	for _, want := range []string{"Demo-accounts", "beheer@vgs.example", "nico.middelbos@kampen.example", "leergang-demo-2021"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("first start does not print %q:\n%s", want, out.String())
		}
	}
	if code := login(t, vars["LEERGANG_ADDR"], "beheer@vgs.example", "leergang-demo-2021"); code != 200 {
		t.Fatalf("demo admin login: %d", code)
	}
	if code := stop(); code != 0 {
		t.Fatalf("serve exited with %d after SIGTERM-like stop", code)
	}

	// Second start on the same folder: the data is still there, nothing is seeded twice.
	vars["LEERGANG_ADDR"] = freeAddr(t)
	vars["LEERGANG_DEMO"] = "false"
	_, stop = serveUntilReady(t, vars)
	defer stop()
	if code := login(t, vars["LEERGANG_ADDR"], "nico.middelbos@kampen.example", "leergang-demo-2021"); code != 200 {
		t.Fatalf("login after restart: %d, want 200 (data lost?)", code)
	}
}

func TestCreateAdminThenLogIn(t *testing.T) {
	url := dbtest.URL(t)
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"create-admin", "-email", "Beheer@VGS.nl", "-name", "Eerste Beheerder"},
		env(map[string]string{"DATABASE_URL": url, "LEERGANG_ADMIN_PASSWORD": "een lang en geheim wachtwoord"}),
		strings.NewReader(""), &out, &errOut)
	if code != 0 {
		t.Fatalf("create-admin exited %d: %s", code, errOut.String())
	}
	addr := freeAddr(t)
	_, stop := serveUntilReady(t, map[string]string{"DATABASE_URL": url, "LEERGANG_ADDR": addr})
	defer stop()
	// The password is right; as staff (LEERGANG_STAFF_2FA defaults to required) the admin sets up a second
	// factor before the login completes.
	if c := login(t, addr, "beheer@vgs.nl", "een lang en geheim wachtwoord"); c != 202 {
		t.Fatalf("login as the new admin: %d, want 202 (second factor required)", c)
	}
}

func TestCreateAdminRefusesShortPasswords(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"create-admin", "-email", "a@b.nl", "-name", "A"},
		env(map[string]string{"DATABASE_URL": "postgres://unused"}), strings.NewReader("kort\n"), &out, &errOut)
	if code == 0 || !strings.Contains(errOut.String(), "at least 12") {
		t.Fatalf("exit %d, stderr %q", code, errOut.String())
	}
}

func TestMigrateReportsEveryMigrationApplied(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"migrate"}, env(map[string]string{"DATABASE_URL": dbtest.URL(t)}),
		strings.NewReader(""), &out, &errOut)
	if code != 0 {
		t.Fatalf("migrate exited %d: %s", code, errOut.String())
	}
	files, _ := os.ReadDir("../../migrations")
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f.Name(), ".sql") {
			n++
			if !strings.Contains(out.String(), f.Name()) {
				t.Errorf("migrate output does not list %s", f.Name())
			}
		}
	}
	if n == 0 || strings.Count(out.String(), "applied") != n || strings.Contains(out.String(), "pending") {
		t.Fatalf("want %d applied migrations:\n%s", n, out.String())
	}
}

func TestUnknownCommandAndBadConfigExitWithUsage(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"frobnicate"}, env(nil), strings.NewReader(""), &out, &errOut); code != 2 ||
		!strings.Contains(errOut.String(), "Commands:") {
		t.Fatalf("unknown command: exit %d, stderr %q", code, errOut.String())
	}
	errOut.Reset()
	if code := run(context.Background(), []string{"serve"}, env(map[string]string{"LEERGANG_DEMO": "misschien"}),
		strings.NewReader(""), &out, &errOut); code != 2 || !strings.Contains(errOut.String(), "LEERGANG_DEMO") {
		t.Fatalf("bad config: exit %d, stderr %q", code, errOut.String())
	}
}

func TestCreateAdminRefusesBreachedAndContextPasswords(t *testing.T) {
	for password, want := range map[string]string{
		"passwordpassword":    "(breached)",
		"beheer van leergang": "(context)",
	} {
		var out, errOut bytes.Buffer
		code := run(context.Background(), []string{"create-admin", "-email", "beheer@vgs.nl", "-name", "A"},
			env(map[string]string{"DATABASE_URL": "postgres://unused"}), strings.NewReader(password+"\n"), &out, &errOut)
		if code == 0 || !strings.Contains(errOut.String(), want) {
			t.Errorf("%q: exit %d, stderr %q", password, code, errOut.String())
		}
	}
}
