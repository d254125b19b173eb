package load

import (
	"math/rand/v2"
	"testing"
	"time"
)

// A client that has just logged in is not sent to log in again by the mix: no person uses up the login budget
// of an address. Once loginEvery has passed, the login is back in the mix.
func TestTheMixPacesLogins(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	logins := func(c *Client) int {
		n := 0
		for range 2000 {
			if pick(rng, c, sessionActions).name == nameLogin {
				n++
			}
		}
		return n
	}
	if n := logins(&Client{lastLogin: time.Now()}); n != 0 {
		t.Errorf("%d logins picked right after a login, want none", n)
	}
	if n := logins(&Client{lastLogin: time.Now().Add(-loginEvery)}); n == 0 {
		t.Errorf("no login picked %s after the last one", loginEvery)
	}
}
