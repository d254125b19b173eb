package database

import (
	"strings"

	"github.com/google/uuid"
)

// UUIDArray writes ids as a PostgreSQL array literal, for `= ANY((?::text[])::uuid[])`. gorm would expand a Go
// slice into a list of parameters, so every length would be a statement of its own; one array parameter keeps
// the statement text fixed, so PostgreSQL can reuse its plan (a uuid needs no quoting).
func UUIDArray(ids []uuid.UUID) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = id.String()
	}
	return "{" + strings.Join(parts, ",") + "}"
}
