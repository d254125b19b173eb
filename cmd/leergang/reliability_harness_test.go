package main

// The harness of the reliability tests (outage_test.go, shutdown_test.go, replicas_test.go): servers started as
// main starts them, API clients that record every answer, and an SMTP server that counts what it receives.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	netmail "net/mail"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/vgs/leergang/internal/config"
)

// demoParticipants are the eight participants of the demo's running cohort (2026–2027); all use seed.DemoPassword.
var demoParticipants = []string{
	"nico.middelbos@kampen.example", "annemiek.devries@zwolle.example", "joost.hendriks@deventer.example",
	"ingrid.kamphuis@borne.example", "ahmed.bouzid@almelo.example", "sanne.visser@gouda.example",
	"pieter.hoogland@buren.example", "esther.vandermeer@amersfoort.example",
}

// runningCohort names the demo's running cohort in a participant's grants.
const runningCohort = "2026"

// tempDir is a folder outside t.TempDir (0700 under root), which a root-run cluster's owner could not reach.
func tempDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "leergang-reliability-")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

// serverVars is the configuration every test server shares: plain-http cookies and staff without a second
// factor (the tests log in with a password only).
func serverVars(databaseURL string) map[string]string {
	return map[string]string{"DATABASE_URL": databaseURL, "LEERGANG_COOKIE_SECURE": "false", "LEERGANG_STAFF_2FA": "optional"}
}

// instance is one `leergang serve` running in this process through serve(), as main runs it.
type instance struct {
	name   string
	addr   string
	stderr *syncBuffer
	cancel context.CancelFunc
	done   chan error
	once   sync.Once
	err    error
}

// startInstance runs serve() with vars (on a free loopback port unless LEERGANG_ADDR is set) and waits until
// /readyz answers 200. It is stopped when the test ends.
func startInstance(t *testing.T, name string, vars map[string]string) *instance {
	t.Helper()
	if vars["LEERGANG_ADDR"] == "" {
		vars["LEERGANG_ADDR"] = freeAddr(t)
	}
	cfg, err := config.Load(env(vars))
	if err != nil {
		t.Fatal(err)
	}
	in := &instance{name: name, addr: vars["LEERGANG_ADDR"], stderr: &syncBuffer{}, done: make(chan error, 1)}
	ctx, cancel := context.WithCancel(context.Background())
	in.cancel = cancel
	go func() { in.done <- serve(ctx, cfg, newLogger(cfg, in.stderr), io.Discard) }()
	t.Cleanup(func() {
		if err := in.stop(); err != nil {
			t.Errorf("%s: serve returned %v", name, err)
		}
	})
	hc := &http.Client{Timeout: 5 * time.Second}
	deadline := time.Now().Add(90 * time.Second)
	for {
		resp, err := hc.Get("http://" + in.addr + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return in
			}
		}
		select {
		case err := <-in.done:
			in.done <- err
			t.Fatalf("%s: serve ended before it was ready: %v\n%s", name, err, in.stderr.String())
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: not ready within 90s\n%s", name, in.stderr.String())
		}
	}
}

// stop ends serve as SIGTERM would and returns what it returned.
func (in *instance) stop() error {
	in.once.Do(func() {
		in.cancel()
		select {
		case in.err = <-in.done:
		case <-time.After(60 * time.Second):
			in.err = errors.New("serve did not return within 60s of being stopped")
		}
	})
	return in.err
}

// outcome is one request as the client saw it.
type outcome struct {
	method, path string
	start, end   time.Time
	status       int    // 0: no response (err says why)
	problem      bool   // the body is application/problem+json
	backend      string // the replica that answered (X-Backend, set by the test proxy)
	err          error
	body         []byte
	setCookie    []*http.Cookie
}

func (o outcome) latency() time.Duration { return o.end.Sub(o.start) }

// class is 2xx, 4xx, 5xx, or "no answer".
func (o outcome) class() string {
	if o.status == 0 {
		return "no answer"
	}
	return fmt.Sprintf("%dxx", o.status/100)
}

func (o outcome) String() string {
	s := fmt.Sprintf("%s %s → %d after %s", o.method, o.path, o.status, o.latency().Round(time.Millisecond))
	if o.err != nil {
		s += fmt.Sprintf(" (%v)", o.err)
	}
	if o.status >= 400 {
		s += ": " + strings.TrimSpace(string(o.body))
	}
	return s
}

// client is one person using the API: an access token and the refresh cookie, from one source address.
type client struct {
	base    string
	hc      *http.Client
	token   string
	refresh string
	cohort  string // the running cohort of a participant
	userID  string
}

// newClient talks to base; a non-empty sourceIP (a loopback address such as 127.0.0.7) makes its connections
// come from there, so that a server behind a proxy sees distinct client addresses.
func newClient(base, sourceIP string) *client {
	d := &net.Dialer{Timeout: 5 * time.Second}
	if sourceIP != "" {
		d.LocalAddr = &net.TCPAddr{IP: net.ParseIP(sourceIP)}
	}
	tr := &http.Transport{DialContext: d.DialContext, MaxIdleConnsPerHost: 4, IdleConnTimeout: 30 * time.Second}
	// 15 s: longer than any answer the claims allow, so a hanging request shows up as one.
	return &client{base: base, hc: &http.Client{Transport: tr, Timeout: 15 * time.Second}}
}

const refreshCookie = "leergang_refresh" // LEERGANG_COOKIE_SECURE=false: without the __Host- prefix

// call sends one request; body, when not nil, is sent as JSON. hdr adds headers (e.g. X-Backend for the proxy).
func (c *client) call(method, path string, body any, hdr ...string) outcome {
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			panic(err)
		}
		r = bytes.NewReader(b)
	}
	return c.send(method, path, r, hdr...)
}

// send is call with a body reader (e.g. one that trickles).
func (c *client) send(method, path string, body io.Reader, hdr ...string) outcome {
	o := outcome{method: method, path: path, start: time.Now()}
	req, err := http.NewRequest(method, c.base+path, body)
	if err != nil {
		panic(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	if c.refresh != "" && strings.HasPrefix(path, "/api/v1/auth/") {
		req.AddCookie(&http.Cookie{Name: refreshCookie, Value: c.refresh})
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		o.end, o.err = time.Now(), err
		return o
	}
	o.body, err = io.ReadAll(resp.Body)
	resp.Body.Close()
	o.end, o.status, o.err = time.Now(), resp.StatusCode, err
	o.problem = strings.HasPrefix(resp.Header.Get("Content-Type"), "application/problem+json")
	o.backend = resp.Header.Get("X-Backend")
	o.setCookie = resp.Cookies()
	return o
}

type session struct {
	AccessToken string `json:"accessToken"`
	User        struct {
		ID     string `json:"id"`
		Grants []struct {
			Role       string  `json:"role"`
			CohortID   *string `json:"cohortId"`
			CohortName *string `json:"cohortName"`
		} `json:"grants"`
	} `json:"user"`
}

// takeSession keeps the tokens of a successful login or refresh.
func (c *client) takeSession(o outcome) error {
	if o.status != http.StatusOK {
		return fmt.Errorf("no session: %s", o)
	}
	var s session
	if err := json.Unmarshal(o.body, &s); err != nil {
		return err
	}
	c.token, c.userID = s.AccessToken, s.User.ID
	c.refresh = ""
	for _, ck := range o.setCookie {
		if ck.Name == refreshCookie {
			c.refresh = ck.Value
		}
	}
	if c.token == "" || c.refresh == "" {
		return fmt.Errorf("login answer without access token or refresh cookie: %s", o)
	}
	for _, g := range s.User.Grants {
		if g.Role == "participant" && g.CohortName != nil && strings.Contains(*g.CohortName, runningCohort) {
			c.cohort = *g.CohortID
		}
	}
	return nil
}

// login signs in with a password and keeps the tokens; hdr goes along (proxy routing).
func (c *client) login(t *testing.T, email, password string, hdr ...string) outcome {
	t.Helper()
	o := c.call(http.MethodPost, "/api/v1/auth/login", map[string]string{"email": email, "password": password}, hdr...)
	if err := c.takeSession(o); err != nil {
		t.Fatalf("login %s: %v", email, err)
	}
	return o
}

// recorder collects outcomes from many goroutines.
type recorder struct {
	mu  sync.Mutex
	all []outcome
}

func (r *recorder) add(o outcome) outcome {
	r.mu.Lock()
	r.all = append(r.all, o)
	r.mu.Unlock()
	return o
}

func (r *recorder) outcomes() []outcome {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]outcome(nil), r.all...)
}

// tally counts outcomes per status class, e.g. "2xx:120 5xx:30".
func tally(outs []outcome) string {
	n := map[string]int{}
	for _, o := range outs {
		n[o.class()]++
	}
	keys := make([]string, 0, len(n))
	for k := range n {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s:%d", k, n[k]))
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, " ")
}

func maxLatency(outs []outcome) time.Duration {
	var m time.Duration
	for _, o := range outs {
		m = max(m, o.latency())
	}
	return m
}

func filter(outs []outcome, keep func(outcome) bool) []outcome {
	var out []outcome
	for _, o := range outs {
		if keep(o) {
			out = append(out, o)
		}
	}
	return out
}

// captureSMTP is a real SMTP server (github.com/emersion/go-smtp) on loopback that keeps every message it
// accepts, taking delay per message, and counts messages begun (DATA) and accepted.
type captureSMTP struct {
	addr  string
	delay time.Duration

	mu       sync.Mutex
	begun    int
	accepted []capturedMail
}

type capturedMail struct {
	messageID string
	to        string
	begun     time.Time
	accepted  time.Time
}

func startCaptureSMTP(t *testing.T, delay time.Duration) *captureSMTP {
	t.Helper()
	s := &captureSMTP{delay: delay}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &captureSession{srv: s}, nil }))
	srv.Domain = "smtp.test"
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.addr = ln.Addr().String()
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return s
}

func (s *captureSMTP) url() string { return "smtp://" + s.addr }

func (s *captureSMTP) mails() []capturedMail {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]capturedMail(nil), s.accepted...)
}

func (s *captureSMTP) counts() (begun, accepted int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.begun, len(s.accepted)
}

type captureSession struct {
	srv *captureSMTP
	to  string
}

func (c *captureSession) Mail(string, *smtp.MailOptions) error { return nil }
func (c *captureSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	c.to = to
	return nil
}
func (c *captureSession) Reset()        { c.to = "" }
func (c *captureSession) Logout() error { return nil }

func (c *captureSession) Data(r io.Reader) error {
	begun := time.Now()
	c.srv.mu.Lock()
	c.srv.begun++
	c.srv.mu.Unlock()
	data, err := io.ReadAll(r)
	if err != nil {
		return err // the sender went away mid-message: begun, never accepted
	}
	time.Sleep(c.srv.delay)
	m, err := netmail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		return err
	}
	c.srv.mu.Lock()
	defer c.srv.mu.Unlock()
	c.srv.accepted = append(c.srv.accepted, capturedMail{messageID: strings.Trim(m.Header.Get("Message-Id"), "<>"),
		to: c.to, begun: begun, accepted: time.Now()})
	return nil
}

// expectAll fails the test for every outcome that does not pass ok, reporting the first five and how many
// there were (an outage produces thousands of answers; a broken claim would otherwise flood the log).
func expectAll(t *testing.T, what string, outs []outcome, ok func(outcome) bool) {
	t.Helper()
	bad := filter(outs, func(o outcome) bool { return !ok(o) })
	for i, o := range bad {
		if i == 5 {
			t.Errorf("%s: … %d more", what, len(bad)-5)
			break
		}
		t.Errorf("%s: %s", what, o)
	}
}
