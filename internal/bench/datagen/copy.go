package datagen

import (
	"context"
	"fmt"
	"io"
	"iter"
	"time"

	"github.com/jackc/pgx/v5"
)

// batchRows is how many rows one COPY statement carries: large enough that round trips do not count, small enough
// that the per-statement queue of foreign-key checks stays small.
const batchRows = 50_000

// copier streams rows into tables with COPY inside one transaction and reports each table.
type copier struct {
	conn *pgx.Conn
	tx   pgx.Tx
	log  io.Writer
	rows map[string]int64
}

// copy writes the rows of seq into table, batch by batch, without holding more than the row being sent.
func (c *copier) copy(ctx context.Context, table string, columns []string, seq iter.Seq[[]any]) error {
	start := time.Now()
	next, stop := iter.Pull(seq)
	defer stop()
	var total int64
	for {
		row, ok := next()
		if !ok {
			break
		}
		n := 0
		src := pgx.CopyFromFunc(func() ([]any, error) {
			if n == batchRows {
				return nil, nil
			}
			if n > 0 {
				if row, ok = next(); !ok {
					return nil, nil
				}
			}
			n++
			return row, nil
		})
		written, err := c.tx.CopyFrom(ctx, pgx.Identifier{table}, columns, src)
		if err != nil {
			return fmt.Errorf("copy %s after %d rows: %w", table, total, err)
		}
		total += written
		if !ok {
			break
		}
	}
	c.rows[table] += total
	secs := time.Since(start).Seconds()
	fmt.Fprintf(c.log, "%-28s %10d rows %7.1fs %9.0f rows/s\n", table, total, secs, float64(total)/max(secs, 1e-3))
	return nil
}

// rowsOf adapts a slice and a row function to a sequence.
func rowsOf[T any](items []T, row func(i int, item *T) []any) iter.Seq[[]any] {
	return func(yield func([]any) bool) {
		for i := range items {
			if !yield(row(i, &items[i])) {
				return
			}
		}
	}
}
