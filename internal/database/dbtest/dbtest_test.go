package dbtest_test

import (
	"os"
	"testing"

	"github.com/vgs/leergang/internal/database/dbtest"
)

func TestMain(m *testing.M) { os.Exit(dbtest.Main(m)) }

func TestEachTestGetsItsOwnMigratedDatabase(t *testing.T) {
	a, b := dbtest.New(t), dbtest.New(t)
	var nameA, nameB string
	if err := a.Raw("SELECT current_database()").Scan(&nameA).Error; err != nil {
		t.Fatal(err)
	}
	if err := b.Raw("SELECT current_database()").Scan(&nameB).Error; err != nil {
		t.Fatal(err)
	}
	if nameA == nameB {
		t.Fatalf("two tests share database %q", nameA)
	}
	if err := a.Exec("INSERT INTO users (email, name) VALUES ('a@x.example', 'A')").Error; err != nil {
		t.Fatalf("migrated schema missing: %v", err)
	}
	var n int64
	if err := b.Raw("SELECT count(*) FROM users").Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Fatalf("write in one test's database is visible in another's: %d users", n)
	}
}
