package database_test

import (
	"context"
	"os"
	"sync"
	"testing"

	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/database"
	"github.com/vgs/leergang/internal/database/dbtest"
)

func TestMain(m *testing.M) { os.Exit(dbtest.Main(m)) }

func TestStatementCounterCountsStatementsAndTransactions(t *testing.T) {
	db := dbtest.New(t)
	ctx, counter := database.WithStatementCounter(context.Background())

	var one int
	if err := db.WithContext(ctx).Raw("SELECT 1").Scan(&one).Error; err != nil {
		t.Fatal(err)
	}
	if err := db.WithContext(ctx).Exec("CREATE TEMP TABLE counted (n int)").Error; err != nil {
		t.Fatal(err)
	}
	err := database.InTx(ctx, db, func(tx *gorm.DB) error {
		if err := tx.Exec("INSERT INTO counted VALUES (1), (2)").Error; err != nil {
			return err
		}
		return tx.Exec("UPDATE counted SET n = n + 1").Error
	})
	if err != nil {
		t.Fatal(err)
	}
	// 2 statements, then BEGIN, INSERT, UPDATE, COMMIT: every one a round trip.
	n, total := counter.Snapshot()
	if n != 6 {
		t.Errorf("counted %d statements, want 6", n)
	}
	if total <= 0 {
		t.Errorf("total duration %v, want > 0", total)
	}
}

func TestStatementsWithoutCounterAreNotCounted(t *testing.T) {
	db := dbtest.New(t)
	ctx, counter := database.WithStatementCounter(context.Background())
	var one int
	if err := db.WithContext(context.Background()).Raw("SELECT 1").Scan(&one).Error; err != nil || one != 1 {
		t.Fatalf("query without a counter: %d, %v", one, err)
	}
	if err := db.WithContext(ctx).Raw("SELECT 1").Scan(&one).Error; err != nil {
		t.Fatal(err)
	}
	if n, _ := counter.Snapshot(); n != 1 {
		t.Errorf("counted %d statements, want only the one in its own context", n)
	}
}

// A connection opened for the request runs SET ROLE first; that is the pool's work, not the request's, and must
// not make the count depend on how many connections happen to be idle.
func TestNewConnectionSetUpIsNotCounted(t *testing.T) {
	db := dbtest.New(t)
	sqlDB, err := db.DB()
	if err != nil {
		t.Fatal(err)
	}
	sqlDB.SetMaxIdleConns(0) // every statement below gets a new connection
	ctx, counter := database.WithStatementCounter(context.Background())
	var role string
	for range 3 {
		if err := db.WithContext(ctx).Raw("SELECT current_user").Scan(&role).Error; err != nil {
			t.Fatal(err)
		}
	}
	if role != database.AppRole {
		t.Errorf("current_user %q, want %q", role, database.AppRole)
	}
	if n, _ := counter.Snapshot(); n != 3 {
		t.Errorf("counted %d statements, want 3", n)
	}
}

func TestStatementCounterIsSafeForConcurrentUse(t *testing.T) {
	db := dbtest.New(t)
	ctx, counter := database.WithStatementCounter(context.Background())
	const workers, each = 4, 5
	var wg sync.WaitGroup
	errs := make(chan error, workers*each)
	for range workers {
		wg.Go(func() {
			for range each {
				errs <- db.WithContext(ctx).Exec("SELECT pg_sleep(0)").Error
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n, _ := counter.Snapshot(); n != workers*each {
		t.Errorf("counted %d statements, want %d", n, workers*each)
	}
}
