package baseline

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
)

// cohortOverview is planning.CohortOverview: what a participant's home shows of their cohort.
type cohortOverview struct {
	ID               uuid.UUID        `json:"id"`
	Name             string           `json:"name"`
	ProgrammeID      uuid.UUID        `json:"programmeId"`
	ProgrammeName    string           `json:"programmeName"`
	StartsOn         string           `json:"startsOn"`
	EndsOn           string           `json:"endsOn"`
	Status           string           `json:"status"`
	Modules          []module         `json:"modules"`
	UpcomingSessions []sessionSummary `json:"upcomingSessions"`
}

type module struct {
	ID          uuid.UUID `json:"id"`
	Position    int       `json:"position"`
	Key         string    `json:"key"`
	Title       string    `json:"title"`
	Description string    `json:"description"`
}

type sessionSummary struct {
	ID          uuid.UUID        `json:"id"`
	ModuleID    uuid.UUID        `json:"moduleId"`
	ModuleTitle string           `json:"moduleTitle"`
	Title       string           `json:"title"`
	StartsAt    time.Time        `json:"startsAt"`
	EndsAt      time.Time        `json:"endsAt"`
	Venue       string           `json:"venue"`
	OnlineURL   *string          `json:"onlineUrl"`
	Status      string           `json:"status"`
	Speakers    []speakerProfile `json:"speakers"`
}

type speakerProfile struct {
	ID           uuid.UUID `json:"id"`
	Name         string    `json:"name"`
	RoleTitle    string    `json:"roleTitle"`
	Organisation string    `json:"organisation"`
	Bio          string    `json:"bio"`
	Topics       []string  `json:"topics"`
}

// upcomingLimit is planning's: how many sessions the overview shows ahead.
const upcomingLimit = 5

// cohort is GET /api/v1/cohorts/{cohortID} (planning.Service.CohortOverview): the cohort, the access check, its
// modules, its next sessions and their confirmed speakers, in four statements (three without sessions ahead).
func (s *server) cohort(c *call) (any, error) {
	id, err := pathUUID(c, "cohortID")
	if err != nil {
		return nil, err
	}
	ctx := c.r.Context()
	var ov cohortOverview
	var startsOn, endsOn time.Time
	err = s.db.QueryRow(ctx, `SELECT c.id, c.name, c.programme_id, p.name AS programme_name,
			c.starts_on, c.ends_on, c.status
		FROM cohorts c JOIN programmes p ON p.id = c.programme_id WHERE c.id = $1`, id).
		Scan(&ov.ID, &ov.Name, &ov.ProgrammeID, &ov.ProgrammeName, &startsOn, &endsOn, &ov.Status)
	if isNoRows(err) {
		return nil, notFound("Groep niet gevonden", "")
	}
	if err != nil {
		return nil, fmt.Errorf("baseline: cohort %s: %w", id, err)
	}
	p := c.p
	if !p.isAdmin && !p.inCohort("facilitator", ov.ProgrammeID, ov.ID) && !p.inCohort("participant", ov.ProgrammeID, ov.ID) {
		return nil, forbidden("U hoort niet bij deze groep.")
	}
	ov.StartsOn, ov.EndsOn = startsOn.Format(time.DateOnly), endsOn.Format(time.DateOnly)
	if ov.Modules, err = s.modules(ctx, id); err != nil {
		return nil, err
	}
	if ov.UpcomingSessions, err = s.upcomingSessions(ctx, id); err != nil {
		return nil, err
	}
	return ov, nil
}

func (s *server) modules(ctx context.Context, cohortID uuid.UUID) ([]module, error) {
	rows, err := s.db.Query(ctx, `SELECT id, position, key, title, description FROM modules
		WHERE cohort_id = $1 ORDER BY position`, cohortID)
	if err != nil {
		return nil, fmt.Errorf("baseline: modules of cohort %s: %w", cohortID, err)
	}
	defer rows.Close()
	out := []module{}
	for rows.Next() {
		var m module
		if err := rows.Scan(&m.ID, &m.Position, &m.Key, &m.Title, &m.Description); err != nil {
			return nil, fmt.Errorf("baseline: read module: %w", err)
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("baseline: modules of cohort %s: %w", cohortID, err)
	}
	return out, nil
}

func (s *server) upcomingSessions(ctx context.Context, cohortID uuid.UUID) ([]sessionSummary, error) {
	rows, err := s.db.Query(ctx, `SELECT s.id, s.module_id, m.title AS module_title, s.title, s.starts_at,
			s.ends_at, s.venue, s.online_url, s.status
		FROM sessions s JOIN modules m ON m.id = s.module_id
		WHERE s.cohort_id = $1 AND s.ends_at > $2
		ORDER BY s.starts_at LIMIT $3`, cohortID, time.Now(), upcomingLimit)
	if err != nil {
		return nil, fmt.Errorf("baseline: upcoming sessions of cohort %s: %w", cohortID, err)
	}
	defer rows.Close()
	out := []sessionSummary{}
	for rows.Next() {
		var ss sessionSummary
		if err := rows.Scan(&ss.ID, &ss.ModuleID, &ss.ModuleTitle, &ss.Title, &ss.StartsAt, &ss.EndsAt, &ss.Venue,
			&ss.OnlineURL, &ss.Status); err != nil {
			return nil, fmt.Errorf("baseline: read session: %w", err)
		}
		ss.Speakers = []speakerProfile{}
		out = append(out, ss)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("baseline: upcoming sessions of cohort %s: %w", cohortID, err)
	}
	if len(out) == 0 {
		return out, nil
	}
	return out, s.confirmedSpeakers(ctx, out)
}

// confirmedSpeakers adds the confirmed speakers' public profiles to the sessions, for all of them in one statement.
func (s *server) confirmedSpeakers(ctx context.Context, sessions []sessionSummary) error {
	ids := make([]uuid.UUID, len(sessions))
	index := make(map[uuid.UUID]int, len(sessions))
	for i, ss := range sessions {
		ids[i], index[ss.ID] = ss.ID, i
	}
	list, args := inList(1, ids)
	rows, err := s.db.Query(ctx, `SELECT b.session_id, sp.id, sp.name, sp.role_title, sp.organisation, sp.bio, sp.topics
		FROM speaker_bookings b JOIN speakers sp ON sp.id = b.speaker_id
		WHERE b.session_id IN `+list+` AND b.status = 'confirmed' ORDER BY lower(sp.name), sp.id`, args...)
	if err != nil {
		return fmt.Errorf("baseline: confirmed speakers: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var sessionID uuid.UUID
		var sp speakerProfile
		if err := rows.Scan(&sessionID, &sp.ID, &sp.Name, &sp.RoleTitle, &sp.Organisation, &sp.Bio, &sp.Topics); err != nil {
			return fmt.Errorf("baseline: read speaker: %w", err)
		}
		if sp.Topics == nil {
			sp.Topics = []string{}
		}
		ss := &sessions[index[sessionID]]
		ss.Speakers = append(ss.Speakers, sp)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("baseline: confirmed speakers: %w", err)
	}
	return nil
}
