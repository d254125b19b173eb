package baseline

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// statements counts what one request sends to PostgreSQL and how long it takes, for the Server-Timing header the
// product sends too (internal/httpapi/servertiming.go): the load generator reads queries per request from both,
// and the test checks that they are the same. Statements of one request run one after another, so plain fields do.
type statements struct {
	n     int
	total time.Duration
}

type statementsKey struct{}

type startedKey struct{}

func withStatements(ctx context.Context) (context.Context, *statements) {
	s := &statements{}
	return context.WithValue(ctx, statementsKey{}, s), s
}

// withoutStatements hides the request's counter from a new connection's set-up, as the product does.
func withoutStatements(ctx context.Context) context.Context {
	return context.WithValue(ctx, statementsKey{}, (*statements)(nil))
}

// serverTiming is the header's value in the product's form, e.g. `db;dur=1.25;desc="4 queries"`.
func (s *statements) serverTiming() string {
	return fmt.Sprintf(`db;dur=%.2f;desc="%d queries"`, float64(s.total)/float64(time.Millisecond), s.n)
}

// statementTracer feeds the counters: every Query, QueryRow and Exec, BEGIN and COMMIT included.
type statementTracer struct{}

func (statementTracer) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	if s, _ := ctx.Value(statementsKey{}).(*statements); s != nil {
		return context.WithValue(ctx, startedKey{}, time.Now())
	}
	return ctx
}

func (statementTracer) TraceQueryEnd(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryEndData) {
	s, _ := ctx.Value(statementsKey{}).(*statements)
	at, ok := ctx.Value(startedKey{}).(time.Time)
	if s != nil && ok {
		s.n++
		s.total += time.Since(at)
	}
}
