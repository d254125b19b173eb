package baseline

import (
	"errors"
	"strconv"
	"strings"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

func isNoRows(err error) bool { return errors.Is(err, pgx.ErrNoRows) }

// inList writes "($first, $first+1, …)" for n values, the list gorm makes of `IN ?` with a slice, so that the
// statement is the product's; args are the ids as values for it.
func inList(first int, ids []uuid.UUID) (list string, args []any) {
	var b strings.Builder
	b.WriteByte('(')
	args = make([]any, len(ids))
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('$')
		b.WriteString(strconv.Itoa(first + i))
		args[i] = id
	}
	b.WriteByte(')')
	return b.String(), args
}

// pathUUID reads a path parameter as the product's httpio.PathUUID does: anything but a uuid is "not found".
func pathUUID(c *call, name string) (uuid.UUID, error) {
	id, err := uuid.Parse(c.r.PathValue(name))
	if err != nil {
		return uuid.Nil, errPathNotFound
	}
	return id, nil
}
