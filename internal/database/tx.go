package database

import (
	"context"

	"gorm.io/gorm"
)

// InTx runs fn in one transaction: committed when fn returns nil, rolled back otherwise (and on panic).
// Every write that belongs together, outbox rows included, goes through here.
func InTx(ctx context.Context, db *gorm.DB, fn func(tx *gorm.DB) error) error {
	return db.WithContext(ctx).Transaction(fn)
}
