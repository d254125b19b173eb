package mail

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/database/dbtest"
)

func TestMain(m *testing.M) { os.Exit(dbtest.Main(m)) }

const testFrom = "Leergang <noreply@leergang.example>"

// testLog collects the test's logs and prints them only when it fails.
func testLog(t *testing.T) *slog.Logger {
	t.Helper()
	var mu sync.Mutex
	var buf bytes.Buffer
	t.Cleanup(func() {
		if t.Failed() {
			mu.Lock()
			t.Logf("logs:\n%s", buf.String())
			mu.Unlock()
		}
	})
	return slog.New(slog.NewTextHandler(lockedWriter{&mu, &buf}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

type lockedWriter struct {
	mu *sync.Mutex
	b  *bytes.Buffer
}

func (w lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func newSender(t *testing.T, s *smtpServer) *SMTPSender {
	t.Helper()
	snd, err := NewSMTPSender(SMTPConfig{URL: "smtp://" + s.addr, From: testFrom})
	if err != nil {
		t.Fatal(err)
	}
	return snd
}

// startWorker runs w until the returned stop is called (or the test ends); stop waits for Run to return.
func startWorker(t *testing.T, w *Worker) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); w.Run(ctx) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			select {
			case <-done:
			case <-time.After(30 * time.Second):
				t.Error("worker did not stop within 30 s")
			}
		})
	}
	t.Cleanup(stop)
	return stop
}

// fast are worker options for tests: short polls, quiet backoff.
func fast(t *testing.T, o WorkerOptions) WorkerOptions {
	if o.PollInterval == 0 {
		o.PollInterval = 20 * time.Millisecond
	}
	if o.SendTimeout == 0 {
		o.SendTimeout = 5 * time.Second
	}
	o.Log = testLog(t)
	return o
}

func message(i int) Message {
	return Message{
		To: fmt.Sprintf("deelnemer%02d@gemeente.example", i), ToName: fmt.Sprintf("Deelnemer %d", i),
		Subject: fmt.Sprintf("Herinnering %d", i), Text: fmt.Sprintf("Beste deelnemer %d,\n\nTot morgen.\n", i),
		Kind: "evaluation.reminder",
	}
}

func enqueue(t *testing.T, db *gorm.DB, msgs ...Message) {
	t.Helper()
	err := db.Transaction(func(tx *gorm.DB) error {
		for _, m := range msgs {
			if err := Enqueue(tx, m); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

type outboxRow struct {
	ID          int64
	Attempts    int
	LastError   *string
	SendAfter   time.Time
	SentAt      *time.Time
	FailedAt    *time.Time
	LockedUntil *time.Time
	LockedBy    *uuid.UUID
	MessageID   uuid.UUID
	DBNow       time.Time
}

func rowTo(t *testing.T, db *gorm.DB, to string) outboxRow {
	t.Helper()
	var r outboxRow
	res := db.Raw(`SELECT id, attempts, last_error, send_after, sent_at, failed_at, locked_until, locked_by, message_id,
		now() AS db_now FROM outbox WHERE to_address = ?`, to).Scan(&r)
	if res.Error != nil || res.RowsAffected != 1 {
		t.Fatalf("outbox row to %s: %v (%d rows)", to, res.Error, res.RowsAffected)
	}
	return r
}

func count(t *testing.T, db *gorm.DB, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := db.Raw(sql, args...).Row().Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func waitUntil(t *testing.T, what string, timeout time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting until %s", timeout, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
