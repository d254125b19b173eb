package evaluation

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
			_, err := oneAtATime(context.Background(), heavy, func() (int, error) {
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
	go oneAtATime(context.Background(), heavy, func() (int, error) { close(started); <-release; return 0, nil })
	<-started
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	ran := false
	if _, err := oneAtATime(ctx, heavy, func() (int, error) { ran = true; return 0, nil }); !errors.Is(err, context.DeadlineExceeded) || ran {
		t.Errorf("waiting past the deadline: err %v, ran %v; want DeadlineExceeded and not run", err, ran)
	}
	close(release)
}

// A made file is served while another kind of the same report is being made: a CSV reader does not wait for
// the workbook.
func TestMadeFileIsServedWhileAnotherKindIsMade(t *testing.T) {
	s := &Service{heavy: semaphore.NewWeighted(1)}
	b := newBuiltReport(Report{})
	if _, err := b.file(context.Background(), s, "csv", func(Report) ([]byte, error) { return []byte("a;b"), nil }); err != nil {
		t.Fatal(err)
	}
	making, release := make(chan struct{}), make(chan struct{})
	slow := make(chan error, 1)
	go func() {
		_, err := b.file(context.Background(), s, "xlsx", func(Report) ([]byte, error) {
			close(making)
			<-release
			return []byte("PK"), nil
		})
		slow <- err
	}()
	<-making
	got := make(chan []byte, 1)
	go func() {
		f, err := b.file(context.Background(), s, "csv", func(Report) ([]byte, error) { return nil, errors.New("made twice") })
		if err != nil {
			t.Error(err)
		}
		got <- f
	}()
	select {
	case f := <-got:
		if string(f) != "a;b" {
			t.Fatalf("csv = %q, want the one made before", f)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the made CSV waited for the workbook being made")
	}
	close(release)
	if err := <-slow; err != nil {
		t.Fatal(err)
	}
	// The rebuild makes again what readers asked for: both kinds.
	if len(b.made) != 2 {
		t.Fatalf("made kinds %d, want 2", len(b.made))
	}
}
