package heavy

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"golang.org/x/sync/semaphore"
)

func TestHeavyWorkRunsOneAtATime(t *testing.T) {
	heavy := semaphore.NewWeighted(1)
	var (
		mu            sync.Mutex
		running, most int
		wg            sync.WaitGroup
	)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := Run(context.Background(), heavy, func() (int, error) {
				mu.Lock()
				running++
				most = max(most, running)
				mu.Unlock()
				time.Sleep(2 * time.Millisecond)
				mu.Lock()
				running--
				mu.Unlock()
				return 0, nil
			})
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if most != 1 {
		t.Errorf("%d heavy jobs ran at once, want 1", most)
	}

	// A request whose context ends while it waits gives up without running.
	release := make(chan struct{})
	started := make(chan struct{})
	go Run(context.Background(), heavy, func() (int, error) { close(started); <-release; return 0, nil })
	<-started
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	ran := false
	if _, err := Run(ctx, heavy, func() (int, error) { ran = true; return 0, nil }); !errors.Is(err, context.DeadlineExceeded) || ran {
		t.Errorf("waiting past the deadline: err %v, ran %v; want DeadlineExceeded and not run", err, ran)
	}
	close(release)
}
