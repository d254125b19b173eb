package datagen

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/google/uuid"
)

// planEvaluations writes every programme's templates and attaches copies to its cohorts: a start questionnaire,
// an evaluation per session and per confirmed speaker, one per module, a midterm and a final evaluation and a
// follow-up half a year later. Then it decides who answered what: the scale's responses spread over the forms
// that have opened, in proportion to how willing each cohort is, never more than a form has participants.
func (g *gen) planEvaluations() error {
	r := stream(g.seed, "evaluations")
	for pi := range g.programmes {
		g.planTemplates(pi)
	}
	for ci := range g.cohorts {
		g.planForms(r, ci)
	}
	return g.planResponses(r)
}

// revisionAfter is when the second edition of the session evaluation came out.
func (g *gen) revisionAfter() time.Time { return g.begin.AddDate(0, 30, 0) }

func (g *gen) planTemplates(pi int) {
	p := &g.programmes[pi]
	for _, def := range templateDefs {
		t := formTemplate{id: g.id(kindForm, len(g.forms)+len(g.templates)), programme: pi, def: def,
			revision: def.revision, copiedFrom: -1, createdAt: p.createdAt.AddDate(0, 0, 7)}
		if def.revision > 1 {
			t.copiedFrom = p.templates[def.key]
			t.createdAt = g.revisionAfter()
		}
		t.questions = g.questionIDs(len(def.questions))
		g.templates = append(g.templates, t)
		p.templates[def.key] = len(g.templates) - 1 // the newest edition is the one cohorts copy from now on
	}
}

// questionIDs numbers the questions of a template or form; the templates come first, so there are at most
// a hundred questions per form.
func (g *gen) questionIDs(n int) []uuid.UUID {
	out := make([]uuid.UUID, n)
	for i := range out {
		out[i] = g.id(kindQuestion, g.questionCount)
		g.questionCount++
	}
	return out
}

// templateFor is the template a cohort copies: the edition that was current when the cohort was set up.
func (g *gen) templateFor(c *cohort, key string) int {
	ti := g.programmes[c.programme].templates[key]
	for g.templates[ti].createdAt.After(c.createdAt) && g.templates[ti].copiedFrom >= 0 {
		ti = g.templates[ti].copiedFrom
	}
	return ti
}

func (g *gen) planForms(r *rand.Rand, ci int) {
	c := &g.cohorts[ci]
	add := func(key, scope string, session, module int, title string, opens, closes time.Time) {
		ti := g.templateFor(c, key)
		f := form{id: g.id(kindForm, len(g.templates)+len(g.forms)), cohort: ci, template: ti, scope: scope,
			session: session, module: module, title: title, opensAt: opens, closesAt: closes,
			createdBy: c.facilitators[0], quality: c.evaluationQuality + 0.25*r.NormFloat64()}
		f.createdAt = latest(earliest(opens.AddDate(0, 0, -14), g.now.Add(-time.Hour)), c.createdAt)
		f.questions = g.questionIDs(len(g.templates[ti].def.questions))
		g.forms = append(g.forms, f)
	}
	add("start", "cohort", -1, -1, "Startvragenlijst "+c.name, at(c.startsOn.AddDate(0, 0, -14), 9, 0),
		at(c.startsOn.AddDate(0, 0, 7), 23, 59))
	if c.status == planned {
		return
	}
	for _, si := range c.sessions {
		s := &g.sessions[si]
		if s.cancelled {
			continue
		}
		closes := at(s.endsAt.AddDate(0, 0, 14), 23, 59)
		add("bijeenkomst", "session", si, -1, truncateRunes("Evaluatie bijeenkomst: "+s.title, 200), s.endsAt, closes)
		for _, b := range s.bookings {
			if b.status == "confirmed" {
				add("spreker", "session", si, -1, "Evaluatie spreker: "+g.speakers[b.speaker].name, s.endsAt, closes)
			}
		}
	}
	p := &g.programmes[c.programme]
	for mi, m := range c.modules {
		opens := latest(m.lastSessionEnd, at(m.to.AddDate(0, 0, -3), 17, 0))
		add("module", "module", -1, mi, truncateRunes("Evaluatie module: "+p.modules[mi].text.title, 200), opens,
			at(opens.AddDate(0, 0, 21), 23, 59))
	}
	mid := c.startsOn.Add(c.endsOn.Sub(c.startsOn) / 2)
	add("tussen", "cohort", -1, -1, "Tussenevaluatie "+c.name, at(mid, 9, 0), at(mid.AddDate(0, 0, 14), 23, 59))
	add("slot", "cohort", -1, -1, truncateRunes(fmt.Sprintf("Slotevaluatie %s %s", p.name, c.name), 200),
		at(c.endsOn.AddDate(0, 0, -7), 17, 0), at(c.endsOn.AddDate(0, 0, 21), 23, 59))
	add("terugblik", "cohort", -1, -1, "Terugblik na een half jaar "+c.name, at(c.endsOn.AddDate(0, 6, 0), 9, 0),
		at(c.endsOn.AddDate(0, 7, 0), 23, 59))
}

// responseRate is how readily a kind of form is answered.
var responseRate = map[string]float64{"start": 0.85, "bijeenkomst": 0.8, "spreker": 0.65, "module": 0.7,
	"tussen": 0.65, "slot": 0.85, "terugblik": 0.4}

func (g *gen) planResponses(r *rand.Rand) error {
	weights := make([]float64, len(g.forms))
	caps := make([]int, len(g.forms))
	for fi := range g.forms {
		f := &g.forms[fi]
		if f.opensAt.After(g.now) {
			continue
		}
		c := &g.cohorts[f.cohort]
		for _, ei := range c.enrolments {
			if g.canAnswer(&g.enrolments[ei], f) {
				caps[fi]++
			}
		}
		weights[fi] = float64(caps[fi]) * responseRate[g.templates[f.template].def.key] * c.responseWillingness
		if f.closesAt.After(g.now) { // still open: not everyone has answered yet
			weights[fi] *= 0.2 + 0.8*g.now.Sub(f.opensAt).Seconds()/f.closesAt.Sub(f.opensAt).Seconds()
		}
	}
	quota, ok := spreadCapped(g.scale.EvaluationResponses, weights, caps)
	if !ok {
		room := 0
		for _, n := range caps {
			room += n
		}
		return fmt.Errorf("datagen: scale %q asks for %d evaluation responses, but its opened forms have only %d participants to give them",
			g.scale.Name, g.scale.EvaluationResponses, room)
	}
	for fi := range g.forms {
		if quota[fi] > 0 {
			g.pickRespondents(r, &g.forms[fi], quota[fi])
		}
	}
	return nil
}

// pickRespondents chooses n of the form's participants, the diligent more likely (weighted sampling without
// replacement, Efraimidis–Spirakis), and when each answered: mostly in the first days.
func (g *gen) pickRespondents(r *rand.Rand, f *form, n int) {
	c := &g.cohorts[f.cohort]
	type candidate struct {
		enrolment int
		key       float64
	}
	var cs []candidate
	for _, ei := range c.enrolments {
		if e := &g.enrolments[ei]; g.canAnswer(e, f) {
			cs = append(cs, candidate{ei, math.Pow(r.Float64(), 1/e.diligence)})
		}
	}
	slices.SortFunc(cs, func(a, b candidate) int { return cmpFloat(b.key, a.key) })
	until := earliest(f.closesAt, g.now)
	for _, cd := range cs[:n] {
		e := &g.enrolments[cd.enrolment]
		from := latest(f.opensAt, e.enrolledAt)
		t := from.Add(time.Duration(-math.Log(1-r.Float64()) * float64(48*time.Hour)))
		if !t.Before(until) {
			t = instant(r, from, until)
		}
		f.responses = append(f.responses, submission{enrolment: int32(cd.enrolment), at: t})
	}
	slices.SortFunc(f.responses, func(a, b submission) int { return a.at.Compare(b.at) })
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// canAnswer: the form's participants (internal/evaluation: active or completed) who were enrolled while it was
// open before now.
func (g *gen) canAnswer(e *enrolment, f *form) bool {
	return e.invited() && e.enrolledAt.Before(earliest(f.closesAt, g.now))
}

// truncateRunes cuts s to at most n characters.
func truncateRunes(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n])
}
