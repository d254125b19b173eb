package mail

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/database"
	"github.com/vgs/leergang/internal/database/dbtest"
)

// A delivery the server refuses for now is recorded (attempts, last_error, a later send_after), is not tried
// again before send_after, and then goes out exactly once.
func TestRefusedMailIsRetriedAfterBackoffAndDeliveredOnce(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	m := message(1)
	enqueue(t, db, m)
	srv := startSMTP(t, smtpOptions{reject: func(attempt int) error {
		if attempt == 1 {
			return tempFailure
		}
		return nil
	}})
	const backoff = 1500 * time.Millisecond
	var asked []int
	var mu sync.Mutex
	startWorker(t, NewWorker(db, newSender(t, srv), fast(t, WorkerOptions{Backoff: func(n int) time.Duration {
		mu.Lock()
		defer mu.Unlock()
		asked = append(asked, n)
		return backoff
	}})))

	waitUntil(t, "the first attempt is recorded", 15*time.Second, func() bool { return rowTo(t, db, m.To).Attempts == 1 })
	failed := rowTo(t, db, m.To)
	if failed.SentAt != nil || failed.FailedAt != nil || failed.LockedUntil != nil || failed.LockedBy != nil {
		t.Fatalf("after one refusal: %+v, want queued and unlocked", failed)
	}
	if failed.LastError == nil || !strings.Contains(*failed.LastError, "451") {
		t.Fatalf("last_error %v, want the server's 451", failed.LastError)
	}
	if wait := failed.SendAfter.Sub(failed.DBNow); wait < backoff/2 || wait > backoff {
		t.Fatalf("send_after is %s from now, want about the backoff of %s", wait, backoff)
	}

	waitUntil(t, "the retry is delivered", 15*time.Second, func() bool { return rowTo(t, db, m.To).SentAt != nil })
	time.Sleep(200 * time.Millisecond) // ten more polls: nothing more may go out
	got := srv.messages()
	if len(got) != 1 || srv.dataAttempts() != 2 {
		t.Fatalf("server accepted %d messages in %d attempts, want 1 in 2", len(got), srv.dataAttempts())
	}
	if got[0].At.Before(failed.SendAfter.Add(-50 * time.Millisecond)) {
		t.Fatalf("retried at %s, before send_after %s", got[0].At, failed.SendAfter)
	}
	sent := rowTo(t, db, m.To)
	if sent.Attempts != 2 || sent.FailedAt != nil || sent.LockedUntil != nil {
		t.Fatalf("after delivery: %+v", sent)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(asked) != 1 || asked[0] != 1 {
		t.Fatalf("backoff asked for %v, want [1] (one failed attempt)", asked)
	}
}

// A mail that keeps failing is given up after MaxAttempts: failed_at is set and it leaves the queue.
func TestMailFailsForGoodAfterMaxAttempts(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	m := message(1)
	enqueue(t, db, m)
	srv := startSMTP(t, smtpOptions{reject: func(int) error { return tempFailure }})
	startWorker(t, NewWorker(db, newSender(t, srv), fast(t, WorkerOptions{
		MaxAttempts: 3, Backoff: func(int) time.Duration { return 10 * time.Millisecond }})))

	waitUntil(t, "the mail is given up", 15*time.Second, func() bool { return rowTo(t, db, m.To).FailedAt != nil })
	time.Sleep(200 * time.Millisecond)
	r := rowTo(t, db, m.To)
	if r.Attempts != 3 || r.SentAt != nil || r.LastError == nil || r.LockedUntil != nil {
		t.Fatalf("failed row %+v, want 3 attempts, an error, not sent, unlocked", r)
	}
	if n := srv.dataAttempts(); n != 3 {
		t.Fatalf("server saw %d attempts, want 3 and then none", n)
	}
}

// The default backoff: 30 s, 1 min, 2 min, … doubling up to 1 h, each within ±20%.
func TestBackoffDoublesWithJitterUpToAnHour(t *testing.T) {
	base := 30 * time.Second
	for n := 1; n <= 12; n++ {
		lo, hi := time.Duration(float64(min(base, time.Hour))*0.8), min(time.Duration(float64(base)*1.2), time.Hour)
		seen := map[time.Duration]bool{}
		for range 200 {
			d := Backoff(n)
			if d < lo || d > hi {
				t.Fatalf("Backoff(%d) = %s, want between %s and %s", n, d, lo, hi)
			}
			seen[d] = true
		}
		if len(seen) < 10 {
			t.Fatalf("Backoff(%d) has no jitter: %v", n, seen)
		}
		base *= 2
	}
}

// countingSender counts what one worker sends, on top of the real SMTP sender.
type countingSender struct {
	Sender
	n atomic.Int64
}

func (c *countingSender) Send(ctx context.Context, m Outgoing) error {
	err := c.Sender.Send(ctx, m)
	if err == nil {
		c.n.Add(1)
	}
	return err
}

// Two workers, each with its own connection pool like two replicas, deliver 50 mails: every one exactly once.
func TestTwoWorkersDeliverEveryMailExactlyOnce(t *testing.T) {
	t.Parallel()
	url := dbtest.URL(t)
	open := func() *gorm.DB {
		db, err := database.Open(context.Background(), url, testLog(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if s, err := db.DB(); err == nil {
				_ = s.Close()
			}
		})
		return db
	}
	dbA, dbB := open(), open()
	const total = 50
	var msgs []Message
	for i := range total {
		msgs = append(msgs, message(i))
	}
	enqueue(t, dbA, msgs...)

	srv := startSMTP(t, smtpOptions{delay: 5 * time.Millisecond})
	a := &countingSender{Sender: newSender(t, srv)}
	b := &countingSender{Sender: newSender(t, srv)}
	opt := WorkerOptions{BatchSize: 4, PollInterval: 5 * time.Millisecond}
	startWorker(t, NewWorker(dbA, a, fast(t, opt)))
	startWorker(t, NewWorker(dbB, b, fast(t, opt)))

	waitUntil(t, "all mails are sent", 60*time.Second, func() bool {
		return count(t, dbA, `SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL`) == total
	})
	time.Sleep(100 * time.Millisecond)
	got := srv.messages()
	if len(got) != total {
		t.Fatalf("server received %d messages for %d mails", len(got), total)
	}
	ids, rcpts := map[string]int{}, map[string]int{}
	for _, r := range got {
		ids[parse(t, r).Header.Get("Message-Id")]++
		rcpts[strings.Join(r.To, ",")]++
	}
	for _, m := range msgs {
		if rcpts[m.To] != 1 {
			t.Errorf("%s received %d copies", m.To, rcpts[m.To])
		}
	}
	if len(ids) != total {
		t.Errorf("%d distinct Message-IDs for %d mails", len(ids), total)
	}
	if a.n.Load()+b.n.Load() != total || a.n.Load() == 0 || b.n.Load() == 0 {
		t.Errorf("worker A sent %d, worker B %d: want both to share the %d mails", a.n.Load(), b.n.Load(), total)
	}
	if n := count(t, dbA, `SELECT count(*) FROM outbox WHERE attempts <> 1 OR locked_until IS NOT NULL`); n != 0 {
		t.Errorf("%d rows with attempts ≠ 1 or still locked", n)
	}
}

// Many claims at the same moment never hand out one row twice.
func TestConcurrentClaimsAreDisjoint(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	const total = 60
	var msgs []Message
	for i := range total {
		msgs = append(msgs, message(i))
	}
	enqueue(t, db, msgs...)
	store := NewStore(db)
	var mu sync.Mutex
	seen := map[int64]int{}
	var wg sync.WaitGroup
	start := make(chan struct{})
	for range 6 {
		wg.Go(func() {
			<-start
			for {
				batch, err := store.claim(context.Background(), uuid.New(), 7, time.Minute)
				if err != nil {
					t.Error(err)
					return
				}
				if len(batch) == 0 {
					return
				}
				mu.Lock()
				for _, o := range batch {
					seen[o.ID]++
				}
				mu.Unlock()
			}
		})
	}
	close(start)
	wg.Wait()
	if len(seen) != total {
		t.Fatalf("%d of %d rows claimed", len(seen), total)
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("row %d claimed %d times", id, n)
		}
	}
}

// gateSender holds the first send until released, so the test can cancel the worker mid-send.
type gateSender struct {
	Sender
	started chan struct{}
	release chan struct{}
	once    sync.Once
}

func (g *gateSender) Send(ctx context.Context, m Outgoing) error {
	first := false
	g.once.Do(func() { first = true })
	if first {
		close(g.started)
		<-g.release
	}
	return g.Sender.Send(ctx, m)
}

// Cancelling a worker mid-send lets that mail finish and be marked sent, gives the rest of its claim back at
// once (no row stays locked), and the next worker sends those.
func TestCancelledWorkerFinishesTheMailInHandAndGivesTheRestBack(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	var msgs []Message
	for i := range 5 {
		msgs = append(msgs, message(i))
	}
	enqueue(t, db, msgs...)
	srv := startSMTP(t, smtpOptions{})
	gate := &gateSender{Sender: newSender(t, srv), started: make(chan struct{}), release: make(chan struct{})}
	w := NewWorker(db, gate, fast(t, WorkerOptions{BatchSize: 5}))

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); w.Run(ctx) }()
	select {
	case <-gate.started:
	case <-time.After(15 * time.Second):
		t.Fatal("the worker did not start sending")
	}
	if n := count(t, db, `SELECT count(*) FROM outbox WHERE locked_until > now()`); n != 5 {
		t.Fatalf("%d rows claimed, want the batch of 5", n)
	}
	cancel()
	select {
	case <-done:
		t.Fatal("Run returned while a mail was being sent")
	case <-time.After(100 * time.Millisecond):
	}
	close(gate.release)
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		t.Fatal("Run did not return after cancel")
	}

	if got := srv.messages(); len(got) != 1 {
		t.Fatalf("server received %d messages, want only the one in hand", len(got))
	}
	if n := count(t, db, `SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL AND attempts = 1`); n != 1 {
		t.Fatalf("%d rows marked sent, want 1", n)
	}
	if n := count(t, db, `SELECT count(*) FROM outbox WHERE sent_at IS NULL
		AND locked_until IS NULL AND locked_by IS NULL AND attempts = 0`); n != 4 {
		t.Fatalf("%d unsent rows given back unlocked with no attempt counted, want 4", n)
	}

	startWorker(t, NewWorker(db, newSender(t, srv), fast(t, WorkerOptions{})))
	waitUntil(t, "the rest is sent by the next worker", 15*time.Second, func() bool { return len(srv.messages()) == 5 })
	time.Sleep(100 * time.Millisecond)
	rcpts := map[string]int{}
	for _, r := range srv.messages() {
		rcpts[r.To[0]]++
	}
	for _, m := range msgs {
		if rcpts[m.To] != 1 {
			t.Errorf("%s received %d copies", m.To, rcpts[m.To])
		}
	}
}

// A worker that dies holding a claim delays its mails only until the lease runs out; then another worker sends
// them.
func TestCrashedWorkersClaimExpires(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	enqueue(t, db, message(1), message(2), message(3))
	// The "crashed" worker: it claims and is never heard of again.
	const lease = time.Second
	crashed, err := NewStore(db).claim(context.Background(), uuid.New(), 10, lease)
	if err != nil || len(crashed) != 3 {
		t.Fatalf("claim: %d rows, %v", len(crashed), err)
	}
	held := rowTo(t, db, message(1).To)
	if held.LockedUntil == nil || held.LockedBy == nil {
		t.Fatalf("claimed row %+v has no lease", held)
	}

	srv := startSMTP(t, smtpOptions{})
	startWorker(t, NewWorker(db, newSender(t, srv), fast(t, WorkerOptions{})))
	waitUntil(t, "the expired claims are sent", 15*time.Second, func() bool { return len(srv.messages()) == 3 })
	for _, r := range srv.messages() {
		if r.At.Before(held.LockedUntil.Add(-50 * time.Millisecond)) {
			t.Fatalf("a held mail went out at %s, before its lease ran out at %s", r.At, held.LockedUntil)
		}
	}
	// The SMTP server has the third mail a moment before the worker marks its row, so wait for the rows too.
	waitUntil(t, "the rows are marked sent and unlocked", 15*time.Second, func() bool {
		return count(t, db, `SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL AND locked_until IS NULL`) == 3
	})
}

// A worker whose lease ran out and whose row another worker took cannot mark that row any more.
func TestALostClaimCannotMarkTheRow(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	enqueue(t, db, message(1))
	store := NewStore(db)
	ctx := context.Background()
	slowTok, nextTok := uuid.New(), uuid.New()
	if got, err := store.claim(ctx, slowTok, 1, 100*time.Millisecond); err != nil || len(got) != 1 {
		t.Fatalf("first claim: %v %v", got, err)
	}
	if got, err := store.claim(ctx, nextTok, 1, time.Minute); err != nil || len(got) != 0 {
		t.Fatalf("a held row was claimed again: %v %v", got, err)
	}
	time.Sleep(200 * time.Millisecond)
	got, err := store.claim(ctx, nextTok, 1, time.Minute)
	if err != nil || len(got) != 1 {
		t.Fatalf("the expired row was not claimable: %v %v", got, err)
	}
	if ok, err := store.markSent(ctx, got[0].ID, slowTok); err != nil || ok {
		t.Fatalf("the lost claim marked the row sent: %v %v", ok, err)
	}
	if _, ok, err := store.markFailed(ctx, got[0].ID, slowTok, "x", time.Minute, 10); err != nil || ok {
		t.Fatalf("the lost claim recorded a failure: %v %v", ok, err)
	}
	if ok, err := store.markSent(ctx, got[0].ID, nextTok); err != nil || !ok {
		t.Fatalf("the holder could not mark the row: %v %v", ok, err)
	}
	if r := rowTo(t, db, message(1).To); r.Attempts != 1 || r.SentAt == nil || r.LastError != nil {
		t.Fatalf("row %+v", r)
	}
}

// failingSender fails every send without any network.
type failingSender struct{}

func (failingSender) Send(context.Context, Outgoing) error {
	return errors.New("no route\x00 \xff to host")
}

// Errors are stored readable: valid UTF-8, no NUL.
func TestErrorsAreStoredCleanly(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	enqueue(t, db, message(1))
	startWorker(t, NewWorker(db, failingSender{}, fast(t, WorkerOptions{})))
	waitUntil(t, "the failure is recorded", 15*time.Second, func() bool { return rowTo(t, db, message(1).To).Attempts == 1 })
	if r := rowTo(t, db, message(1).To); r.LastError == nil || *r.LastError != "no route ? to host" {
		t.Fatalf("last_error %v", r.LastError)
	}
}
