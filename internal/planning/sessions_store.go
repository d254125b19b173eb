package planning

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/database"
	"github.com/vgs/leergang/internal/httpio"
)

// sessionRow is a session as stored, with its module's title and position.
type sessionRow struct {
	ID             uuid.UUID
	CohortID       uuid.UUID
	ModuleID       uuid.UUID
	ModuleTitle    string
	ModulePosition int
	Title          string
	StartsAt       time.Time
	EndsAt         time.Time
	Venue          string
	OnlineURL      *string
	Agenda         string
	Topics         textList
	Status         string
	Version        int
}

const selectSessions = `SELECT s.id, s.cohort_id, s.module_id, m.title AS module_title, m.position AS module_position,
		s.title, s.starts_at, s.ends_at, s.venue, s.online_url, s.agenda, s.topics, s.status, s.version
	FROM sessions s JOIN modules m ON m.id = s.module_id`

func (s *Store) sessionsOfCohort(ctx context.Context, cohortID uuid.UUID) ([]sessionRow, error) {
	rows := []sessionRow{}
	err := s.db.WithContext(ctx).Raw(selectSessions+` WHERE s.cohort_id = ? ORDER BY s.starts_at, s.id`, cohortID).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("planning: sessions of cohort %s: %w", cohortID, err)
	}
	return rows, nil
}

func (s *Store) sessionByID(ctx context.Context, db *gorm.DB, id uuid.UUID) (sessionRow, error) {
	var row sessionRow
	res := db.WithContext(ctx).Raw(selectSessions+` WHERE s.id = ?`, id).Scan(&row)
	if res.Error != nil {
		return sessionRow{}, fmt.Errorf("planning: session %s: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return sessionRow{}, errSessionNotFound
	}
	return row, nil
}

func (s *Store) moduleInCohort(ctx context.Context, moduleID, cohortID uuid.UUID) (bool, error) {
	var n int64
	err := s.db.WithContext(ctx).Raw(`SELECT count(*) FROM modules WHERE id = ? AND cohort_id = ?`, moduleID, cohortID).Scan(&n).Error
	if err != nil {
		return false, fmt.Errorf("planning: module %s: %w", moduleID, err)
	}
	return n == 1, nil
}

// cohortFacilitators are the people with a facilitator grant on the cohort or its whole programme.
func (s *Store) cohortFacilitators(ctx context.Context, programmeID, cohortID uuid.UUID) ([]SessionFacilitator, error) {
	out := []SessionFacilitator{}
	err := s.db.WithContext(ctx).Raw(`SELECT DISTINCT u.id, u.name FROM role_grants g JOIN users u ON u.id = g.user_id
		WHERE g.role = 'facilitator' AND (g.cohort_id = ? OR g.programme_id = ?) AND u.erased_at IS NULL
		ORDER BY u.name, u.id`, cohortID, programmeID).Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("planning: facilitators of cohort %s: %w", cohortID, err)
	}
	return out, nil
}

func (s *Store) sessionFacilitators(ctx context.Context, sessionIDs []uuid.UUID) (map[uuid.UUID][]SessionFacilitator, error) {
	out := map[uuid.UUID][]SessionFacilitator{}
	if len(sessionIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		SessionID uuid.UUID
		ID        uuid.UUID
		Name      string
	}
	err := s.db.WithContext(ctx).Raw(`SELECT f.session_id, u.id, u.name FROM session_facilitators f
		JOIN users u ON u.id = f.user_id WHERE f.session_id = ANY((?::text[])::uuid[]) ORDER BY u.name, u.id`,
		database.UUIDArray(sessionIDs)).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("planning: session facilitators: %w", err)
	}
	for _, r := range rows {
		out[r.SessionID] = append(out[r.SessionID], SessionFacilitator{ID: r.ID, Name: r.Name})
	}
	return out, nil
}

func insertSession(tx *gorm.DB, cohortID uuid.UUID, plan sessionPlan) (uuid.UUID, error) {
	var id uuid.UUID
	err := tx.Raw(`INSERT INTO sessions (module_id, cohort_id, title, starts_at, ends_at, venue, online_url, agenda, topics)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, plan.moduleID, cohortID, plan.title, plan.startsAt, plan.endsAt,
		plan.venue, plan.onlineURL, plan.agenda, plan.topics).Row().Scan(&id)
	if err != nil {
		return uuid.Nil, fmt.Errorf("planning: insert session: %w", err)
	}
	return id, nil
}

// updateSession writes the plan when the session is still scheduled and at version; raiseSequence bumps the
// iCalendar SEQUENCE.
func updateSession(tx *gorm.DB, id uuid.UUID, version int, plan sessionPlan, raiseSequence bool) error {
	bump := 0
	if raiseSequence {
		bump = 1
	}
	res := tx.Exec(`UPDATE sessions SET module_id = ?, title = ?, starts_at = ?, ends_at = ?, venue = ?, online_url = ?,
			agenda = ?, topics = ?, ical_sequence = ical_sequence + ?, version = version + 1, updated_at = now()
		WHERE id = ? AND version = ? AND status = 'scheduled'`,
		plan.moduleID, plan.title, plan.startsAt, plan.endsAt, plan.venue, plan.onlineURL, plan.agenda, plan.topics, bump,
		id, version)
	if res.Error != nil {
		return fmt.Errorf("planning: update session %s: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return sessionStale(tx, id)
	}
	return nil
}

func cancelSession(tx *gorm.DB, id uuid.UUID, version int) error {
	res := tx.Exec(`UPDATE sessions SET status = 'cancelled', ical_sequence = ical_sequence + 1, version = version + 1,
			updated_at = now()
		WHERE id = ? AND version = ? AND status = 'scheduled'`, id, version)
	if res.Error != nil {
		return fmt.Errorf("planning: cancel session %s: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return sessionStale(tx, id)
	}
	return nil
}

// sessionStale explains an update that changed no row: the session is gone, or someone changed it first.
func sessionStale(tx *gorm.DB, id uuid.UUID) error {
	var n int64
	if err := tx.Raw(`SELECT count(*) FROM sessions WHERE id = ?`, id).Scan(&n).Error; err != nil {
		return fmt.Errorf("planning: find session %s: %w", id, err)
	}
	if n == 0 {
		return errSessionNotFound
	}
	return httpio.Stale()
}

func replaceSessionFacilitators(tx *gorm.DB, sessionID uuid.UUID, userIDs []uuid.UUID) error {
	if err := tx.Exec(`DELETE FROM session_facilitators WHERE session_id = ?`, sessionID).Error; err != nil {
		return fmt.Errorf("planning: clear session facilitators: %w", err)
	}
	for _, u := range userIDs {
		if err := tx.Exec(`INSERT INTO session_facilitators (session_id, user_id) VALUES (?, ?)`, sessionID, u).Error; err != nil {
			return fmt.Errorf("planning: add session facilitator: %w", err)
		}
	}
	return nil
}

// mailRecipient is someone a session mail goes to.
type mailRecipient struct {
	ID    uuid.UUID // the user, or the speaker
	Email string
	Name  string
}

// activeParticipants are the cohort's participants who should hear about changes: active enrolments only.
func activeParticipants(tx *gorm.DB, cohortID uuid.UUID) ([]mailRecipient, error) {
	var out []mailRecipient
	err := tx.Raw(`SELECT u.id, u.email, u.name FROM enrolments e JOIN users u ON u.id = e.user_id
		WHERE e.cohort_id = ? AND e.status = 'active' AND u.erased_at IS NULL ORDER BY u.name, u.email`, cohortID).Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("planning: participants of cohort %s: %w", cohortID, err)
	}
	return out, nil
}

// bookedSpeakers are the speakers invited to or confirmed for the session who have an email address.
func bookedSpeakers(tx *gorm.DB, sessionID uuid.UUID) ([]mailRecipient, error) {
	var out []mailRecipient
	err := tx.Raw(`SELECT sp.id, sp.email, sp.name FROM speaker_bookings b JOIN speakers sp ON sp.id = b.speaker_id
		WHERE b.session_id = ? AND b.status IN ('invited', 'confirmed') AND sp.email IS NOT NULL ORDER BY sp.name`,
		sessionID).Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("planning: speakers of session %s: %w", sessionID, err)
	}
	return out, nil
}

// cancelSessionBookings cancels the session's open bookings and returns the speakers to tell.
func cancelSessionBookings(tx *gorm.DB, sessionID uuid.UUID) ([]mailRecipient, error) {
	speakers, err := bookedSpeakers(tx, sessionID)
	if err != nil {
		return nil, err
	}
	err = tx.Exec(`UPDATE speaker_bookings SET status = 'cancelled', version = version + 1, updated_at = now()
		WHERE session_id = ? AND status IN ('invited', 'confirmed')`, sessionID).Error
	if err != nil {
		return nil, fmt.Errorf("planning: cancel bookings of session %s: %w", sessionID, err)
	}
	return speakers, nil
}
