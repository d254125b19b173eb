// Package migrations holds the versioned SQL migrations of Leergang, embedded in the binary and applied with goose.
package migrations

import "embed"

// FS holds the migration files; goose reads them in version order.
//
//go:embed *.sql
var FS embed.FS
