package load

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/vgs/leergang/internal/identity"
)

// PasswordCheckName is what the figures of the password check alone are called.
const PasswordCheckName = "identity.CheckPassword"

// passwordCheckPause comes between two timed password checks, as logins come now and then. Checked back to
// back, the hash's two lanes find both cores awake and take half the time; after a pause (here, a virtual machine
// whose idle core must be woken) a check takes as long as in one lane, which is what a login meets.
const passwordCheckPause = 100 * time.Millisecond

// PasswordCheck times the product's own password check n times, in this process: the argon2id hash (with
// identity's parameters) that every login computes before its statements. Measured while the servers are idle,
// it is the floor under login's latency, which no tuning of the server's requests can lower.
func PasswordCheck(n int) (*Single, error) {
	const password = "correct horse battery staple"
	hash, err := identity.HashPassword(password)
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
		ok, err := identity.CheckPassword(password, hash)
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

// hashParams are the parameters a PHC string carries, e.g. "m=19456,t=2,p=2" from
// "$argon2id$v=19$m=19456,t=2,p=2$salt$key".
func hashParams(phc string) string {
	if parts := strings.Split(phc, "$"); len(parts) == 6 {
		return parts[3]
	}
	return "unknown parameters"
}
