package evaluation

import (
	"context"

	"golang.org/x/sync/semaphore"
)

// Building a large programme's report (some 200 ms of CPU at national scale) and rendering it as a file are the
// heaviest work Leergang does. On a small machine two of them at once take every core, and every other request
// waits behind them; so they run one at a time per replica (Service.heavy) and leave the rest of the machine to
// everyone else.

// oneAtATime runs fn when no other heavy work runs on this replica, or gives up when ctx ends while waiting.
func oneAtATime[T any](ctx context.Context, heavy *semaphore.Weighted, fn func() (T, error)) (T, error) {
	if err := heavy.Acquire(ctx, 1); err != nil {
		var zero T
		return zero, err
	}
	defer heavy.Release(1)
	return fn()
}
