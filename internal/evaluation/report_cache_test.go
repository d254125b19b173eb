package evaluation

import (
	"context"
	"errors"
	"testing"
	"time"

	"golang.org/x/sync/semaphore"
)

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
