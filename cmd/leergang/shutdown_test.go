package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/database"
	"github.com/vgs/leergang/internal/database/dbtest"
	"github.com/vgs/leergang/internal/mail"
	"github.com/vgs/leergang/internal/seed"
)

// trickle is a request body that sends its first half at once and the rest only when release is closed: a
// request the server has accepted and is still reading.
type trickle struct {
	first, rest []byte
	release     <-chan struct{}
	sentFirst   chan struct{}
	once        sync.Once
}

func (r *trickle) Read(p []byte) (int, error) {
	if len(r.first) > 0 {
		n := copy(p, r.first)
		r.first = r.first[n:]
		return n, nil
	}
	r.once.Do(func() { close(r.sentFirst) })
	<-r.release
	if len(r.rest) == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.rest)
	r.rest = r.rest[n:]
	return n, nil
}

// Issue 8, shutdown: SIGTERM under load. The server drains first (LEERGANG_SHUTDOWN_DELAY: /readyz 503, all else
// served), then stops taking connections; requests it accepted finish, new connections are refused, nothing
// answers 5xx. The mail worker, sending a queue at 200 ms a mail, stops between mails: each mail is delivered
// once and marked sent, or back in the queue unclaimed. run returns 0.
func TestShutdownOnSIGTERMFinishesAcceptedRequestsAndStopsMailBetweenMessages(t *testing.T) {
	const (
		queued     = 50
		mailDelay  = 200 * time.Millisecond
		drain      = time.Second
		kind       = "test.shutdown"
		loadUsers  = 4
		slowMargin = 400 * time.Millisecond // the slow request's body ends this long after the drain
	)
	ctx := context.Background()
	url := dbtest.URL(t)
	smtpSrv := startCaptureSMTP(t, mailDelay)
	db, err := database.Open(ctx, url, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if s, err := db.DB(); err == nil {
			s.Close()
		}
	})
	// The queue is there before the server starts, so its worker is sending when the signal comes.
	if err := db.Transaction(func(tx *gorm.DB) error {
		for i := range queued {
			if err := mail.Enqueue(tx, mail.Message{Kind: kind, To: fmt.Sprintf("deelnemer%02d@gemeente.example", i),
				Subject: fmt.Sprintf("Bericht %d", i), Text: "Dit bericht is verstuurd tijdens het afsluiten."}); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}

	vars := serverVars(url)
	vars["LEERGANG_ADDR"] = freeAddr(t)
	vars["LEERGANG_DEMO"] = "true"
	vars["LEERGANG_SMTP_URL"] = smtpSrv.url()
	vars["LEERGANG_SHUTDOWN_DELAY"] = drain.String()
	base := "http://" + vars["LEERGANG_ADDR"]
	// As main does: SIGTERM cancels run's context. Installed before the signal is sent, so it cannot kill the test.
	sigCtx, stopSignals := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stopSignals()
	stderr := &syncBuffer{}
	exit := make(chan int, 1)
	go func() { exit <- run(sigCtx, []string{"serve"}, env(vars), strings.NewReader(""), io.Discard, stderr) }()
	waitReady(t, base, exit, stderr)

	users := make([]*client, loadUsers)
	for i := range users {
		users[i] = newClient(base, "")
		users[i].login(t, demoParticipants[i], seed.DemoPassword)
	}
	var (
		rec, ready recorder
		stop       atomic.Bool
		wg         sync.WaitGroup
	)
	for i, c := range users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; !stop.Load(); n++ {
				rec.add(c.call(http.MethodGet, "/api/v1/me", nil))
				rec.add(c.call(http.MethodGet, "/api/v1/me/export", nil)) // everything about me: the slow read
				rec.add(c.call(http.MethodPost, "/api/v1/cohorts/"+c.cohort+"/reflections",
					map[string]any{"title": fmt.Sprintf("afsluiten %d-%d", i, n), "bodyMarkdown": "Onder belasting."}))
				rec.add(c.call(http.MethodGet, "/api/v1/me/reflections?limit=5", nil))
				time.Sleep(10 * time.Millisecond)
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		probe := newClient(base, "")
		for !stop.Load() {
			ready.add(probe.call(http.MethodGet, "/readyz", nil))
			time.Sleep(50 * time.Millisecond)
		}
	}()

	// A write whose body is still arriving when the listener closes.
	release := make(chan struct{})
	slowBody := &trickle{first: []byte(`{"title": "traag verzonden", `),
		rest: []byte(`"bodyMarkdown": "Pas na het signaal helemaal aangekomen."}`), release: release,
		sentFirst: make(chan struct{})}
	slowDone := make(chan outcome, 1)
	slowUser := users[0]
	go func() {
		slowDone <- slowUser.send(http.MethodPost, "/api/v1/cohorts/"+slowUser.cohort+"/reflections", slowBody)
	}()

	// The signal comes with the load running, the slow request in flight and the worker in the middle of the queue.
	time.Sleep(time.Second)
	<-slowBody.sentFirst
	deadline := time.Now().Add(30 * time.Second)
	for _, accepted := smtpSrv.counts(); accepted < 2; _, accepted = smtpSrv.counts() {
		if time.Now().After(deadline) {
			t.Fatalf("the worker sent no mail within 30s:\n%s", stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	signalAt := time.Now()
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	time.AfterFunc(drain+slowMargin, func() { close(release) })
	var code int
	select {
	case code = <-exit:
	case <-time.After(60 * time.Second):
		t.Fatalf("run did not return within 60s of SIGTERM:\n%s", stderr.String())
	}
	returnedAt := time.Now()
	time.Sleep(500 * time.Millisecond) // the load meets the closed listener
	stop.Store(true)
	wg.Wait()
	slow := <-slowDone

	if code != 0 {
		t.Errorf("run returned %d after SIGTERM, want 0:\n%s", code, stderr.String())
	}
	all := rec.outcomes()
	drainEnd := signalAt.Add(drain)
	beforeSignal := filter(all, func(o outcome) bool { return o.start.Before(signalAt) })
	draining := filter(all, func(o outcome) bool { return !o.start.Before(signalAt) && o.start.Before(drainEnd) })
	closing := filter(all, func(o outcome) bool { return !o.start.Before(drainEnd) && o.start.Before(returnedAt) })
	afterwards := filter(all, func(o outcome) bool { return !o.start.Before(returnedAt) })
	t.Logf("SIGTERM → run returned in %s; requests started before the signal %d (%s), during the %s drain %d (%s), "+
		"while closing %d (%s), after run returned %d (%s)", returnedAt.Sub(signalAt).Round(time.Millisecond),
		len(beforeSignal), tally(beforeSignal), drain, len(draining), tally(draining), len(closing), tally(closing),
		len(afterwards), tally(afterwards))

	expectAll(t, "5xx during shutdown", all, func(o outcome) bool { return o.status < 500 })
	expectAll(t, "failed other than by a refused or closed connection", all, func(o outcome) bool {
		return o.status != 0 || refused(o.err)
	})
	// Sent before the signal or during the drain: answered. The margin is for a connection made as the drain
	// ends, which the listener may close before accepting it (the client then sees a reset: refused, not failed).
	expectAll(t, "sent before the listener closed, no answer",
		filter(all, func(o outcome) bool { return o.start.Before(drainEnd.Add(-400 * time.Millisecond)) }),
		func(o outcome) bool { return o.status != 0 })
	if served := filter(draining, func(o outcome) bool { return o.class() == "2xx" }); len(served) == 0 {
		t.Error("nothing was served during the drain")
	}
	if len(afterwards) == 0 {
		t.Error("no request was tried after run returned")
	}
	expectAll(t, "after run returned, want connection refused", afterwards, func(o outcome) bool {
		return o.status == 0 && errors.Is(o.err, syscall.ECONNREFUSED)
	})
	// /readyz: 200 before the signal, 503 problem from it on (the first poll may have been under way).
	var readyDraining []outcome
	for _, o := range ready.outcomes() {
		switch {
		case o.end.Before(signalAt) && o.status != http.StatusOK:
			t.Errorf("/readyz before the signal: %s", o)
		case o.start.After(signalAt.Add(200*time.Millisecond)) && o.start.Before(drainEnd.Add(-200*time.Millisecond)):
			readyDraining = append(readyDraining, o)
			if o.status != http.StatusServiceUnavailable || !o.problem {
				t.Errorf("/readyz while draining: %s, want 503 problem+json", o)
			}
		}
	}
	t.Logf("/readyz while draining: %d polls (%s)", len(readyDraining), tally(readyDraining))
	if len(readyDraining) == 0 {
		t.Error("/readyz was not polled during the drain")
	}
	// The slow write was accepted before the signal and finished during Shutdown.
	t.Logf("slow write: %s, answered %s after the signal", slow, slow.end.Sub(signalAt).Round(time.Millisecond))
	if slow.status != http.StatusCreated {
		t.Errorf("slow write: %s, want 201", slow)
	}
	if !slow.end.After(drainEnd) {
		t.Errorf("the slow write ended %s after the signal, before the listener closed; it proves nothing", slow.end.Sub(signalAt))
	}
	var n int64
	if err := db.Raw(`SELECT count(*) FROM reflections WHERE title = 'traag verzonden'`).Scan(&n).Error; err != nil || n != 1 {
		t.Errorf("slow write stored %d times (%v), want once", n, err)
	}

	// Mail: each delivered once and marked sent, or unsent and unclaimed; nothing begun that was not finished.
	type row struct {
		MessageID   uuid.UUID
		Sent        bool
		Claimed     bool
		Attempts    int
		LockedUntil *time.Time
	}
	var rows []row
	if err := db.Raw(`SELECT message_id, sent_at IS NOT NULL AS sent, locked_by IS NOT NULL AS claimed, attempts,
			locked_until FROM outbox WHERE kind = ?`, kind).Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	delivered := map[string]int{}
	var afterSignal, inProgress int
	for _, m := range smtpSrv.mails() {
		delivered[strings.SplitN(m.messageID, "@", 2)[0]]++
		if m.begun.After(signalAt) {
			afterSignal++
		} else if m.accepted.After(signalAt) {
			inProgress++ // being sent when the signal came, and finished
		}
	}
	begun, accepted := smtpSrv.counts()
	var sent, unsent int
	for _, r := range rows {
		id := r.MessageID.String()
		switch {
		case r.Sent:
			sent++
			if delivered[id] != 1 {
				t.Errorf("mail %s marked sent, delivered %d times", id, delivered[id])
			}
		default:
			unsent++
			if delivered[id] != 0 {
				t.Errorf("mail %s delivered %d times but not marked sent", id, delivered[id])
			}
			if r.Claimed || r.LockedUntil != nil || r.Attempts != 0 {
				t.Errorf("unsent mail %s still claimed (claimed %v, locked until %v, attempts %d)", id, r.Claimed, r.LockedUntil, r.Attempts)
			}
		}
	}
	t.Logf("mail: %d queued, %d delivered and marked sent, %d back in the queue unclaimed; SMTP: %d begun, %d accepted, "+
		"%d in progress at the signal and finished, %d begun after it", queued, sent, unsent, begun, accepted, inProgress, afterSignal)
	if len(rows) != queued || sent+unsent != queued {
		t.Errorf("%d rows, want %d", len(rows), queued)
	}
	if sent < 2 || unsent == 0 {
		t.Errorf("want the signal in the middle of the queue: %d sent, %d unsent", sent, unsent)
	}
	if begun != accepted {
		t.Errorf("SMTP: %d messages begun, %d accepted: a mail was cut off", begun, accepted)
	}
	if afterSignal > 1 {
		t.Errorf("%d mails begun after SIGTERM; the worker should stop after the one in progress", afterSignal)
	}
}

// waitReady polls /readyz until 200, failing when run exits first.
func waitReady(t *testing.T, base string, exit <-chan int, stderr *syncBuffer) {
	t.Helper()
	hc := &http.Client{Timeout: 5 * time.Second}
	deadline := time.Now().Add(90 * time.Second)
	for {
		if resp, err := hc.Get(base + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		select {
		case code := <-exit:
			t.Fatalf("run exited with %d before it was ready:\n%s", code, stderr.String())
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("not ready within 90s:\n%s", stderr.String())
		}
	}
}

// refused says whether a request failed because the server was not taking it: the connection was refused, or
// closed or reset before an answer (a connection the listener had queued but not accepted when it closed).
func refused(err error) bool {
	return errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, io.EOF) ||
		errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(fmt.Sprint(err), "server closed idle connection")
}
