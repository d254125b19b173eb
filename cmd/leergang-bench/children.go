package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/vgs/leergang/internal/database"
)

// child is a server the benchmark started: the product or the baseline.
type child struct {
	name   string
	cmd    *exec.Cmd
	exited chan struct{}
	err    error // why it exited, once exited is closed
	URL    string
}

func startChild(name string, cmd *exec.Cmd) (*child, error) {
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	c := &child{name: name, cmd: cmd, exited: make(chan struct{})}
	go func() {
		c.err = cmd.Wait()
		close(c.exited)
	}()
	return c, nil
}

// Pid is the server's process id, whose memory the benchmark samples.
func (c *child) Pid() int { return c.cmd.Process.Pid }

// stop asks the server to shut down (SIGTERM) and waits for it, killing it when it takes too long.
func (c *child) stop() {
	select {
	case <-c.exited:
		return
	default:
	}
	_ = c.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-c.exited:
	case <-time.After(30 * time.Second):
		_ = c.cmd.Process.Kill()
		<-c.exited
	}
}

// startProduct runs the product binary on a free loopback port against the database, configured as the
// benchmark needs it (see productEnv), and waits until it is ready. Its log (warnings and errors) goes to logTo.
func startProduct(ctx context.Context, bin, databaseURL string, logTo io.Writer, extraEnv ...string) (*child, error) {
	port, err := database.FreePort()
	if err != nil {
		return nil, err
	}
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	url := "http://" + addr
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(productEnv(os.Environ(), databaseURL, addr, url), extraEnv...)
	cmd.Stdout, cmd.Stderr = logTo, logTo
	c, err := startChild("the product", cmd)
	if err != nil {
		return nil, err
	}
	c.URL = url
	if err := c.waitReady(ctx, url+"/readyz", time.Minute); err != nil {
		c.stop()
		return nil, err
	}
	return c, nil
}

// productEnv is the environment without any Leergang setting of the caller's, plus the benchmark's: its
// database, address, no second factor required (the clients log in with a password), statement counts in
// Server-Timing, the loopback as trusted proxy (each virtual client sends its own X-Forwarded-For), warnings
// only, and plain-http cookies.
func productEnv(environ []string, databaseURL, addr, baseURL string) []string {
	var env []string
	for _, kv := range environ {
		if !strings.HasPrefix(kv, "LEERGANG_") && !strings.HasPrefix(kv, "DATABASE_URL=") {
			env = append(env, kv)
		}
	}
	return append(env,
		"DATABASE_URL="+databaseURL,
		"LEERGANG_ADDR="+addr,
		"LEERGANG_BASE_URL="+baseURL,
		"LEERGANG_STAFF_2FA=optional",
		"LEERGANG_SERVER_TIMING=true",
		"LEERGANG_TRUSTED_PROXIES=127.0.0.1/32",
		"LEERGANG_LOG_LEVEL=warn",
		"LEERGANG_COOKIE_SECURE=false",
	)
}

// waitReady polls url until it answers 200, the process exits, or timeout passes.
func (c *child) waitReady(ctx context.Context, url string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return err
		}
		if resp, err := http.DefaultClient.Do(req); err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-c.exited:
			return fmt.Errorf("%s exited before it was ready: %v", c.name, c.err)
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s not ready at %s after %s", c.name, url, timeout)
		}
	}
}

// startBaseline runs this executable's baseline command on a free port and reads where it listens from the
// first line it prints.
func startBaseline(ctx context.Context, databaseURL string, logTo io.Writer) (*child, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("find this executable: %w", err)
	}
	cmd := exec.Command(self, "baseline", "-addr", "127.0.0.1:0", "-database-url", databaseURL)
	cmd.Stderr = logTo
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	c, err := startChild("the baseline", cmd)
	if err != nil {
		return nil, err
	}
	line := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		if sc.Scan() {
			line <- sc.Text()
		}
		close(line)
		_, _ = io.Copy(io.Discard, stdout) // keep the pipe drained
	}()
	select {
	case l, ok := <-line:
		addr, found := strings.CutPrefix(l, "listening on ")
		if !ok || !found {
			c.stop()
			return nil, fmt.Errorf("the baseline said %q, not where it listens (its log is with the server's)", l)
		}
		c.URL = "http://" + addr
		return c, nil
	case <-ctx.Done():
		c.stop()
		return nil, ctx.Err()
	case <-time.After(time.Minute):
		c.stop()
		return nil, errors.New("the baseline did not say where it listens within a minute")
	}
}
