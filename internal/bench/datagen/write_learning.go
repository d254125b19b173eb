package datagen

import (
	"context"
	"iter"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/vgs/leergang/internal/markdown"
)

func (g *gen) writeGoals(ctx context.Context, c *copier) error {
	text := stream(g.seed, "goal-text")
	goals := func(yield func([]any) bool) {
		for gi := range g.goals {
			gl := &g.goals[gi]
			e := &g.enrolments[gl.enrolment]
			co := &g.cohorts[e.cohort]
			var module, target any
			if gl.module >= 0 {
				module = co.modules[gl.module].id
			}
			if chance(text, 0.8) {
				target = co.endsOn.AddDate(0, 0, -between(text, 0, 60))
			}
			version := 1
			if gl.updated.After(gl.created) {
				version = 2
			}
			if !yield([]any{g.id(kindGoal, gi), g.users[e.user].id, co.id, module, oneOf(text, goalTitles),
				oneOf(text, goalDescriptions), oneOf(text, successCriteria), goalStatuses[gl.status], target,
				gl.created, gl.updated, version}) {
				return
			}
		}
	}
	if err := c.copy(ctx, "learning_goals", []string{"id", "user_id", "cohort_id", "module_id", "title",
		"description", "success_criteria", "status", "target_date", "created_at", "updated_at", "version"}, goals); err != nil {
		return err
	}
	r := stream(g.seed, "goal-aspects")
	aspects := func(yield func([]any) bool) {
		for gi := range g.goals {
			gl := &g.goals[gi]
			f := g.programmes[g.cohorts[g.enrolments[gl.enrolment].cohort].programme].framework
			for _, k := range sample(r, aspectCount(f), int(gl.aspects)) {
				if !yield([]any{g.id(kindGoal, gi), g.aspectID(f, k), gl.created}) {
					return
				}
			}
		}
	}
	if err := c.copy(ctx, "goal_aspects", []string{"goal_id", "aspect_id", "created_at"}, aspects); err != nil {
		return err
	}
	r = stream(g.seed, "steps")
	steps := func(yield func([]any) bool) {
		for gi := range g.goals {
			gl := &g.goals[gi]
			titles := sample(r, len(stepTitles), min(int(gl.steps.n), len(stepTitles)))
			for j := range int(gl.steps.n) {
				si := int(gl.steps.start) + j
				done := g.stepDone[si]
				updated, version := gl.created, 1
				if !done.IsZero() {
					updated, version = done, 2
				}
				if !yield([]any{g.id(kindStep, si), g.id(kindGoal, gi), j + 1, stepTitles[titles[j%len(titles)]],
					nullTime(done), gl.created, updated, version}) {
					return
				}
			}
		}
	}
	return c.copy(ctx, "goal_steps", []string{"id", "goal_id", "position", "title", "done_at", "created_at",
		"updated_at", "version"}, steps)
}

func (g *gen) writeReflections(ctx context.Context, c *copier) error {
	if err := c.copy(ctx, "reflections", []string{"id", "author_id", "cohort_id", "module_id", "session_id",
		"written_on", "title", "body_markdown", "body_html", "body_text", "visibility", "created_at", "updated_at",
		"version"}, g.reflectionRows()); err != nil {
		return err
	}
	links := func(yield func([]any) bool) {
		for ri, rf := range g.reflections {
			if rf.goal < 0 {
				continue
			}
			author := g.users[g.enrolments[rf.enrolment].user].id
			if !yield([]any{g.id(kindReflection, ri), g.id(kindGoal, int(rf.goal)), author, rf.created}) {
				return
			}
		}
	}
	return c.copy(ctx, "reflection_goals", []string{"reflection_id", "goal_id", "user_id", "created_at"}, links)
}

// renderChunk is how many reflections are written and rendered together.
const renderChunk = 512

// reflectionRows writes the reflections' Markdown in order and renders it as the product does when the author
// saves (internal/markdown: the safe HTML to show, the plain text for snippets). Rendering is most of the work,
// so a goroutine renders chunks on every core ahead of the COPY that sends them.
func (g *gen) reflectionRows() iter.Seq[[]any] {
	type chunk struct {
		start             int
		titles            []any
		body, html, plain []string
	}
	return func(yield func([]any) bool) {
		chunks := make(chan *chunk, 4)
		stop := make(chan struct{})
		defer close(stop)
		go func() {
			defer close(chunks)
			w := newWriter(stream(g.seed, "reflection-text"))
			workers := runtime.GOMAXPROCS(0)
			for start := 0; start < len(g.reflections); start += renderChunk {
				n := min(renderChunk, len(g.reflections)-start)
				ch := &chunk{start: start, titles: make([]any, n), body: make([]string, n), html: make([]string, n),
					plain: make([]string, n)}
				for i := range n {
					if chance(w.r, 0.85) {
						ch.titles[i] = oneOf(w.r, reflectionTitles)
					}
					ch.body[i] = w.reflection()
				}
				var wg sync.WaitGroup
				for k := range workers {
					wg.Go(func() {
						for i := k; i < n; i += workers {
							ch.html[i], ch.plain[i] = markdown.Render(ch.body[i]), markdown.PlainText(ch.body[i], 0)
						}
					})
				}
				wg.Wait()
				select {
				case chunks <- ch:
				case <-stop:
					return
				}
			}
		}()
		for ch := range chunks {
			for i := range ch.body {
				ri := ch.start + i
				rf := &g.reflections[ri]
				e := &g.enrolments[rf.enrolment]
				co := &g.cohorts[e.cohort]
				var module, session any
				if rf.module >= 0 {
					module = co.modules[rf.module].id
				}
				if rf.session >= 0 {
					session = g.sessions[rf.session].id
				}
				version := 1
				if rf.updated.After(rf.created) {
					version = 2
				}
				if !yield([]any{g.id(kindReflection, ri), g.users[e.user].id, co.id, module, session, dayOf(rf.created),
					ch.titles[i], ch.body[i], ch.html[i], ch.plain[i], visibilities[rf.visibility], rf.created,
					rf.updated, version}) {
					return
				}
			}
		}
	}
}

func (g *gen) writeComments(ctx context.Context, c *copier) error {
	r := stream(g.seed, "comment-text")
	return c.copy(ctx, "reflection_comments", []string{"id", "reflection_id", "author_id", "body", "created_at",
		"updated_at", "deleted_at", "version"}, rowsOf(g.comments, func(i int, cm *comment) []any {
		body := oneOf(r, commentTexts)
		updated, deleted, version := cm.created, time.Time{}, 1
		if cm.deleted {
			// A removed comment keeps its place but not its text (migrations/00009_rendered_markdown.sql).
			body, version = "", 2
			updated, deleted = cm.created.Add(time.Minute), cm.created.Add(time.Minute)
		}
		return []any{g.id(kindComment, i), g.id(kindReflection, int(cm.reflection)), g.users[cm.author].id, body,
			cm.created, updated, nullTime(deleted), version}
	}))
}

func (g *gen) writePortraits(ctx context.Context, c *copier) error {
	w := newWriter(stream(g.seed, "portrait-text"))
	return c.copy(ctx, "portraits", []string{"id", "user_id", "cohort_id", "title", "body", "body_html",
		"consent_given_at", "status", "submitted_at", "reviewed_by", "reviewed_at", "review_note", "published_at",
		"created_at", "updated_at", "version"}, rowsOf(g.portraits, func(i int, p *portrait) []any {
		e := &g.enrolments[p.enrolment]
		u := &g.users[e.user]
		paragraphs := make([]string, between(w.r, 3, 5))
		for k := range paragraphs {
			paragraphs[k] = w.paragraph(between(w.r, 3, 6))
		}
		body := strings.Join(append(paragraphs, u.name+" – "+u.jobTitle+" "+u.gemeente), "\n\n")
		var consent, submitted, reviewer, reviewed, published any
		note, updated, version := "", p.created, 1
		if p.status != "draft" {
			consent, submitted, updated, version = p.consentAt, p.consentAt, p.consentAt, 2
		}
		switch p.status {
		case "approved":
			reviewer, reviewed, published, updated, version = g.users[p.reviewer].id, p.reviewed, p.reviewed, p.reviewed, 3
		case "rejected":
			reviewer, reviewed, updated, version = g.users[p.reviewer].id, p.reviewed, p.reviewed, 3
			note = "Mooi verhaal! Wilt u de namen van collega's weglaten? Dan plaatsen we het graag."
		}
		return []any{g.id(kindPortrait, i), u.id, g.cohorts[e.cohort].id, portraitTitle(w.r, u), body,
			markdown.Render(body), consent, p.status, submitted, reviewer, reviewed, note, published, p.created,
			updated, version}
	}))
}
