package datagen

import (
	"math/rand/v2"
	"slices"
	"time"
)

// planEnrolments enrols every participant in one cohort and about one in ten in a second, later one (often of
// another programme). Cohorts are of uneven size around 25.
func (g *gen) planEnrolments() {
	r := stream(g.seed, "enrolments")
	order := make([]int, len(g.cohorts)) // cohorts by start date
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return g.cohorts[a].startsOn.Compare(g.cohorts[b].startsOn) })

	participants := g.scale.Participants
	seconds := participants / 10
	firstWeights := make([]float64, len(order))
	secondWeights := make([]float64, len(order))
	settled := g.begin.AddDate(0, 18, 0) // by then people who finished one leergang start another
	for k, ci := range order {
		firstWeights[k] = 0.7 + 0.6*r.Float64()
		if g.cohorts[ci].startsOn.After(settled) {
			secondWeights[k] = 0.7 + 0.6*r.Float64()
		}
	}
	if !slices.ContainsFunc(secondWeights, func(w float64) bool { return w > 0 }) {
		for k := 1; k < len(secondWeights); k++ {
			secondWeights[k] = 1
		}
	}
	const minimum = 3
	firstSizes := spread(participants-minimum*len(order), firstWeights)
	secondSizes := spread(seconds, secondWeights)

	members := make([][]int, len(g.cohorts)) // user indices per cohort
	firstOf := map[int]int{}                 // participant → first cohort
	for k, ci := range order {
		c := &g.cohorts[ci]
		for range firstSizes[k] + minimum {
			enrolled := g.enrolmentMoment(r, c)
			u := g.newUser(r, false, enrolled)
			firstOf[u] = ci
			members[ci] = append(members[ci], u)
		}
	}
	firstParticipant := len(g.users) - participants
	second := map[int]bool{}
	for k, ci := range order {
		want := secondSizes[k]
		if want == 0 {
			continue
		}
		c := &g.cohorts[ci]
		eligible := []func(u int) bool{
			func(u int) bool { return g.cohorts[firstOf[u]].endsOn.Before(c.startsOn) },
			func(u int) bool { return g.cohorts[firstOf[u]].startsOn.Before(c.startsOn) },
			func(int) bool { return true },
		}
		var candidates []int
		for _, ok := range eligible {
			candidates = candidates[:0]
			for u := firstParticipant; u < len(g.users); u++ {
				if !second[u] && firstOf[u] != ci && ok(u) {
					candidates = append(candidates, u)
				}
			}
			if len(candidates) >= want {
				break
			}
		}
		for _, k := range sample(r, len(candidates), min(want, len(candidates))) {
			u := candidates[k]
			second[u] = true
			members[ci] = append(members[ci], u)
		}
	}

	for ci := range g.cohorts {
		c := &g.cohorts[ci]
		for _, u := range members[ci] {
			e := enrolment{id: g.id(kindEnrolment, len(g.enrolments)), cohort: ci, user: u,
				diligence: lognormal(r, 0.6), openness: r.Float64()}
			if firstOf[u] == ci {
				e.enrolledAt = g.users[u].createdAt
			} else {
				e.enrolledAt = g.enrolmentMoment(r, c)
			}
			g.enrolmentStatus(r, c, &e)
			c.enrolments = append(c.enrolments, len(g.enrolments))
			g.enrolments = append(g.enrolments, e)
		}
		c.capacity = max(len(c.enrolments)+r.IntN(5), 12)
	}
}

// enrolmentMoment: people are enrolled during office hours, two weeks to three months before the start.
func (g *gen) enrolmentMoment(r *rand.Rand, c *cohort) time.Time {
	t := at(c.startsOn.AddDate(0, 0, -between(r, 14, 90)), between(r, 9, 16), r.IntN(60))
	return earliest(latest(t, c.createdAt.Add(time.Hour)), g.now.Add(-time.Hour))
}

// enrolmentStatus: completing a cohort completes its active enrolments (internal/planning); a few people
// withdraw along the way.
func (g *gen) enrolmentStatus(r *rand.Rand, c *cohort, e *enrolment) {
	switch c.status {
	case planned:
		if chance(r, 0.01) {
			e.status, e.withdrawnAt = withdrawn, instant(r, e.enrolledAt, g.now)
		}
	case running:
		if chance(r, 0.03) {
			e.status, e.withdrawnAt = withdrawn, instant(r, latest(c.startsOn, e.enrolledAt), g.now)
		}
	default:
		e.status = done
		if chance(r, 0.05) {
			e.status, e.withdrawnAt = withdrawn, instant(r, latest(c.startsOn, e.enrolledAt), c.endsOn)
		}
	}
}

// invited reports whether the enrolment counts for evaluations (internal/evaluation: active or completed).
func (e *enrolment) invited() bool { return e.status != withdrawn }

// presentAt reports whether the person was enrolled at t.
func (e *enrolment) presentAt(t time.Time) bool {
	return !e.enrolledAt.After(t) && (e.status != withdrawn || e.withdrawnAt.After(t))
}
