package database

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
)

// StatementCounter adds up the statements sent to PostgreSQL on behalf of one context (one request) and the time
// they took. It is safe for concurrent use: a handler may run queries from several goroutines.
type StatementCounter struct {
	n     atomic.Int64
	nanos atomic.Int64
}

type counterKey struct{}

// WithStatementCounter returns a context whose statements (through every pool opened with OpenAs) are counted by
// the returned counter.
func WithStatementCounter(ctx context.Context) (context.Context, *StatementCounter) {
	c := new(StatementCounter)
	return context.WithValue(ctx, counterKey{}, c), c
}

// WithoutStatementCounter hides the context's counter, for work that is the connection's and not the request's
// (setting up a new pool connection), so that counts do not depend on the pool's state.
func WithoutStatementCounter(ctx context.Context) context.Context {
	if counterFrom(ctx) == nil {
		return ctx
	}
	return context.WithValue(ctx, counterKey{}, (*StatementCounter)(nil))
}

// Snapshot returns the number of statements so far and their total duration.
func (c *StatementCounter) Snapshot() (n int, total time.Duration) {
	return int(c.n.Load()), time.Duration(c.nanos.Load())
}

func (c *StatementCounter) add(n int, d time.Duration) {
	c.n.Add(int64(n))
	c.nanos.Add(int64(d))
}

func counterFrom(ctx context.Context) *StatementCounter {
	c, _ := ctx.Value(counterKey{}).(*StatementCounter)
	return c
}

// StatementTracer is the pgx tracer that feeds the counters (OpenAs installs it; a pool opened with pgx directly
// sets it as ConnConfig.Tracer). A statement whose context has no counter costs a context lookup as it starts
// and one as it ends.
type StatementTracer struct{}

var (
	_ pgx.QueryTracer    = StatementTracer{}
	_ pgx.BatchTracer    = StatementTracer{}
	_ pgx.CopyFromTracer = StatementTracer{}
)

type startKey struct{}

// started remembers the counter, the number of statements and the start of one traced call, between its Start
// and End hooks.
type started struct {
	counter    *StatementCounter
	statements int
	at         time.Time
}

func startTrace(ctx context.Context, statements int) context.Context {
	c := counterFrom(ctx)
	if c == nil {
		return ctx
	}
	return context.WithValue(ctx, startKey{}, started{counter: c, statements: statements, at: time.Now()})
}

// endTrace adds the call's statements and the time since it started.
func endTrace(ctx context.Context) {
	if s, ok := ctx.Value(startKey{}).(started); ok {
		s.counter.add(s.statements, time.Since(s.at))
	}
}

// TraceQueryStart and TraceQueryEnd count Query, QueryRow and Exec, BEGIN and COMMIT included.
func (StatementTracer) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	return startTrace(ctx, 1)
}

func (StatementTracer) TraceQueryEnd(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryEndData) {
	endTrace(ctx)
}

// A batch is one round trip but counts as the statements in it: the count is of statements.
func (StatementTracer) TraceBatchStart(ctx context.Context, _ *pgx.Conn, data pgx.TraceBatchStartData) context.Context {
	return startTrace(ctx, data.Batch.Len())
}

func (StatementTracer) TraceBatchQuery(context.Context, *pgx.Conn, pgx.TraceBatchQueryData) {}

func (StatementTracer) TraceBatchEnd(ctx context.Context, _ *pgx.Conn, _ pgx.TraceBatchEndData) {
	endTrace(ctx)
}

func (StatementTracer) TraceCopyFromStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceCopyFromStartData) context.Context {
	return startTrace(ctx, 1)
}

func (StatementTracer) TraceCopyFromEnd(ctx context.Context, _ *pgx.Conn, _ pgx.TraceCopyFromEndData) {
	endTrace(ctx)
}

// ServerTiming is the Server-Timing header value that tells a response's statements and their time, e.g.
// `db;dur=1.25;desc="4 queries"` (LEERGANG_SERVER_TIMING; the benchmark's baseline sends it too).
func (c *StatementCounter) ServerTiming() string {
	n, total := c.Snapshot()
	return fmt.Sprintf(`db;dur=%.2f;desc="%d queries"`, float64(total)/float64(time.Millisecond), n)
}

var serverTimingQueries = regexp.MustCompile(`desc="(\d+) queries"`)

// QueriesInServerTiming reads the statement count back from a Server-Timing header value.
func QueriesInServerTiming(header string) (int, bool) {
	m := serverTimingQueries.FindStringSubmatch(header)
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(m[1])
	return n, err == nil
}
