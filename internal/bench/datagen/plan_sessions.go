package datagen

import (
	"math/rand/v2"
	"time"
)

// planSessions schedules every cohort's sessions over its modules, on Tuesdays to Thursdays, mostly in the
// afternoon, and books speakers from the programme's directory and the shared one.
func (g *gen) planSessions() {
	r := stream(g.seed, "sessions")
	weights := make([]float64, len(g.cohorts))
	for ci, c := range g.cohorts {
		weights[ci] = float64(len(c.modules)) * (0.7 + 0.6*r.Float64())
	}
	counts := spread(g.scale.Sessions-len(g.cohorts), weights)
	for ci := range g.cohorts {
		c := &g.cohorts[ci]
		perModule := spread(counts[ci]+1, equalWeights(len(c.modules)))
		for mi := range c.modules {
			m := &c.modules[mi]
			for k := range perModule[mi] {
				first := len(c.sessions) == 0
				last := mi == len(c.modules)-1 && k == perModule[mi]-1
				g.planSession(r, ci, mi, k, perModule[mi], first, last)
				s := &g.sessions[len(g.sessions)-1]
				if !s.cancelled && s.endsAt.After(m.lastSessionEnd) {
					m.lastSessionEnd = s.endsAt
				}
			}
		}
	}
}

func equalWeights(n int) []float64 {
	w := make([]float64, n)
	for i := range w {
		w[i] = 1
	}
	return w
}

func (g *gen) planSession(r *rand.Rand, ci, mi, k, n int, first, last bool) {
	c := &g.cohorts[ci]
	m := &c.modules[mi]
	text := g.programmes[c.programme].modules[mi].text
	span := m.to.Sub(m.from)
	day := m.from.Add(time.Duration((float64(k) + 0.5 + 0.5*(r.Float64()-0.5)) * float64(span) / float64(n)))
	day = midweek(dayOf(day))
	day = latest(earliest(day, c.endsOn), c.startsOn)

	s := session{id: g.id(kindSession, len(g.sessions)), cohort: ci, module: mi}
	switch x := r.Float64(); {
	case last && x < 0.3:
		s.startsAt, s.endsAt = at(day, 10, 0), at(day.AddDate(0, 0, 1), 13, 0)
	case x < 0.7:
		s.startsAt, s.endsAt = at(day, 13, 30), at(day, 17, 0)
	case x < 0.9:
		s.startsAt, s.endsAt = at(day, 10, 0), at(day, 16, 0)
	default:
		s.startsAt, s.endsAt = at(day, 9, 30), at(day, 12, 30)
	}
	switch {
	case first:
		s.title = "Aftrap: " + text.title
	case last:
		s.title = "Afsluiting en slotevaluatie"
	case k == 0:
		s.title = text.title
	default:
		s.title = oneOf(r, sessionTitles)
	}
	if chance(r, 0.25) {
		s.online = true
	} else {
		s.venue = oneOf(r, venues)
	}
	for _, t := range sample(r, len(sessionTopics), between(r, 1, 3)) {
		s.topics = append(s.topics, sessionTopics[t])
	}
	if !first && chance(r, 0.03) {
		s.cancelled, s.sequence = true, 1
	} else if chance(r, 0.1) {
		s.sequence = between(r, 1, 2) // moved once or twice
	}
	s.createdAt = earliest(c.createdAt.Add(time.Duration(between(r, 1, 30))*24*time.Hour), g.now.Add(-time.Hour))
	s.facilitators = c.facilitators
	if chance(r, 0.5) {
		s.facilitators = c.facilitators[r.IntN(2):][:1]
	}
	g.planBookings(r, c, &s)
	g.sessions = append(g.sessions, s)
	c.sessions = append(c.sessions, len(g.sessions)-1)
}

// midweek moves a day to the nearest Tuesday, Wednesday or Thursday.
func midweek(d time.Time) time.Time {
	switch d.Weekday() {
	case time.Monday:
		return d.AddDate(0, 0, 1)
	case time.Friday:
		return d.AddDate(0, 0, -1)
	case time.Saturday:
		return d.AddDate(0, 0, -2)
	case time.Sunday:
		return d.AddDate(0, 0, 2)
	}
	return d
}

// planBookings invites speakers six to eight weeks ahead; most accept through their link within days. Sessions
// further ahead than that have no speaker yet.
func (g *gen) planBookings(r *rand.Rand, c *cohort, s *session) {
	p := &g.programmes[c.programme]
	n := 0
	switch x := r.Float64(); {
	case x < 0.6:
		n = 1
	case x < 0.75:
		n = 2
	}
	taken := map[int]bool{}
	for range n {
		sp := oneOf(r, p.speakers)
		if len(g.sharedSpeakers) > 0 && chance(r, 0.3) {
			sp = oneOf(r, g.sharedSpeakers)
		}
		invited := at(s.startsAt.AddDate(0, 0, -between(r, 42, 56)), between(r, 9, 17), r.IntN(60))
		if taken[sp] || invited.After(g.now) {
			continue
		}
		taken[sp] = true
		b := booking{id: g.id(kindBooking, len(g.sessions)*4+len(s.bookings)), speaker: sp,
			invitedBy: s.facilitators[0], invitedAt: invited, jti: g.id(kindBookingToken, len(g.sessions)*4+len(s.bookings))}
		respond := earliest(invited.Add(time.Duration(between(r, 2, 120))*time.Hour), g.now)
		switch x := r.Float64(); {
		case s.cancelled:
			b.status = "cancelled"
		case s.startsAt.Before(g.now):
			b.status = "confirmed"
			if x > 0.9 {
				b.status = "declined"
			}
		case respond.Equal(g.now) || x > 0.85:
			b.status = "invited"
		case x > 0.75:
			b.status = "declined"
		default:
			b.status = "confirmed"
		}
		if b.status == "confirmed" || b.status == "declined" {
			b.respondedAt = respond
		}
		s.bookings = append(s.bookings, b)
	}
}
