package load

import "fmt"

// Role is what a virtual client does: the requests of one of the four kinds of users.
type Role string

// The four roles of DESIGN.md, as the load generator plays them.
const (
	Participant Role = "participant"
	Facilitator Role = "facilitator"
	Reviewer    Role = "reviewer"
	Admin       Role = "admin"
)

// Roles in the order reports list them.
var Roles = []Role{Participant, Facilitator, Reviewer, Admin}

// Shares are the relative numbers of clients per role.
type Shares map[Role]int

// DefaultShares is a national programme office at work: mostly participants (10,000 of them), some facilitators
// (a few hundred), a few reviewers of the fund and admins (a handful each; still far more than their real share
// of the people online at once).
var DefaultShares = Shares{Participant: 80, Facilitator: 14, Reviewer: 3, Admin: 3}

// assignRoles gives n clients their roles so that every prefix of the list keeps the shares as well as whole
// numbers allow: a level of 1 client is a participant, 16 clients are 13/2/1/0, 64 are 51/9/2/2. So one
// pool of clients serves every concurrency level, the first n of them taking part.
func assignRoles(n int, shares Shares) ([]Role, error) {
	total := 0
	for _, r := range Roles {
		if shares[r] < 0 {
			return nil, fmt.Errorf("load: negative share for %s", r)
		}
		total += shares[r]
	}
	if total == 0 {
		return nil, fmt.Errorf("load: no role has a share")
	}
	counts := map[Role]int{}
	out := make([]Role, n)
	for i := range out {
		// The role furthest behind its share of i+1 clients goes next (ties: the order of Roles).
		best, bestLag := Role(""), 0.0
		for _, r := range Roles {
			if shares[r] == 0 {
				continue
			}
			lag := float64(shares[r])*float64(i+1)/float64(total) - float64(counts[r])
			if best == "" || lag > bestLag {
				best, bestLag = r, lag
			}
		}
		out[i] = best
		counts[best]++
	}
	return out, nil
}
