package identity_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/argon2id"

	"github.com/vgs/leergang/internal/identity"
)

// New hashes use OWASP's argon2id memory and passes, in two lanes; a stored hash is checked with the parameters
// it carries, so hashes made before a change of parameters (or the cheap ones of test users) keep working.
func TestPasswordsAreHashedWithOWASPsArgon2idParameters(t *testing.T) {
	t.Parallel()
	hash, err := identity.HashPassword("correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=19456,t=2,p=2$") {
		t.Fatalf("hash %q, want argon2id with m=19456 KiB, t=2, p=2", hash)
	}
	other, err := identity.HashPassword("correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	if other == hash {
		t.Fatal("two hashes of one password are equal: no salt")
	}
	for password, want := range map[string]bool{"correct horse battery staple": true, "Correct horse battery staple": false, "": false} {
		if ok, err := identity.CheckPassword(password, hash); err != nil || ok != want {
			t.Errorf("CheckPassword(%q) = %v, %v; want %v", password, ok, err, want)
		}
	}

	cheap, err := argon2id.CreateHash("oud wachtwoord", &argon2id.Params{Memory: 64, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32})
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := identity.CheckPassword("oud wachtwoord", cheap); err != nil || !ok {
		t.Fatalf("a hash with other parameters: %v, %v; want it to verify", ok, err)
	}
	if _, err := identity.CheckPassword("x", "$2a$10$not-argon2"); err == nil {
		t.Fatal("a hash that is not argon2id was accepted without an error")
	}
}

// BenchmarkCheckPassword times a login's password check with the product's parameters and with each of OWASP's
// equivalent argon2id settings (one lane), so that what each choice costs on a machine can be read side by side:
//
//	go test -run '^$' -bench CheckPassword ./internal/identity
//
// The checks are 100 ms apart (untimed), as logins come now and then: back to back, two lanes find both cores
// awake and a check looks faster than a login finds it.
func BenchmarkCheckPassword(b *testing.B) {
	const password = "correct horse battery staple"
	product, err := identity.HashPassword(password)
	if err != nil {
		b.Fatal(err)
	}
	hashes := []struct{ name, hash string }{{"product", product}}
	for _, owasp := range []struct{ kib, passes uint32 }{{47104, 1}, {19456, 2}, {12288, 3}, {9216, 4}, {7168, 5}} {
		h, err := argon2id.CreateHash(password, &argon2id.Params{Memory: owasp.kib, Iterations: owasp.passes,
			Parallelism: 1, SaltLength: 16, KeyLength: 32})
		if err != nil {
			b.Fatal(err)
		}
		hashes = append(hashes, struct{ name, hash string }{fmt.Sprintf("owasp_m=%d,t=%d,p=1", owasp.kib, owasp.passes), h})
	}
	for _, h := range hashes {
		b.Run(h.name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				time.Sleep(100 * time.Millisecond)
				b.StartTimer()
				if ok, err := identity.CheckPassword(password, h.hash); err != nil || !ok {
					b.Fatalf("check: %v %v", ok, err)
				}
			}
		})
	}
}
