package identity

import (
	"fmt"

	"github.com/alexedwards/argon2id"
)

// passwordParams follow OWASP's argon2id recommendation (m=19 MiB, t=2, p=1): strong enough for an offline
// attack on a leaked table, cheap enough (~20 ms) that logins stay fast on a 2-core server.
var passwordParams = &argon2id.Params{
	Memory:      19 * 1024,
	Iterations:  2,
	Parallelism: 1,
	SaltLength:  16,
	KeyLength:   32,
}

// HashPassword returns an argon2id hash in the PHC string format, salt included.
func HashPassword(password string) (string, error) {
	hash, err := argon2id.CreateHash(password, passwordParams)
	if err != nil {
		return "", fmt.Errorf("identity: hash password: %w", err)
	}
	return hash, nil
}

// CheckPassword reports whether password matches the stored hash, in constant time.
func CheckPassword(password, hash string) (bool, error) {
	ok, err := argon2id.ComparePasswordAndHash(password, hash)
	if err != nil {
		return false, fmt.Errorf("identity: check password: %w", err)
	}
	return ok, nil
}
