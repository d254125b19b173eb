package mail

import (
	"context"
	"io"
	"log/slog"
	"math/rand/v2"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

// Sender delivers one mail. ctx carries the send timeout; the worker never cancels a send half-way for any
// other reason.
type Sender interface {
	Send(ctx context.Context, m Outgoing) error
}

// WorkerOptions tune a Worker; zero values take the defaults.
type WorkerOptions struct {
	// PollInterval is the pause between looking for due mail when the last batch was not full (2 s).
	PollInterval time.Duration
	// BatchSize is how many mails one claim takes (10).
	BatchSize int
	// Lease is how long a claim keeps other workers off its rows (5 min). A worker that dies holding a claim
	// delays those mails by at most this long. At least twice SendTimeout.
	Lease time.Duration
	// SendTimeout bounds one SMTP delivery, connection included (30 s).
	SendTimeout time.Duration
	// MaxAttempts is how many failed attempts make a mail failed for good (10).
	MaxAttempts int
	// Backoff is the wait before the next attempt after the given number of failed attempts (Backoff).
	Backoff func(failedAttempts int) time.Duration
	// Log receives the worker's logs (nothing when nil).
	Log *slog.Logger
}

// Worker sends the outbox. Any number of workers, in one process or on many replicas, can run on one database:
// each mail is claimed by one of them at a time.
type Worker struct {
	store  *Store
	sender Sender
	opt    WorkerOptions
	log    *slog.Logger
}

// NewWorker returns a worker that sends db's outbox through sender.
func NewWorker(db *gorm.DB, sender Sender, opt WorkerOptions) *Worker {
	if opt.PollInterval <= 0 {
		opt.PollInterval = 2 * time.Second
	}
	if opt.BatchSize <= 0 {
		opt.BatchSize = 10
	}
	if opt.SendTimeout <= 0 {
		opt.SendTimeout = 30 * time.Second
	}
	if opt.Lease <= 0 {
		opt.Lease = 5 * time.Minute
	}
	if opt.Lease < 2*opt.SendTimeout {
		opt.Lease = 2 * opt.SendTimeout
	}
	if opt.MaxAttempts <= 0 {
		opt.MaxAttempts = 10
	}
	if opt.Backoff == nil {
		opt.Backoff = Backoff
	}
	log := opt.Log
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return &Worker{store: NewStore(db), sender: sender, opt: opt, log: log.With("component", "mail-worker")}
}

// Backoff is the default wait before the next attempt: 30 s after the first failure, then doubling (1 min, 2 min,
// 4 min …) up to 1 h, each scattered by ±20% so mails that failed together do not all retry at once.
func Backoff(failedAttempts int) time.Duration {
	const first, ceiling = 30 * time.Second, time.Hour
	d := first
	for i := 1; i < failedAttempts && d < ceiling; i++ {
		d *= 2
	}
	d = time.Duration(float64(min(d, ceiling)) * (0.8 + 0.4*rand.Float64()))
	return min(d, ceiling)
}

// dbTimeout bounds the worker's own statements (claim, mark, release).
const dbTimeout = 15 * time.Second

// Run sends due mail until ctx is cancelled: it claims a batch, sends it, and claims the next at once when the
// batch was full, else after PollInterval. Cancelling ctx lets the mail being sent finish and be marked, gives
// the rest of the batch back, and returns.
func (w *Worker) Run(ctx context.Context) {
	w.log.InfoContext(ctx, "mail worker started", "poll", w.opt.PollInterval, "batch", w.opt.BatchSize,
		"max_attempts", w.opt.MaxAttempts)
	defer w.log.Info("mail worker stopped")
	timer := time.NewTimer(0)
	defer timer.Stop()
	errWait := w.opt.PollInterval
	for {
		select {
		case <-ctx.Done():
			return
		case <-timer.C:
		}
		n, err := w.RunOnce(ctx)
		wait := w.opt.PollInterval
		switch {
		case err != nil:
			// The database is away: wait longer each time, up to a minute, instead of logging every poll.
			errWait = min(2*errWait, max(time.Minute, w.opt.PollInterval))
			wait = errWait
			w.log.ErrorContext(ctx, "mail worker: claiming mail failed; trying again", "error", err, "in", wait)
		case n == w.opt.BatchSize:
			errWait = w.opt.PollInterval
			wait = 0 // probably more waiting
		default:
			errWait = w.opt.PollInterval
		}
		timer.Reset(wait)
	}
}

// RunOnce claims one batch of due mail and sends it. It returns how many mails it claimed. When ctx is cancelled
// it stops between mails and gives the unsent rest back.
func (w *Worker) RunOnce(ctx context.Context) (int, error) {
	if ctx.Err() != nil {
		return 0, nil
	}
	// The worker's own statements run to completion even when ctx is cancelled meanwhile: a claim the worker
	// does not learn about, or a delivery it does not mark, would hold mail back or send it twice.
	bg := context.WithoutCancel(ctx)
	token := uuid.New()
	start := time.Now()
	claimCtx, cancel := context.WithTimeout(bg, dbTimeout)
	batch, err := w.store.claim(claimCtx, token, w.opt.BatchSize, w.opt.Lease)
	cancel()
	if err != nil || len(batch) == 0 {
		return 0, err
	}
	attempted := 0
	for _, m := range batch {
		if ctx.Err() != nil {
			break
		}
		// Never start a send that could outlast the claim: another worker could then take the row and send
		// it too. The rest goes back to the queue.
		if time.Since(start)+w.opt.SendTimeout > w.opt.Lease-w.opt.Lease/10 {
			break
		}
		w.deliver(bg, token, m)
		attempted++
	}
	if attempted < len(batch) {
		relCtx, cancel := context.WithTimeout(bg, dbTimeout)
		n, err := w.store.release(relCtx, token)
		cancel()
		if err != nil {
			w.log.ErrorContext(ctx, "mail worker: giving back unsent mail failed; it waits for the lease to run out",
				"error", err, "lease", w.opt.Lease)
		} else {
			w.log.InfoContext(ctx, "mail worker: gave back unsent mail", "count", n)
		}
	}
	return len(batch), nil
}

// deliver sends one claimed mail and records the outcome.
func (w *Worker) deliver(ctx context.Context, token uuid.UUID, m Outgoing) {
	log := w.log.With("mail_id", m.ID, "kind", m.Kind, "attempt", m.Attempts+1)
	sendCtx, cancel := context.WithTimeout(ctx, w.opt.SendTimeout)
	sendErr := w.sender.Send(sendCtx, m)
	cancel()

	if sendErr == nil {
		// The server has the mail. Marking it is retried a few times: an unmarked row would be sent again
		// when its lease runs out (with the same Message-ID, so receivers can drop the copy).
		var ok bool
		err := retry(ctx, func(ctx context.Context) (err error) {
			ok, err = w.store.markSent(ctx, m.ID, token)
			return err
		})
		switch {
		case err != nil:
			log.ErrorContext(ctx, "mail sent but not marked; it may be sent again after the lease", "error", err)
		case !ok:
			log.WarnContext(ctx, "mail sent after its claim ran out; another worker may have sent it too")
		default:
			log.InfoContext(ctx, "mail sent")
		}
		return
	}

	failed := m.Attempts + 1
	retryIn := w.opt.Backoff(failed)
	var gaveUp, ok bool
	err := retry(ctx, func(ctx context.Context) (err error) {
		gaveUp, ok, err = w.store.markFailed(ctx, m.ID, token, errorText(sendErr), retryIn, w.opt.MaxAttempts)
		return err
	})
	switch {
	case err != nil:
		log.ErrorContext(ctx, "mail not sent, and recording that failed; it is retried after the lease",
			"send_error", sendErr, "error", err)
	case !ok:
		log.WarnContext(ctx, "mail not sent; its claim had run out", "error", sendErr)
	case gaveUp:
		log.ErrorContext(ctx, "mail not sent; giving up", "error", sendErr, "attempts", failed)
	default:
		log.WarnContext(ctx, "mail not sent; will retry", "error", sendErr, "retry_in", retryIn.Round(time.Second))
	}
}

// retry runs fn up to three times, a second apart, each with its own timeout.
func retry(ctx context.Context, fn func(context.Context) error) error {
	var err error
	for i := range 3 {
		if i > 0 {
			time.Sleep(time.Second)
		}
		c, cancel := context.WithTimeout(ctx, dbTimeout)
		err = fn(c)
		cancel()
		if err == nil {
			return nil
		}
	}
	return err
}

// errorText makes an error storable: valid UTF-8 without NUL, at most 1000 characters.
func errorText(err error) string {
	s := strings.ReplaceAll(strings.ToValidUTF8(err.Error(), "?"), "\x00", "")
	if utf8.RuneCountInString(s) > 1000 {
		s = string([]rune(s)[:1000]) + "…"
	}
	return s
}
