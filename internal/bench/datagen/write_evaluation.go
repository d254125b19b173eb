package datagen

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/vgs/leergang/internal/nltime"
)

func (g *gen) writeEvaluations(ctx context.Context, c *copier) error {
	if err := g.writeForms(ctx, c); err != nil {
		return err
	}
	if err := g.writeSubmissions(ctx, c); err != nil {
		return err
	}
	responses := g.anonymousResponses()
	if err := c.copy(ctx, "evaluation_responses", []string{"id", "form_id", "submitted_on"},
		rowsOf(responses, func(_ int, r *response) []any {
			return []any{r.id, g.forms[r.form].id, r.day}
		})); err != nil {
		return err
	}
	if err := c.copy(ctx, "evaluation_answers", []string{"id", "response_id", "form_id", "question_id",
		"question_kind", "scale_value", "choice_value", "text_value", "share_with_funder"}, g.answerRows(responses)); err != nil {
		return err
	}
	return g.writeDrafts(ctx, c)
}

// questionsOf is what a template's questions are for programme p (the final evaluation lists its modules).
func (g *gen) questionsOf(t *formTemplate) []questionDef {
	qs := slices.Clone(t.def.questions)
	for i := range qs {
		if t.def.byModule && qs[i].options == "" {
			qs[i].options = moduleChoices(&g.programmes[t.programme])
		}
	}
	return qs
}

func (g *gen) writeForms(ctx context.Context, c *copier) error {
	creator := g.users[g.admins[0]].id
	forms := func(yield func([]any) bool) {
		for _, t := range g.templates {
			var from any
			if t.copiedFrom >= 0 {
				from = g.templates[t.copiedFrom].id
			}
			if !yield([]any{t.id, g.programmes[t.programme].id, true, nil, nil, nil, nil, t.def.title,
				t.def.description, t.revision, nil, nil, from, creator, t.createdAt, t.createdAt}) {
				return
			}
		}
		for _, f := range g.forms {
			co := &g.cohorts[f.cohort]
			t := &g.templates[f.template]
			var session, module any
			if f.session >= 0 {
				session = g.sessions[f.session].id
			}
			if f.module >= 0 {
				module = co.modules[f.module].id
			}
			if !yield([]any{f.id, g.programmes[co.programme].id, false, co.id, f.scope, session, module, f.title,
				t.def.description, t.revision, f.opensAt, f.closesAt, t.id, g.users[f.createdBy].id, f.createdAt,
				f.createdAt}) {
				return
			}
		}
	}
	if err := c.copy(ctx, "evaluation_forms", []string{"id", "programme_id", "is_template", "cohort_id", "scope",
		"session_id", "module_id", "title", "description", "revision", "opens_at", "closes_at",
		"copied_from_form_id", "created_by", "created_at", "updated_at"}, forms); err != nil {
		return err
	}
	questions := func(yield func([]any) bool) {
		emit := func(formID uuid.UUID, ids []uuid.UUID, t *formTemplate, created time.Time) bool {
			for i, q := range g.questionsOf(t) {
				if !yield([]any{ids[i], formID, i + 1, q.key, q.kind, q.prompt, "", q.required, q.options, created,
					created}) {
					return false
				}
			}
			return true
		}
		for i := range g.templates {
			t := &g.templates[i]
			if !emit(t.id, t.questions, t, t.createdAt) {
				return
			}
		}
		for _, f := range g.forms {
			if !emit(f.id, f.questions, &g.templates[f.template], f.createdAt) {
				return
			}
		}
	}
	return c.copy(ctx, "evaluation_questions", []string{"id", "form_id", "position", "key", "kind", "prompt",
		"help_text", "required", "options", "created_at", "updated_at"}, questions)
}

// writeSubmissions records who answered which form, for reminders and response rates; with the Idempotency-Key
// the app sends along with a submission.
func (g *gen) writeSubmissions(ctx context.Context, c *copier) error {
	r := stream(g.seed, "submissions")
	rows := func(yield func([]any) bool) {
		for _, f := range g.forms {
			for _, s := range f.responses {
				e := &g.enrolments[s.enrolment]
				var key any
				if chance(r, 0.9) {
					key = randomID(r).String()
				}
				if !yield([]any{f.id, g.users[e.user].id, g.cohorts[e.cohort].id, s.at, key}) {
					return
				}
			}
		}
	}
	return c.copy(ctx, "evaluation_submissions", []string{"form_id", "user_id", "cohort_id", "submitted_at",
		"idempotency_key"}, rows)
}

// response is an anonymous response: a random id, its form and the day, nothing else.
type response struct {
	id   uuid.UUID
	form int32
	day  time.Time
}

// anonymousResponses turns each form's submissions into responses that cannot be matched back to them: random
// ids, written in the order of those ids, each with one of the form's submission days.
func (g *gen) anonymousResponses() []response {
	r := stream(g.seed, "responses")
	out := make([]response, 0, g.scale.EvaluationResponses)
	for fi, f := range g.forms {
		start := len(out)
		for _, s := range f.responses {
			y, m, d := s.at.In(nltime.Amsterdam).Date()
			out = append(out, response{id: randomID(r), form: int32(fi), day: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)})
		}
		mine := out[start:]
		r.Shuffle(len(mine), func(i, j int) { mine[i].day, mine[j].day = mine[j].day, mine[i].day })
		slices.SortFunc(mine, func(a, b response) int { return bytes.Compare(a.id[:], b.id[:]) })
	}
	return out
}

// answerRows answers each response's questions: required ones always, the others now and then. Scores follow
// the form's quality, so that cohorts and sessions differ; open answers are shared with the funder half the time.
func (g *gen) answerRows(responses []response) func(yield func([]any) bool) {
	return func(yield func([]any) bool) {
		r := stream(g.seed, "answers")
		w := newWriter(stream(g.seed, "answer-text"))
		var qs []questionDef
		var choices [][]string
		last := int32(-1)
		for _, resp := range responses {
			f := &g.forms[resp.form]
			if resp.form != last {
				qs, last = g.questionsOf(&g.templates[f.template]), resp.form
				choices = make([][]string, len(qs))
				for i, q := range qs {
					if q.kind == "choice" {
						choices[i] = choiceValues(q.options)
					}
				}
			}
			for i, q := range qs {
				if !q.required && !chance(r, optionalAnswered(q.kind)) {
					continue
				}
				var scale, choice, text any
				share := false
				switch q.kind {
				case "scale":
					scale = int16(clamp(math.Round(f.quality+0.8*r.NormFloat64()), 1, 5))
				case "recommendation":
					scale = int16(clamp(math.Round(2.2*f.quality-1.5+1.6*r.NormFloat64()), 0, 10))
				case "choice":
					choice = choices[i][pickBiased(r, len(choices[i]))]
				case "text":
					text, share = answerText(w), chance(r, 0.5)
				}
				if !yield([]any{randomID(r), resp.id, f.id, f.questions[i], q.kind, scale, choice, text, share}) {
					return
				}
			}
		}
	}
}

// optionalAnswered is how often a question that may be skipped is answered: open ones much less.
func optionalAnswered(kind string) float64 {
	if kind == "text" {
		return 0.3
	}
	return 0.9
}

func clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }

// pickBiased favours the first options a little, as answers do.
func pickBiased(r *rand.Rand, n int) int {
	weights := make([]float64, n)
	for i := range weights {
		weights[i] = 1 / (1 + 0.4*float64(i))
	}
	return pick(r, weights)
}

// writeDrafts: some people who have not answered a form that is open now have started on it.
func (g *gen) writeDrafts(ctx context.Context, c *copier) error {
	r := stream(g.seed, "drafts")
	rows := func(yield func([]any) bool) {
		for _, f := range g.forms {
			if f.opensAt.After(g.now) || !f.closesAt.After(g.now) {
				continue
			}
			answered := map[int32]bool{}
			for _, s := range f.responses {
				answered[s.enrolment] = true
			}
			qs := g.questionsOf(&g.templates[f.template])
			co := &g.cohorts[f.cohort]
			for _, ei := range co.enrolments {
				e := &g.enrolments[ei]
				if answered[int32(ei)] || !g.canAnswer(e, &f) || !chance(r, 0.12) {
					continue
				}
				created := instant(r, latest(f.opensAt, e.enrolledAt), g.now)
				updated := instant(r, created, g.now)
				if !yield([]any{f.id, g.users[e.user].id, co.id, draftAnswers(r, qs, f.quality), created, updated, 1 + r.IntN(4)}) {
					return
				}
			}
		}
	}
	return c.copy(ctx, "evaluation_drafts", []string{"form_id", "user_id", "cohort_id", "answers", "created_at",
		"updated_at", "version"}, rows)
}

// draftAnswers is what a draft holds, as the draft API stores it: the first few questions answered.
func draftAnswers(r *rand.Rand, qs []questionDef, quality float64) string {
	type answer struct {
		Value  *int    `json:"value,omitempty"`
		Choice *string `json:"choice,omitempty"`
		Text   *string `json:"text,omitempty"`
	}
	out := map[string]answer{}
	for _, q := range qs[:between(r, 1, len(qs))] {
		switch q.kind {
		case "scale":
			v := int(clamp(math.Round(quality+0.8*r.NormFloat64()), 1, 5))
			out[q.key] = answer{Value: &v}
		case "recommendation":
			v := int(clamp(math.Round(2.2*quality-1.5+1.6*r.NormFloat64()), 0, 10))
			out[q.key] = answer{Value: &v}
		case "choice":
			v := oneOf(r, choiceValues(q.options))
			out[q.key] = answer{Choice: &v}
		case "text":
			v := oneOf(r, openAnswers)
			out[q.key] = answer{Text: &v}
		}
	}
	raw, err := json.Marshal(out)
	if err != nil {
		panic(err) // plain values: cannot fail
	}
	return string(raw)
}
