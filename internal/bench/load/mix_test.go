package load

import (
	"math/rand/v2"
	"testing"
	"time"
)

// The mix paces logins and refreshes: once one is chosen, it is not chosen again from that client until its
// interval has passed, so that no client uses up the budgets of its address as no person can.
func TestTheMixPacesLoginsAndRefreshes(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	c := &Client{sent: map[string]time.Time{}}
	chosen := map[string]int{}
	for range 2000 {
		chosen[pick(rng, c, sessionActions).name]++
		if len(chosen) == 2 {
			break
		}
	}
	if chosen[nameLogin] != 1 || chosen[nameRefresh] != 1 {
		t.Fatalf("chosen %v, want one login and one refresh before both are paced out", chosen)
	}
	for _, a := range sessionActions {
		if a.allowed(c, time.Now()) {
			t.Errorf("%s allowed right after it was chosen", a.name)
		}
		if !a.allowed(c, time.Now().Add(a.every)) {
			t.Errorf("%s not allowed %s after it was chosen", a.name, a.every)
		}
	}
}
