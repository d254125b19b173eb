package load

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/vgs/leergang/internal/identity"
)

// PasswordCheckName is what the figures of the password check alone are called.
const PasswordCheckName = "identity.CheckPassword"

// passwordCheckPause comes between two timed password checks, as logins come now and then: checked back to back,
// the hash finds the cores awake and looks faster than a login finds it (with two lanes, twice as fast on a
// two-core virtual machine whose idle core must otherwise be woken first).
const passwordCheckPause = 100 * time.Millisecond

// PasswordCheck times the product's own password check n times, in this process: the argon2id hash (with
// identity's parameters) that every login computes before its statements. Measured while the servers are idle,
// it is the floor under login's latency, which no tuning of the server's requests can lower.
func PasswordCheck(ctx context.Context, n int) (*Single, error) {
	const password = "correct horse battery staple"
	hash, err := identity.HashPassword(ctx, password)
	if err != nil {
		return nil, err
	}
	rec := newRecorder()
	var checking time.Duration
	for i := range n {
		if i > 0 {
			time.Sleep(passwordCheckPause)
		}
		t := time.Now()
		ok, err := identity.CheckPassword(ctx, password, hash)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, errors.New("load: the password check refused the right password")
		}
		took := time.Since(t)
		checking += took
		rec.record(PasswordCheckName, took, -1)
	}
	stats, _ := summarize([]*recorder{rec}, checking)
	return &Single{What: fmt.Sprintf("The password check alone (argon2id, %s)", hashParams(hash)), Stats: stats[0]}, nil
}

// hashParams are the parameters a PHC string carries, e.g. "m=19456,t=2,p=1" from
// "$argon2id$v=19$m=19456,t=2,p=1$salt$key".
func hashParams(phc string) string {
	if parts := strings.Split(phc, "$"); len(parts) == 6 {
		return parts[3]
	}
	return "unknown parameters"
}
