package database

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestMissingPostgresSaysWhatToInstall(t *testing.T) {
	t.Setenv("PG_BIN_DIR", t.TempDir())
	_, err := StartLocal(context.Background(), LocalOptions{Dir: t.TempDir() + "/pg"})
	if !errors.Is(err, ErrNoPostgres) {
		t.Fatalf("error %v, want ErrNoPostgres", err)
	}
	for _, want := range []string{"apt-get install postgresql", "DATABASE_URL"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}
