package identity

import (
	"context"
	"fmt"
	"runtime"

	"github.com/alexedwards/argon2id"
	"golang.org/x/sync/semaphore"

	"github.com/vgs/leergang/internal/heavy"
)

// passwordParams are OWASP's argon2id recommendation (m=19 MiB, t=2, p=1): strong enough for an offline attack on
// a leaked table. One lane, not two: with two, a hash took both cores of a two-core server from every other
// request while it ran, and on a virtual machine whose idle core must first be woken it was no faster than one
// lane (some 27 ms either way; see the README's Performance section). A stored hash is checked with the
// parameters it carries, so earlier hashes (p=2) keep working.
var passwordParams = &argon2id.Params{
	Memory:      19 * 1024,
	Iterations:  2,
	Parallelism: 1,
	SaltLength:  16,
	KeyLength:   32,
}

// hashing lets half the cores hash passwords at once (one of two), and the next hash wait for its turn. A hash is
// some 25 ms of one core's full attention, and while two ran at once on a two-core server every other request
// waited: in a national benchmark run, each login came with a cluster of other requests taking 30-90 ms (see the
// README's Performance section). Each hash also holds 19 MiB, so that a burst of logins (a cohort signing in as a
// session starts, or someone trying passwords from many addresses) cannot take a replica's memory (150 MiB). A
// request stops waiting when it is cancelled.
var (
	hashPlaces = int64(max(1, runtime.GOMAXPROCS(0)/2))
	hashing    = semaphore.NewWeighted(hashPlaces)
)

// HashPassword returns an argon2id hash in the PHC string format, salt included.
func HashPassword(ctx context.Context, password string) (string, error) {
	hash, err := heavy.Run(ctx, hashing, func() (string, error) { return argon2id.CreateHash(password, passwordParams) })
	if err != nil {
		return "", fmt.Errorf("identity: hash password: %w", err)
	}
	return hash, nil
}

// CheckPassword reports whether password matches the stored hash, in constant time.
func CheckPassword(ctx context.Context, password, hash string) (bool, error) {
	ok, err := heavy.Run(ctx, hashing, func() (bool, error) { return argon2id.ComparePasswordAndHash(password, hash) })
	if err != nil {
		return false, fmt.Errorf("identity: check password: %w", err)
	}
	return ok, nil
}
