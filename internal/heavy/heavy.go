// Package heavy runs CPU-heavy work a few at a time. Building a large programme's evaluation report (some 200 ms of
// CPU at national scale), rendering it as a file, and hashing a password (some 25 ms of a core) are the heaviest
// work Leergang does. On a small machine a few of them at once take every core, and every other request waits
// behind them; so each kind has a limit per replica, and the rest of the machine is left to everyone else.
package heavy

import (
	"context"

	"golang.org/x/sync/semaphore"
)

// Run runs fn when limit has a place for it, or gives up when ctx ends while waiting.
func Run[T any](ctx context.Context, limit *semaphore.Weighted, fn func() (T, error)) (T, error) {
	if err := limit.Acquire(ctx, 1); err != nil {
		var zero T
		return zero, err
	}
	defer limit.Release(1)
	return fn()
}
