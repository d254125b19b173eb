package planning

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/apperror"
)

// Store reads and writes planning data.
type Store struct{ db *gorm.DB }

// NewStore returns a Store on db.
func NewStore(db *gorm.DB) *Store { return &Store{db: db} }

type cohortRow struct {
	ID            uuid.UUID
	Name          string
	ProgrammeID   uuid.UUID
	ProgrammeName string
	StartsOn      time.Time
	EndsOn        time.Time
	Status        string
}

// Cohort finds a cohort with its programme's name.
func (s *Store) Cohort(ctx context.Context, id uuid.UUID) (cohortRow, error) {
	var r cohortRow
	res := s.db.WithContext(ctx).Raw(`SELECT c.id, c.name, c.programme_id, p.name AS programme_name,
			c.starts_on, c.ends_on, c.status
		FROM cohorts c JOIN programmes p ON p.id = c.programme_id WHERE c.id = ?`, id).Scan(&r)
	if res.Error != nil {
		return cohortRow{}, fmt.Errorf("planning: cohort %s: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return cohortRow{}, apperror.New(apperror.NotFound, "Groep niet gevonden")
	}
	return r, nil
}

// ModulesByCohort lists a cohort's modules in order.
func (s *Store) ModulesByCohort(ctx context.Context, cohortID uuid.UUID) ([]Module, error) {
	mods := []Module{}
	err := s.db.WithContext(ctx).Raw(`SELECT id, position, key, title, description FROM modules
		WHERE cohort_id = ? ORDER BY position`, cohortID).Scan(&mods).Error
	if err != nil {
		return nil, fmt.Errorf("planning: modules of cohort %s: %w", cohortID, err)
	}
	return mods, nil
}

// UpcomingSessionsByCohort lists the cohort's sessions that have not ended by now, soonest first.
func (s *Store) UpcomingSessionsByCohort(ctx context.Context, cohortID uuid.UUID, now time.Time, limit int) ([]SessionSummary, error) {
	out := []SessionSummary{}
	err := s.db.WithContext(ctx).Raw(`SELECT s.id, s.module_id, m.title AS module_title, s.title, s.starts_at,
			s.ends_at, s.venue, s.online_url, s.status
		FROM sessions s JOIN modules m ON m.id = s.module_id
		WHERE s.cohort_id = ? AND s.ends_at > ?
		ORDER BY s.starts_at LIMIT ?`, cohortID, now, limit).Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("planning: upcoming sessions of cohort %s: %w", cohortID, err)
	}
	ids := make([]uuid.UUID, len(out))
	for i, ss := range out {
		ids[i] = ss.ID
	}
	speakers, err := s.confirmedSpeakers(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Speakers = nonNil(speakers[out[i].ID])
	}
	return out, nil
}
