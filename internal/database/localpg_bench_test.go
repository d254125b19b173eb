package database

import (
	"context"
	"os"
	"testing"
	"time"
)

// BenchmarkLocalClusterStart measures what `make run` waits for: starting the existing private cluster until it
// accepts connections (the first start also runs initdb, measured once as first_start_ms).
func BenchmarkLocalClusterStart(b *testing.B) {
	dir, err := os.MkdirTemp("", "leergang-bench-pg-")
	if err != nil {
		b.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if err := os.Chmod(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	start := time.Now()
	c, err := StartLocal(ctx, LocalOptions{Dir: dir + "/pg"})
	if err != nil {
		b.Fatal(err)
	}
	firstStart := time.Since(start)
	c.Stop()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c, err := StartLocal(ctx, LocalOptions{Dir: dir + "/pg"})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		c.Stop()
		b.StartTimer()
	}
	b.ReportMetric(float64(firstStart.Milliseconds()), "first_start_ms")
}
