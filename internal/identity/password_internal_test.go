package identity

import (
	"context"
	"errors"
	"runtime"
	"testing"
	"time"

	"github.com/alexedwards/argon2id"
)

// Half the cores (at least one) hash passwords at once; the next hash waits for one of them, and stops waiting
// when its request is cancelled, without hashing. Not parallel: it holds every place of the process's hashing.
func TestPasswordHashesWaitForTheirTurn(t *testing.T) {
	places := hashPlaces
	if want := int64(max(1, runtime.GOMAXPROCS(0)/2)); places != want {
		t.Fatalf("%d places with %d cores, want %d", places, runtime.GOMAXPROCS(0), want)
	}
	cheap, err := argon2id.CreateHash("x", &argon2id.Params{Memory: 64, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32})
	if err != nil {
		t.Fatal(err)
	}
	if err := hashing.Acquire(context.Background(), places); err != nil {
		t.Fatal(err)
	}
	if hashing.TryAcquire(1) {
		t.Fatalf("a place beyond %d, with %d cores", places, runtime.GOMAXPROCS(0))
	}

	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = CheckPassword(ctx, "x", cheap)
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) < 50*time.Millisecond {
		t.Fatalf("a check while every place hashes: %v after %s, want it to wait until its deadline", err, time.Since(start))
	}
	if _, err := HashPassword(ctx, "x"); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a hash after its deadline: %v", err)
	}

	done := make(chan error, 1)
	go func() {
		ok, err := CheckPassword(context.Background(), "x", cheap)
		if err == nil && !ok {
			err = errors.New("the right password was refused")
		}
		done <- err
	}()
	select {
	case err := <-done:
		t.Fatalf("a check went ahead while every place hashes: %v", err)
	case <-time.After(20 * time.Millisecond):
	}
	hashing.Release(1) // one hash ends: the waiting check runs
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("the waiting check: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the waiting check did not run when a place came free")
	}
	hashing.Release(places - 1)
}
