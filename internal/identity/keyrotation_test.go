package identity

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"

	"github.com/vgs/leergang/internal/database/dbtest"
)

func kidOf(t *testing.T, token string) string {
	t.Helper()
	tok, _, err := jwt.NewParser().ParseUnverified(token, &AccessClaims{})
	if err != nil {
		t.Fatal(err)
	}
	kid, _ := tok.Header["kid"].(string)
	return kid
}

// Rotation must not log anybody out: a new key is published before it signs (so a replica never meets a token
// of a key it has not loaded), tokens signed before keep verifying, and only keys retired longer ago than keep
// are deleted.
func TestRotatingKeysKeepsOldTokensValidUntilTheirKeyIsDeleted(t *testing.T) {
	ctx := context.Background()
	db := dbtest.New(t)
	keys, err := NewKeyRing(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	other, err := NewKeyRing(ctx, db) // a second replica
	if err != nil {
		t.Fatal(err)
	}
	user, session, now := uuid.New(), uuid.New(), time.Now()
	sign := func(k *KeyRing) string {
		t.Helper()
		tok, err := k.Sign(user, session, 10*time.Minute, now)
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	before := sign(keys)
	first := kidOf(t, before)

	kid, retired, deleted, err := keys.RotateAndRetire(ctx, 30*24*time.Hour)
	if err != nil || retired != 1 || deleted != 0 || kid == first {
		t.Fatalf("rotate: kid %s, retired %d, deleted %d, err %v; want a new kid, 1, 0", kid, retired, deleted, err)
	}
	if got := kidOf(t, sign(keys)); got != first {
		t.Fatalf("right after the rotation the token is signed with %s, want the published key %s", got, first)
	}

	// 91 seconds on: every replica has reloaded (they do once a minute) and the new key signs.
	if err := db.Exec(`UPDATE signing_keys SET created_at = created_at - interval '91 seconds',
		retired_at = retired_at - interval '91 seconds'`).Error; err != nil {
		t.Fatal(err)
	}
	for _, k := range []*KeyRing{keys, other} {
		if err := k.load(ctx); err != nil {
			t.Fatal(err)
		}
	}
	after := sign(keys)
	if got := kidOf(t, after); got != kid {
		t.Fatalf("after publication the token is signed with %s, want %s", got, kid)
	}
	if got := kidOf(t, sign(other)); got != kid {
		t.Fatalf("the other replica signs with %s, want %s", got, kid)
	}
	for name, tok := range map[string]string{"before": before, "after": after} {
		for ring, k := range map[string]*KeyRing{"rotating": keys, "other": other} {
			if _, err := k.Verify(ctx, tok); err != nil {
				t.Errorf("token signed %s the rotation, verified by the %s replica: %v", name, ring, err)
			}
		}
	}

	// Thirty-one days on, the next rotation deletes the first key: what it signed no longer verifies.
	if err := db.Exec(`UPDATE signing_keys SET retired_at = now() - interval '31 days' WHERE retired_at IS NOT NULL`).Error; err != nil {
		t.Fatal(err)
	}
	if _, retired, deleted, err = keys.RotateAndRetire(ctx, 30*24*time.Hour); err != nil || retired != 1 || deleted != 1 {
		t.Fatalf("second rotation: retired %d, deleted %d, err %v; want 1, 1", retired, deleted, err)
	}
	if _, err := keys.Verify(ctx, before); !errors.Is(err, ErrInvalidToken) || !strings.Contains(err.Error(), first) {
		t.Errorf("token of the deleted key %s: err = %v, want ErrInvalidToken naming it", first, err)
	}
	if _, err := keys.Verify(ctx, after); err != nil {
		t.Errorf("token of the retired (not deleted) key: %v", err)
	}
}
