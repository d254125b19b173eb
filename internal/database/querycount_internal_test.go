package database

import (
	"testing"
	"time"
)

func TestServerTimingSaysTheStatementsAndReadsBack(t *testing.T) {
	c := new(StatementCounter)
	c.add(4, 1234567*time.Nanosecond)
	if got, want := c.ServerTiming(), `db;dur=1.23;desc="4 queries"`; got != want {
		t.Errorf("ServerTiming = %q, want %q", got, want)
	}
	if n, ok := QueriesInServerTiming(c.ServerTiming()); !ok || n != 4 {
		t.Errorf("QueriesInServerTiming = %d, %v; want 4", n, ok)
	}
	if _, ok := QueriesInServerTiming(`cache;desc="hit"`); ok {
		t.Error("a Server-Timing without a statement count was read as one")
	}
}
