package database

import (
	"strconv"
	"strings"
	"testing"
)

// The product's cluster takes a quarter of the memory for buffers, never less than PostgreSQL's default nor more
// than 1 GB.
func TestSharedBuffersAreAQuarterOfTheMemoryWithinBounds(t *testing.T) {
	got := sharedBuffers()
	mb, err := strconv.Atoi(strings.TrimSuffix(got, "MB"))
	if err != nil || !strings.HasSuffix(got, "MB") {
		t.Fatalf("sharedBuffers() = %q, want a size in MB", got)
	}
	if mb < 128 || mb > 1024 {
		t.Fatalf("sharedBuffers() = %d MB, want between 128 and 1024", mb)
	}
}
