package planning

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/database"
)

// Conflicts are warnings, never refusals: a facilitator may knowingly plan two sessions at once (parallel
// subgroups) or enter one afterwards. Sessions overlap when one starts before the other ends; back-to-back
// sessions (one ends at 13:00, the next starts at 13:00) do not. Cancelled sessions and cancelled or declined
// bookings clash with nothing.

// Warning kinds.
const (
	WarnInThePast               = "in_the_past"
	WarnOutsideCohortDates      = "outside_cohort_dates"
	WarnCohortOverlap           = "cohort_overlap"
	WarnFacilitatorDoubleBooked = "facilitator_double_booked"
	WarnSpeakerDoubleBooked     = "speaker_double_booked"
)

// Warning is a conflict found in a session's plan. SessionID names the other session, when the reader may see it.
type Warning struct {
	Kind      string     `json:"kind"`
	Message   string     `json:"message"`
	SessionID *uuid.UUID `json:"sessionId,omitempty"`
}

// clashRow is another session that overlaps one of ours: in the same cohort, or through a shared facilitator
// (Who) or speaker (Who).
type clashRow struct {
	Kind             string
	SessionID        uuid.UUID
	Who              string
	OtherID          uuid.UUID
	OtherTitle       string
	OtherStartsAt    time.Time
	OtherEndsAt      time.Time
	OtherCohortID    uuid.UUID
	OtherCohortName  string
	OtherProgrammeID uuid.UUID
	OtherProgramme   string
}

// clashes finds, for each given scheduled session, the scheduled sessions that overlap it and share its cohort,
// a facilitator or an invited or confirmed speaker.
func (s *Store) clashes(ctx context.Context, sessionIDs []uuid.UUID) ([]clashRow, error) {
	var rows []clashRow
	err := s.db.WithContext(ctx).Raw(`
		WITH mine AS (SELECT id, cohort_id, starts_at, ends_at FROM sessions
			WHERE id = ANY((?::text[])::uuid[]) AND status = 'scheduled'),
		found AS (
			SELECT 'cohort_overlap' AS kind, s.id AS session_id, '' AS who, o.id AS other_id
			FROM mine s JOIN sessions o ON o.cohort_id = s.cohort_id AND o.id <> s.id
			WHERE o.status = 'scheduled' AND o.starts_at < s.ends_at AND s.starts_at < o.ends_at
			UNION ALL
			SELECT 'facilitator_double_booked', s.id, u.name, o.id
			FROM mine s
			JOIN session_facilitators f ON f.session_id = s.id
			JOIN session_facilitators fo ON fo.user_id = f.user_id AND fo.session_id <> s.id
			JOIN sessions o ON o.id = fo.session_id
			JOIN users u ON u.id = f.user_id
			WHERE o.status = 'scheduled' AND o.starts_at < s.ends_at AND s.starts_at < o.ends_at
			UNION ALL
			SELECT 'speaker_double_booked', s.id, sp.name, o.id
			FROM mine s
			JOIN speaker_bookings b ON b.session_id = s.id AND b.status IN ('invited', 'confirmed')
			JOIN speaker_bookings bo ON bo.speaker_id = b.speaker_id AND bo.session_id <> s.id
				AND bo.status IN ('invited', 'confirmed')
			JOIN sessions o ON o.id = bo.session_id
			JOIN speakers sp ON sp.id = b.speaker_id
			WHERE o.status = 'scheduled' AND o.starts_at < s.ends_at AND s.starts_at < o.ends_at
		)
		SELECT f.kind, f.session_id, f.who, o.id AS other_id, o.title AS other_title, o.starts_at AS other_starts_at,
			o.ends_at AS other_ends_at, c.id AS other_cohort_id, c.name AS other_cohort_name,
			c.programme_id AS other_programme_id, p.name AS other_programme
		FROM found f
		JOIN sessions o ON o.id = f.other_id
		JOIN cohorts c ON c.id = o.cohort_id
		JOIN programmes p ON p.id = c.programme_id
		ORDER BY f.session_id, CASE f.kind WHEN 'cohort_overlap' THEN 1 WHEN 'facilitator_double_booked' THEN 2 ELSE 3 END,
			o.starts_at, f.who, o.id`, database.UUIDArray(sessionIDs)).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("planning: session conflicts: %w", err)
	}
	return rows, nil
}

// sessionWarnings lists each session's warnings. The past is only worth a warning while saving: in the planner's
// list, every session that took place would carry one.
func (s *Service) sessionWarnings(ctx context.Context, p *access.Principal, c cohortRow, rows []sessionRow, saving bool) (map[uuid.UUID][]Warning, error) {
	out := map[uuid.UUID][]Warning{}
	var ids []uuid.UUID
	for _, r := range rows {
		if r.Status == "scheduled" {
			ids = append(ids, r.ID)
		}
	}
	if len(ids) == 0 {
		return out, nil
	}
	found, err := s.store.clashes(ctx, ids)
	if err != nil {
		return nil, err
	}
	now := s.now()
	first, last := c.StartsOn.Format(time.DateOnly), c.EndsOn.Format(time.DateOnly)
	for _, r := range rows {
		if r.Status != "scheduled" {
			continue
		}
		if saving && r.StartsAt.Before(now) {
			out[r.ID] = append(out[r.ID], Warning{Kind: WarnInThePast,
				Message: "Deze bijeenkomst ligt in het verleden. Deelnemers krijgen haar niet meer te zien bij ‘Wat komt er’."})
		}
		if localDate(r.StartsAt) < first || localDate(r.EndsAt) > last {
			out[r.ID] = append(out[r.ID], Warning{Kind: WarnOutsideCohortDates, Message: fmt.Sprintf(
				"Deze bijeenkomst valt buiten de looptijd van de groep (%s tot en met %s).",
				calendarDayNL(c.StartsOn), calendarDayNL(c.EndsOn))})
		}
	}
	for _, f := range found {
		out[f.SessionID] = append(out[f.SessionID], clashWarning(p, c, f))
	}
	return out, nil
}

// clashWarning words a clash. Another cohort's session is named only to someone who may view that cohort.
func clashWarning(p *access.Principal, c cohortRow, f clashRow) Warning {
	when := whenNL(f.OtherStartsAt, f.OtherEndsAt)
	other := fmt.Sprintf("een bijeenkomst van een andere groep (%s)", when)
	var id *uuid.UUID
	switch {
	case f.OtherCohortID == c.ID:
		other, id = fmt.Sprintf("„%s” (%s)", f.OtherTitle, when), &f.OtherID
	case p.CanViewCohort(f.OtherProgrammeID, f.OtherCohortID):
		other, id = fmt.Sprintf("„%s” van %s, groep %s (%s)", f.OtherTitle, f.OtherProgramme, f.OtherCohortName, when), &f.OtherID
	}
	switch f.Kind {
	case WarnFacilitatorDoubleBooked:
		return Warning{Kind: f.Kind, SessionID: id, Message: fmt.Sprintf("%s begeleidt op hetzelfde moment %s.", f.Who, other)}
	case WarnSpeakerDoubleBooked:
		return Warning{Kind: f.Kind, SessionID: id, Message: fmt.Sprintf("%s is op hetzelfde moment geboekt voor %s.", f.Who, other)}
	default:
		return Warning{Kind: WarnCohortOverlap, SessionID: id, Message: fmt.Sprintf("Deze bijeenkomst overlapt met %s.", other)}
	}
}
