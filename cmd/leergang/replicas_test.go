package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/database"
	"github.com/vgs/leergang/internal/database/dbtest"
	"github.com/vgs/leergang/internal/mail"
	"github.com/vgs/leergang/internal/seed"
)

// roundRobin is a reverse proxy on loopback in front of the replicas, like a load balancer: each request goes to
// the next replica, or to the one named in X-Backend (0, 1, 2) when a test wants to choose. It sets
// X-Forwarded-For to the client's address and says in the response's X-Backend which replica answered.
type roundRobin struct {
	url     string
	next    atomic.Uint64
	names   map[string]string // backend host → name
	targets []*url.URL
}

func startRoundRobin(t *testing.T, replicas []*instance) *roundRobin {
	t.Helper()
	p := &roundRobin{names: map[string]string{}}
	for i, r := range replicas {
		u := &url.URL{Scheme: "http", Host: r.addr}
		p.targets = append(p.targets, u)
		p.names[u.Host] = strconv.Itoa(i)
	}
	rp := &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			i := int(p.next.Add(1)-1) % len(p.targets)
			if pinned, err := strconv.Atoi(pr.In.Header.Get("X-Backend")); err == nil {
				i = pinned
			}
			pr.SetURL(p.targets[i])
			pr.SetXForwarded() // X-Forwarded-For: the client's address, which the replicas trust from 127.0.0.1
			pr.Out.Header.Del("X-Backend")
		},
		ModifyResponse: func(resp *http.Response) error {
			resp.Header.Set("X-Backend", p.names[resp.Request.URL.Host])
			return nil
		},
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: rp, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	p.url = "http://" + ln.Addr().String()
	return p
}

// Issue 8, several replicas: three servers on one database behind a round-robin proxy, under load. Logins,
// refreshes and writes work whichever replica answers; refresh-token rotation and reuse detection hold across
// replicas; the login limit per address holds exactly across them; and with every replica's mail worker
// running, each mail is delivered exactly once.
func TestReplicasShareSessionsRateLimitsAndOutbox(t *testing.T) {
	const (
		replicas   = 3
		loadUsers  = 6
		iterations = 12
		mails      = 60
		kind       = "test.replicas"
		loginLimit = 30 // ratelimit.Defaults().LoginPerIP, per minute
		wrong      = 40
	)
	ctx := context.Background()
	dbURL := dbtest.URL(t)
	smtpSrv := startCaptureSMTP(t, 30*time.Millisecond)
	servers := make([]*instance, replicas)
	for i := range servers {
		vars := serverVars(dbURL)
		vars["LEERGANG_TRUSTED_PROXIES"] = "127.0.0.1/32" // the proxy; every other loopback address is a client
		vars["LEERGANG_SMTP_URL"] = smtpSrv.url()
		vars["LEERGANG_DEMO"] = strconv.FormatBool(i == 0)
		servers[i] = startInstance(t, "replica "+strconv.Itoa(i), vars)
	}
	proxy := startRoundRobin(t, servers)
	db, err := database.Open(ctx, dbURL, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if s, err := db.DB(); err == nil {
			s.Close()
		}
	})

	var (
		rec recorder
		wg  sync.WaitGroup
	)
	// Load: participants, each from an address of their own, log in, refresh, read and write, round robin.
	for i := range loadUsers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := newClient(proxy.url, fmt.Sprintf("127.0.0.%d", 20+i))
			o := rec.add(c.call(http.MethodPost, "/api/v1/auth/login",
				map[string]string{"email": demoParticipants[2+i], "password": seed.DemoPassword}))
			if err := c.takeSession(o); err != nil {
				t.Errorf("load login: %v", err)
				return
			}
			for n := range iterations {
				if n%3 == 2 {
					if err := c.takeSession(rec.add(c.call(http.MethodPost, "/api/v1/auth/refresh", nil))); err != nil {
						t.Errorf("load refresh: %v", err)
						return
					}
				}
				rec.add(c.call(http.MethodGet, "/api/v1/me", nil))
				rec.add(c.call(http.MethodPost, "/api/v1/cohorts/"+c.cohort+"/reflections",
					map[string]any{"title": fmt.Sprintf("replica %d-%d", i, n), "bodyMarkdown": "Welke server dan ook."}))
				rec.add(c.call(http.MethodGet, "/api/v1/me/reflections?limit=5", nil))
			}
		}()
	}

	// Mail: queued while the load runs; every replica's worker polls the outbox.
	if err := db.Transaction(func(tx *gorm.DB) error {
		for i := range mails {
			if err := mail.Enqueue(tx, mail.Message{Kind: kind, To: fmt.Sprintf("deelnemer%02d@gemeente.example", i),
				Subject: fmt.Sprintf("Bericht %d", i), Text: "Eén keer bezorgd, door welke server dan ook."}); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}

	// The login limit per address, counted in PostgreSQL: wrong logins from one address, spread over the
	// replicas, each for another unknown account (so no account lockout interferes).
	wrongs := make([]outcome, wrong)
	var wwg sync.WaitGroup
	for i := range wrongs {
		wwg.Add(1)
		go func() {
			defer wwg.Done()
			wrongs[i] = newClient(proxy.url, "127.0.0.99").call(http.MethodPost, "/api/v1/auth/login",
				map[string]string{"email": fmt.Sprintf("onbekend%02d@gemeente.example", i), "password": "fout wachtwoord 123"})
		}()
	}

	// One login session across the replicas: log in on 0, refresh on 1, write on 2, and so on.
	chain := newClient(proxy.url, "127.0.0.30")
	chain.login(t, demoParticipants[0], seed.DemoPassword, "X-Backend", "0")
	first := chain.refresh
	step := func(what string, want int, o outcome, backend string) {
		t.Helper()
		if o.status != want || o.backend != backend {
			t.Errorf("%s: %s on replica %q, want %d on replica %s", what, o, o.backend, want, backend)
		}
	}
	o := chain.call(http.MethodPost, "/api/v1/auth/refresh", nil, "X-Backend", "1")
	step("refresh on another replica", http.StatusOK, o, "1")
	if err := chain.takeSession(o); err != nil {
		t.Fatal(err)
	}
	step("write on a third replica", http.StatusCreated, chain.call(http.MethodPost, "/api/v1/cohorts/"+chain.cohort+"/reflections",
		map[string]any{"title": "drie servers", "bodyMarkdown": "Ingelogd op de ene, ververst op de andere."}, "X-Backend", "2"), "2")
	step("read on the first replica", http.StatusOK, chain.call(http.MethodGet, "/api/v1/me", nil, "X-Backend", "0"), "0")
	o = chain.call(http.MethodPost, "/api/v1/auth/refresh", nil, "X-Backend", "2")
	step("second refresh", http.StatusOK, o, "2")
	if err := chain.takeSession(o); err != nil {
		t.Fatal(err)
	}
	// The first refresh token, used and since followed by two newer ones, is presented again (stolen): the whole
	// login ends, on every replica.
	thief := newClient(proxy.url, "127.0.0.31")
	thief.refresh = first
	step("reused refresh token", http.StatusUnauthorized, thief.call(http.MethodPost, "/api/v1/auth/refresh", nil, "X-Backend", "0"), "0")
	step("latest refresh token after the reuse", http.StatusUnauthorized, chain.call(http.MethodPost, "/api/v1/auth/refresh", nil, "X-Backend", "1"), "1")
	step("access token after the reuse", http.StatusUnauthorized, chain.call(http.MethodGet, "/api/v1/me", nil, "X-Backend", "2"), "2")

	wwg.Wait()
	wg.Wait()

	// Every mail sent, then counted by Message-ID.
	deadline := time.Now().Add(45 * time.Second)
	for {
		var unsent int64
		if err := db.Raw(`SELECT count(*) FROM outbox WHERE kind = ? AND sent_at IS NULL`, kind).Scan(&unsent).Error; err != nil {
			t.Fatal(err)
		}
		if unsent == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d mails still unsent after 45s", unsent, mails)
		}
		time.Sleep(100 * time.Millisecond)
	}

	all := rec.outcomes()
	perReplica := map[string]int{}
	for _, o := range all {
		perReplica[o.backend]++
	}
	t.Logf("load: %d requests (%s), per replica %v", len(all), tally(all), perReplica)
	expectAll(t, "load through the proxy", all, func(o outcome) bool { return o.class() == "2xx" })
	for i := range replicas {
		if perReplica[strconv.Itoa(i)] == 0 {
			t.Errorf("replica %d answered none of the load", i)
		}
	}

	statuses, wrongPerReplica := map[int]int{}, map[string]int{}
	for _, o := range wrongs {
		statuses[o.status]++
		wrongPerReplica[o.backend]++
	}
	t.Logf("%d wrong logins from one address: %d × 401, %d × 429 (others %v); per replica %v", wrong,
		statuses[http.StatusUnauthorized], statuses[http.StatusTooManyRequests], statuses, wrongPerReplica)
	if statuses[http.StatusUnauthorized] != loginLimit || statuses[http.StatusTooManyRequests] != wrong-loginLimit {
		t.Errorf("want exactly %d × 401 and %d × 429 across the replicas, got %v", loginLimit, wrong-loginLimit, statuses)
	}
	if len(wrongPerReplica) != replicas {
		t.Errorf("the wrong logins reached replicas %v, want all %d", wrongPerReplica, replicas)
	}

	var ids []string
	if err := db.Raw(`SELECT message_id::text FROM outbox WHERE kind = ?`, kind).Scan(&ids).Error; err != nil {
		t.Fatal(err)
	}
	delivered := map[string]int{}
	for _, m := range smtpSrv.mails() {
		delivered[strings.SplitN(m.messageID, "@", 2)[0]]++
	}
	once := 0
	for _, id := range ids {
		switch delivered[id] {
		case 1:
			once++
		default:
			t.Errorf("mail %s delivered %d times", id, delivered[id])
		}
	}
	begun, accepted := smtpSrv.counts()
	sentBy := make([]int, replicas)
	for i, s := range servers {
		for _, line := range strings.Split(s.stderr.String(), "\n") {
			if strings.Contains(line, `msg="mail sent"`) && strings.Contains(line, "kind="+kind) {
				sentBy[i]++
			}
		}
	}
	t.Logf("mail: %d queued, %d delivered exactly once (SMTP: %d begun, %d accepted); sent by replica: %v",
		len(ids), once, begun, accepted, sentBy)
	if len(ids) != mails || once != mails {
		t.Errorf("want %d mails delivered once each, got %d of %d", mails, once, len(ids))
	}
	if begun != accepted {
		t.Errorf("SMTP: %d begun, %d accepted", begun, accepted)
	}
}
