package retention

import (
	"context"
	"io"
	"log/slog"
	"time"
)

// WorkerOptions tune a Worker; zero values take the defaults.
type WorkerOptions struct {
	// Interval is the pause between passes (1 h). Dates are days apart, so an hour late is on time.
	Interval time.Duration
	// Now is the clock (time.Now).
	Now func() time.Time
	// Log receives the worker's logs (nothing when nil).
	Log *slog.Logger
}

// Worker runs the retention passes of one replica. Every replica may run one: the pass's advisory lock lets one
// work at a time, and the others skip.
type Worker struct {
	svc *Service
	opt WorkerOptions
	log *slog.Logger
}

// NewWorker returns a worker that runs svc's passes.
func NewWorker(svc *Service, opt WorkerOptions) *Worker {
	if opt.Interval <= 0 {
		opt.Interval = time.Hour
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	log := opt.Log
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return &Worker{svc: svc, opt: opt, log: log.With("component", "retention-worker")}
}

// Run does a pass at once and then every Interval until ctx is cancelled. A pass that fails is logged and tried
// again at the next interval; cancelling ctx during a pass rolls it back.
func (w *Worker) Run(ctx context.Context) {
	w.log.InfoContext(ctx, "retention worker started", "interval", w.opt.Interval,
		"months", w.svc.rule.Months, "notice_days", w.svc.rule.NoticeDays)
	defer w.log.Info("retention worker stopped")
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-timer.C:
		}
		res, err := w.svc.Run(ctx, w.opt.Now())
		switch {
		case err != nil && ctx.Err() != nil:
			return
		case err != nil:
			w.log.ErrorContext(ctx, "retention pass failed; trying again at the next interval", "error", err,
				"noticed", len(res.Noticed), "purged", len(res.Purged))
		case res.Skipped:
			w.log.DebugContext(ctx, "retention pass skipped: another replica holds the lock")
		case len(res.Noticed) > 0 || len(res.Purged) > 0:
			w.log.InfoContext(ctx, "retention pass", "noticed", len(res.Noticed), "mailed", res.Mailed,
				"purged", len(res.Purged))
		}
		timer.Reset(w.opt.Interval)
	}
}
