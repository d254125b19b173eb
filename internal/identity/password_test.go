package identity_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/argon2id"

	"github.com/vgs/leergang/internal/identity"
)

// New hashes use OWASP's argon2id recommendation; a stored hash is checked with the parameters it carries, so
// hashes made before a change of parameters (two lanes until 2026-11-24, or the cheap ones of test users) keep
// working.
func TestPasswordsAreHashedWithOWASPsArgon2idParameters(t *testing.T) {
	t.Parallel()
	hash, err := identity.HashPassword(context.Background(), "correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %q, want argon2id with m=19456 KiB, t=2, p=1", hash)
	}
	other, err := identity.HashPassword(context.Background(), "correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	if other == hash {
		t.Fatal("two hashes of one password are equal: no salt")
	}
	for password, want := range map[string]bool{"correct horse battery staple": true, "Correct horse battery staple": false, "": false} {
		if ok, err := identity.CheckPassword(context.Background(), password, hash); err != nil || ok != want {
			t.Errorf("CheckPassword(%q) = %v, %v; want %v", password, ok, err, want)
		}
	}

	for _, earlier := range []*argon2id.Params{
		{Memory: 19 * 1024, Iterations: 2, Parallelism: 2, SaltLength: 16, KeyLength: 32},
		{Memory: 64, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32},
	} {
		old, err := argon2id.CreateHash("oud wachtwoord", earlier)
		if err != nil {
			t.Fatal(err)
		}
		if ok, err := identity.CheckPassword(context.Background(), "oud wachtwoord", old); err != nil || !ok {
			t.Fatalf("a hash with other parameters (%+v): %v, %v; want it to verify", earlier, ok, err)
		}
	}
	if _, err := identity.CheckPassword(context.Background(), "x", "$2a$10$not-argon2"); err == nil {
		t.Fatal("a hash that is not argon2id was accepted without an error")
	}
}

// BenchmarkCheckPassword times a login's password check with the product's parameters and with each of OWASP's
// equivalent argon2id settings, so that what each choice costs on a machine can be read side by side:
//
//	go test -run '^$' -bench CheckPassword ./internal/identity
//
// The checks are 100 ms apart (untimed), as logins come now and then: back to back, a check finds the cores
// awake and looks faster than a login finds it (with two lanes, twice as fast on a two-core virtual machine).
func BenchmarkCheckPassword(b *testing.B) {
	const password = "correct horse battery staple"
	product, err := identity.HashPassword(context.Background(), password)
	if err != nil {
		b.Fatal(err)
	}
	hashes := []struct{ name, hash string }{{"product", product}}
	// The product uses OWASP's first (19456 KiB, two passes); these are the other four, and the first in two
	// lanes (the product's until 2026-11-24).
	for _, setting := range []struct{ kib, passes, lanes uint32 }{{47104, 1, 1}, {12288, 3, 1}, {9216, 4, 1}, {7168, 5, 1}, {19456, 2, 2}} {
		h, err := argon2id.CreateHash(password, &argon2id.Params{Memory: setting.kib, Iterations: setting.passes,
			Parallelism: uint8(setting.lanes), SaltLength: 16, KeyLength: 32})
		if err != nil {
			b.Fatal(err)
		}
		hashes = append(hashes, struct{ name, hash string }{fmt.Sprintf("m=%d,t=%d,p=%d", setting.kib, setting.passes, setting.lanes), h})
	}
	for _, h := range hashes {
		b.Run(h.name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				time.Sleep(100 * time.Millisecond)
				b.StartTimer()
				if ok, err := identity.CheckPassword(context.Background(), password, h.hash); err != nil || !ok {
					b.Fatalf("check: %v %v", ok, err)
				}
			}
		})
	}
}
