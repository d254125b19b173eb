package datagen

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"time"
)

// writing is an enrolment that can hold goals and reflections: its cohort has started and retention has not
// emptied it. until is when its author stopped writing in it.
type writing struct {
	enrolment int
	from      time.Time
	until     time.Time
	progress  float64 // how much of the cohort lies behind it, 0–1
}

func (g *gen) writingEnrolments() []writing {
	var out []writing
	for ei := range g.enrolments {
		e := &g.enrolments[ei]
		c := &g.cohorts[e.cohort]
		if c.status == planned || c.retention.purged || c.startsOn.After(g.now) {
			continue
		}
		until := earliest(g.now.Add(-time.Hour), c.endsOn.AddDate(0, 0, 21))
		if e.status == withdrawn {
			until = earliest(until, e.withdrawnAt)
		}
		from := latest(c.startsOn, e.enrolledAt)
		if !until.After(from) {
			continue
		}
		elapsed := earliest(g.now, c.endsOn).Sub(c.startsOn).Seconds() / c.endsOn.Sub(c.startsOn).Seconds()
		out = append(out, writing{enrolment: ei, from: from, until: until, progress: math.Max(0.05, math.Min(1, elapsed))})
	}
	return out
}

// planGoals gives the scale's goals to the enrolments that can hold them, more to diligent people and to cohorts
// further along; every goal belongs to a module that has begun, with steps ticked off as fits its status.
func (g *gen) planGoals() error {
	r := stream(g.seed, "goals")
	ws := g.writingEnrolments()
	if len(ws) == 0 && g.scale.Goals+g.scale.Reflections > 0 {
		return fmt.Errorf("datagen: scale %q has no cohort that has begun to hold goals and reflections", g.scale.Name)
	}
	weights := make([]float64, len(ws))
	for i, w := range ws {
		weights[i] = g.enrolments[w.enrolment].diligence * w.progress
		if g.enrolments[w.enrolment].status == withdrawn {
			weights[i] *= 0.3
		}
	}
	counts := spread(g.scale.Goals, weights)
	goalWeights := make([]float64, g.scale.Goals)
	for i := range goalWeights {
		goalWeights[i] = 0.2 + 1.6*r.Float64()
	}
	extraSteps := spread(g.scale.Steps-g.scale.Goals, goalWeights)
	g.goals = make([]goal, 0, g.scale.Goals)
	g.stepDone = make([]time.Time, 0, g.scale.Steps)
	for i, w := range ws {
		e := &g.enrolments[w.enrolment]
		c := &g.cohorts[e.cohort]
		start := len(g.goals)
		for range counts[i] {
			gl := goal{enrolment: int32(w.enrolment), module: -1, aspects: uint8(1 + pick(r, []float64{0.45, 0.4, 0.15}))}
			from, until := w.from, w.until
			if begun := g.begunModules(c, until); len(begun) > 0 && chance(r, 0.92) {
				mi := oneOf(r, begun)
				m := &c.modules[mi]
				gl.module = int16(mi)
				from = latest(from, m.from.AddDate(0, 0, -7))
				until = earliest(until, latest(m.to, from.Add(time.Hour)))
			}
			gl.created = instant(r, from, until)
			gl.status = goalStatus(r, c.status, e.status)
			g.goals = append(g.goals, gl)
		}
		mine := g.goals[start:]
		slices.SortFunc(mine, func(a, b goal) int { return a.created.Compare(b.created) })
		for j := range mine {
			g.planSteps(r, &mine[j], 1+extraSteps[start+j], w.until)
		}
		e.goals = span{int32(start), int32(len(mine))}
	}
	return nil
}

// begunModules lists the cohort's modules that had begun by t.
func (g *gen) begunModules(c *cohort, t time.Time) []int {
	var out []int
	for mi, m := range c.modules {
		if m.from.Before(t) {
			out = append(out, mi)
		}
	}
	return out
}

func goalStatus(r *rand.Rand, c cohortStatus, e enrolmentStatus) uint8 {
	weights := []float64{0.2, 0.62, 0.13, 0.05} // draft, active, achieved, dropped: a running cohort
	if c == completed || c == archived {
		weights = []float64{0.1, 0.2, 0.55, 0.15}
	}
	if e == withdrawn && chance(r, 0.6) {
		return 3
	}
	return uint8(pick(r, weights))
}

// planSteps: an achieved goal has every step done, a dropped one its first, an active one its first few.
func (g *gen) planSteps(r *rand.Rand, gl *goal, n int, until time.Time) {
	done := 0
	switch goalStatuses[gl.status] {
	case "achieved":
		done = n
	case "dropped":
		done = 1
	case "active":
		done = r.IntN(n + 1)
	}
	gl.steps = span{int32(len(g.stepDone)), int32(n)}
	gl.updated = gl.created
	t := gl.created
	for j := range n {
		var at time.Time
		if j < done && t.Before(until) {
			t = instant(r, t, earliest(t.Add(time.Duration(between(r, 1, 30))*24*time.Hour), until))
			at = t
			gl.updated = t
		}
		g.stepDone = append(g.stepDone, at)
	}
}

// planReflections spreads the scale's reflections over the enrolments, the diligent writing much more than
// others; a reflection is written in the evening, often right after a session, and shared or not as its author
// tends to.
func (g *gen) planReflections() {
	r := stream(g.seed, "reflections")
	ws := g.writingEnrolments()
	weights := make([]float64, len(ws))
	for i, w := range ws {
		e := &g.enrolments[w.enrolment]
		weights[i] = math.Pow(e.diligence, 1.3) * w.progress * (0.5 + r.Float64())
		if e.status == withdrawn {
			weights[i] *= 0.3
		}
	}
	counts := spread(g.scale.Reflections, weights)
	g.reflections = make([]reflection, 0, g.scale.Reflections)
	for i, w := range ws {
		e := &g.enrolments[w.enrolment]
		c := &g.cohorts[e.cohort]
		start := len(g.reflections)
		for range counts[i] {
			t := instant(r, w.from, w.until)
			if evening := at(t, between(r, 18, 23), r.IntN(60)); !evening.After(w.until) && !evening.Before(w.from) {
				t = evening
			}
			rf := reflection{enrolment: int32(w.enrolment), session: -1, module: -1, goal: -1, created: t, updated: t}
			if si := g.sessionBefore(c, t); si >= 0 && chance(r, 0.45) {
				rf.session, rf.module = int32(si), int16(g.sessions[si].module)
			} else if mi := moduleAt(c, t); mi >= 0 && chance(r, 0.6) {
				rf.module = int16(mi)
			}
			// The more open the author, the more they share; the shared half go to the facilitators or the group.
			private := 0.25 + 0.5*(1-e.openness)
			switch x := r.Float64(); {
			case x < private:
			case x < private+(1-private)/2:
				rf.visibility = 1
			default:
				rf.visibility = 2
			}
			if n := g.goalsBefore(e, t); n > 0 && chance(r, 0.3) {
				rf.goal = e.goals.start + int32(r.IntN(n))
			}
			if edited := t.Add(time.Duration(between(r, 10, 7200)) * time.Minute); chance(r, 0.15) && edited.Before(g.now) {
				rf.updated = edited
			}
			g.reflections = append(g.reflections, rf)
		}
		mine := g.reflections[start:]
		slices.SortFunc(mine, func(a, b reflection) int { return a.created.Compare(b.created) })
		for j := range mine {
			if mine[j].visibility > 0 {
				c.sharedReflections = append(c.sharedReflections, int32(start+j))
			}
		}
	}
	for ci := range g.cohorts {
		shared := g.cohorts[ci].sharedReflections
		slices.SortFunc(shared, func(a, b int32) int { return g.reflections[a].created.Compare(g.reflections[b].created) })
	}
}

// sessionBefore returns the cohort's latest session that ended in the two weeks before t, or -1.
func (g *gen) sessionBefore(c *cohort, t time.Time) int {
	best := -1
	for _, si := range c.sessions {
		s := &g.sessions[si]
		if s.cancelled || s.endsAt.After(t) || s.endsAt.Before(t.AddDate(0, 0, -14)) {
			continue
		}
		if best < 0 || s.endsAt.After(g.sessions[best].endsAt) {
			best = si
		}
	}
	return best
}

// moduleAt returns the index of the cohort's module running at t, or -1.
func moduleAt(c *cohort, t time.Time) int {
	for mi, m := range c.modules {
		if !t.Before(m.from) && t.Before(m.to) {
			return mi
		}
	}
	return -1
}

// goalsBefore counts the enrolment's goals created before t (they are sorted by creation).
func (g *gen) goalsBefore(e *enrolment, t time.Time) int {
	mine := g.goals[e.goals.start : e.goals.start+e.goals.n]
	return sort.Search(len(mine), func(i int) bool { return !mine[i].created.Before(t) })
}

// planComments: a quarter of the shared reflections get a few reactions, from the facilitators, from fellow
// participants when the whole group may read it, and replies from the author.
func (g *gen) planComments() {
	r := stream(g.seed, "comments")
	for ri := range g.reflections {
		rf := &g.reflections[ri]
		if rf.visibility == 0 || !chance(r, 0.25) {
			continue
		}
		e := &g.enrolments[rf.enrolment]
		c := &g.cohorts[e.cohort]
		t := rf.created
		for k := range between(r, 1, 3) {
			t = t.Add(time.Duration(between(r, 30, 3*24*60)) * time.Minute)
			if t.After(g.now) {
				break
			}
			author := int32(oneOf(r, c.facilitators))
			switch x := r.Float64(); {
			case k > 0 && x < 0.3:
				author = int32(e.user)
			case rf.visibility == 2 && x < 0.7:
				other := &g.enrolments[oneOf(r, c.enrolments)]
				if other.presentAt(t) {
					author = int32(other.user)
				}
			}
			// A removed comment was removed a minute after it was written (the audit log says so too).
			g.comments = append(g.comments, comment{reflection: int32(ri), author: author, created: t,
				deleted: chance(r, 0.02) && t.Add(time.Minute).Before(g.now)})
		}
	}
}

// planPortraits: a few people who completed a cohort write their story; most are published.
func (g *gen) planPortraits() {
	r := stream(g.seed, "portraits")
	for ei := range g.enrolments {
		e := &g.enrolments[ei]
		c := &g.cohorts[e.cohort]
		if e.status != done || !chance(r, 0.03) {
			continue
		}
		p := portrait{enrolment: ei, status: "draft", reviewer: oneOf(r, g.admins),
			created: at(c.endsOn.AddDate(0, 0, between(r, 1, 30)), between(r, 9, 21), r.IntN(60))}
		p.consentAt = p.created.Add(time.Duration(between(r, 1, 120)) * time.Hour)
		p.reviewed = p.consentAt.Add(time.Duration(between(r, 4, 240)) * time.Hour)
		switch x := r.Float64(); {
		case p.created.After(g.now):
			continue
		case x < 0.15 || p.consentAt.After(g.now):
		case x < 0.3 || p.reviewed.After(g.now):
			p.status = "submitted"
		case x < 0.4:
			p.status = "rejected"
		default:
			p.status = "approved"
		}
		g.portraits = append(g.portraits, p)
	}
}

// portraitTitle is a portrait's headline, as people write them.
func portraitTitle(r *rand.Rand, u *user) string {
	return strings.ReplaceAll(oneOf(r, []string{"“Absoluut een aanrader”", "Wat de leergang {gemeente} opleverde",
		"Digitalisering is geen ICT-feestje", "Van opgave naar aanpak in {gemeente}", "Leiderschap begint bij jezelf"}),
		"{gemeente}", u.gemeente)
}
