package datagen

import (
	"context"
	"crypto/sha256"
	"time"
)

const onlineMeeting = "https://meet.example/vgs-leergang"

func (g *gen) writeSessions(ctx context.Context, c *copier) error {
	moved := stream(g.seed, "session-changes")
	if err := c.copy(ctx, "sessions", []string{"id", "module_id", "cohort_id", "title", "starts_at", "ends_at",
		"venue", "online_url", "agenda", "topics", "status", "ical_sequence", "created_at", "updated_at", "version"},
		rowsOf(g.sessions, func(_ int, s *session) []any {
			co := &g.cohorts[s.cohort]
			var online any
			if s.online {
				online = onlineMeeting + "-" + g.programmes[co.programme].slug
			}
			status := "scheduled"
			if s.cancelled {
				status = "cancelled"
			}
			updated := s.createdAt
			if s.sequence > 0 { // moved (or cancelled) some time before it was due
				updated = instant(moved, s.createdAt, earliest(s.startsAt, g.now))
			}
			return []any{s.id, co.modules[s.module].id, co.id, s.title, s.startsAt, s.endsAt, s.venue, online,
				agendaDefault, s.topics, status, s.sequence, s.createdAt, updated, 1 + s.sequence}
		})); err != nil {
		return err
	}
	facilitators := func(yield func([]any) bool) {
		for _, s := range g.sessions {
			for _, u := range s.facilitators {
				if !yield([]any{s.id, g.users[u].id, s.createdAt}) {
					return
				}
			}
		}
	}
	if err := c.copy(ctx, "session_facilitators", []string{"session_id", "user_id", "created_at"}, facilitators); err != nil {
		return err
	}
	bookings := func(yield func([]any) bool) {
		for _, s := range g.sessions {
			for _, b := range s.bookings {
				updated, version := b.invitedAt, 1
				switch {
				case b.status == "cancelled":
					updated, version = instant(moved, b.invitedAt, earliest(s.startsAt, g.now)), 2
				case !b.respondedAt.IsZero():
					updated, version = b.respondedAt, 2
				}
				if !yield([]any{b.id, s.id, g.speakers[b.speaker].id, b.status, g.users[b.invitedBy].id, b.invitedAt,
					nullTime(b.respondedAt), b.jti, nullTime(b.respondedAt), b.invitedAt, updated, version}) {
					return
				}
			}
		}
	}
	return c.copy(ctx, "speaker_bookings", []string{"id", "session_id", "speaker_id", "status", "invited_by",
		"invited_at", "responded_at", "token_jti", "token_used_at", "created_at", "updated_at", "version"}, bookings)
}

// writeAttendance records who came to every session that has ended: each person has a habit, most come.
func (g *gen) writeAttendance(ctx context.Context, c *copier) error {
	r := stream(g.seed, "attendance")
	habit := make([]float64, len(g.enrolments))
	for ei := range habit {
		habit[ei] = 0.72 + 0.26*r.Float64()
	}
	rows := func(yield func([]any) bool) {
		for _, s := range g.sessions {
			if s.cancelled || s.endsAt.After(g.now) {
				continue
			}
			co := &g.cohorts[s.cohort]
			recorded := s.endsAt.Add(time.Duration(between(r, 10, 2*24*60)) * time.Minute)
			if recorded.After(g.now) {
				recorded = instant(r, s.endsAt, g.now)
			}
			for _, ei := range co.enrolments {
				e := &g.enrolments[ei]
				if !e.presentAt(s.startsAt) {
					continue
				}
				status := "present"
				if x := r.Float64(); x > habit[ei] {
					status = "absent"
					if x < habit[ei]+(1-habit[ei])*0.6 {
						status = "excused"
					}
				}
				if !yield([]any{s.id, g.users[e.user].id, co.id, status, g.users[s.facilitators[0]].id, recorded,
					recorded, recorded}) {
					return
				}
			}
		}
	}
	return c.copy(ctx, "attendance", []string{"session_id", "user_id", "cohort_id", "status", "recorded_by",
		"recorded_at", "created_at", "updated_at"}, rows)
}

// writeElectiveChoices: once the keuzemodule comes near, most participants choose an option.
func (g *gen) writeElectiveChoices(ctx context.Context, c *copier) error {
	r := stream(g.seed, "electives")
	rows := func(yield func([]any) bool) {
		for _, co := range g.cohorts {
			m := &co.modules[len(co.modules)-1]
			opens := m.from.AddDate(0, 0, -30)
			if len(m.options) == 0 || opens.After(g.now) {
				continue
			}
			for _, ei := range co.enrolments {
				e := &g.enrolments[ei]
				if !chance(r, 0.85) {
					continue
				}
				chosen := instant(r, latest(opens, e.enrolledAt), earliest(m.from, g.now))
				if !e.presentAt(chosen) {
					continue
				}
				if !yield([]any{m.id, g.users[e.user].id, co.id, oneOf(r, m.options), chosen, chosen, chosen}) {
					return
				}
			}
		}
	}
	return c.copy(ctx, "module_option_choices", []string{"module_id", "user_id", "cohort_id", "option_id",
		"chosen_at", "created_at", "updated_at"}, rows)
}

// writeCalendarFeeds: a quarter of the people in current and coming cohorts, and a third of the facilitators,
// subscribed their calendar. Only the hash of the secret is stored, so the secret itself is simply never known.
func (g *gen) writeCalendarFeeds(ctx context.Context, c *copier) error {
	r := stream(g.seed, "calendar")
	var users []int
	seen := map[int]bool{}
	for _, e := range g.enrolments {
		if st := g.cohorts[e.cohort].status; (st == running || st == planned) && e.invited() && !seen[e.user] && chance(r, 0.25) {
			users, seen[e.user] = append(users, e.user), true
		}
	}
	for _, f := range g.facilitators {
		if chance(r, 0.33) {
			users = append(users, f)
		}
	}
	return c.copy(ctx, "calendar_feeds", []string{"id", "user_id", "token_hash", "created_at", "updated_at"},
		rowsOf(users, func(i int, u *int) []any {
			var secret [32]byte
			for k := range 4 {
				v := r.Uint64()
				for b := range 8 {
					secret[k*8+b] = byte(v >> (8 * b))
				}
			}
			hash := sha256.Sum256(secret[:])
			created := instant(r, g.users[*u].createdAt, g.now)
			return []any{g.id(kindCalendarFeed, i), g.users[*u].id, hash[:], created, created}
		}))
}
