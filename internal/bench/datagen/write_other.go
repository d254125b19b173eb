package datagen

import (
	"context"
	"fmt"
	"time"

	"github.com/vgs/leergang/internal/nltime"
)

// writeRetention records the retention worker's notices and purges (planCohorts decided them). A purged cohort's
// counts are of what it held then, which is gone; a noticed one counts its authors.
func (g *gen) writeRetention(ctx context.Context, c *copier) error {
	r := stream(g.seed, "retention")
	authors := make([]bool, len(g.enrolments))
	for _, gl := range g.goals {
		authors[gl.enrolment] = true
	}
	for _, rf := range g.reflections {
		authors[rf.enrolment] = true
	}
	var cohorts []int
	for ci, co := range g.cohorts {
		if co.retention.noticed {
			cohorts = append(cohorts, ci)
		}
	}
	return c.copy(ctx, "cohort_retention", []string{"cohort_id", "notice_sent_at", "purge_on", "participants_noticed",
		"purged_at", "goals_purged", "goal_steps_purged", "reflections_purged", "comments_purged",
		"participants_purged"}, rowsOf(cohorts, func(_ int, ci *int) []any {
		co := &g.cohorts[*ci]
		rt := &co.retention
		if !rt.purged {
			for _, ei := range co.enrolments {
				if authors[ei] {
					rt.participants++
				}
			}
			return []any{co.id, rt.noticeSentAt, rt.purgeOn, rt.participants, nil, 0, 0, 0, 0, 0}
		}
		rt.participants = max(1, len(co.enrolments)-r.IntN(3))
		rt.goals = rt.participants * between(r, 6, 12)
		rt.steps = rt.goals * 3
		rt.reflections = rt.participants * between(r, 20, 60)
		rt.comments = rt.reflections / 8
		return []any{co.id, rt.noticeSentAt, rt.purgeOn, rt.participants, rt.purgedAt, rt.goals, rt.steps,
			rt.reflections, rt.comments, rt.participants}
	}))
}

// writeOutbox holds the mail every enrolment sent, delivered.
func (g *gen) writeOutbox(ctx context.Context, c *copier) error {
	r := stream(g.seed, "outbox")
	return c.copy(ctx, "outbox", []string{"kind", "to_address", "to_name", "subject", "body_text", "dedupe_key",
		"created_at", "send_after", "attempts", "sent_at", "message_id"}, rowsOf(g.enrolments, func(i int, e *enrolment) []any {
		u := &g.users[e.user]
		co := &g.cohorts[e.cohort]
		p := &g.programmes[co.programme]
		cohortName := fmt.Sprintf("%s, groep %s", p.name, co.name)
		body := fmt.Sprintf("Beste %s,\n\nU bent ingeschreven als deelnemer van de %s, die begint op %s.\n\n"+
			"Log in op https://leergang.example/inloggen met uw e-mailadres (%s) en uw wachtwoord om het programma te zien.\n\n"+
			"Met vriendelijke groet,\n\nLeergang — Vereniging van Gemeentesecretarissen en A&O-fonds Gemeenten\n",
			u.name, cohortName, nltime.Date(co.startsOn), u.email)
		sent := earliest(e.enrolledAt.Add(time.Duration(between(r, 5, 180))*time.Second), g.now)
		return []any{"enrolment", u.email, u.name, "U bent ingeschreven voor de " + p.name, body,
			"enrolment:" + e.id.String(), e.enrolledAt, e.enrolledAt, 1, sent, g.id(kindMail, i)}
	}))
}
