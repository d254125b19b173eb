package identity_test

import (
	"strings"
	"testing"

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
