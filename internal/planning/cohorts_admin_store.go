package planning

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/apperror"
	"github.com/vgs/leergang/internal/httpio"
)

type cohortSummaryRow struct {
	ID                 uuid.UUID
	ProgrammeID        uuid.UUID
	ProgrammeName      string
	Name               string
	StartsOn           time.Time
	EndsOn             time.Time
	Capacity           int
	Status             string
	ActiveParticipants int
	Version            int
}

// CohortSummaries lists cohorts matching where (a condition on c, the cohort), newest first.
func (s *Store) CohortSummaries(ctx context.Context, db *gorm.DB, where string, args ...any) ([]CohortSummary, error) {
	var rows []cohortSummaryRow
	err := db.WithContext(ctx).Raw(`SELECT c.id, c.programme_id, p.name AS programme_name, c.name, c.starts_on,
			c.ends_on, c.capacity, c.status, c.version,
			(SELECT count(*) FROM enrolments e WHERE e.cohort_id = c.id AND e.status = 'active') AS active_participants
		FROM cohorts c JOIN programmes p ON p.id = c.programme_id
		WHERE `+where+` ORDER BY c.starts_on DESC, c.name DESC`, args...).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("planning: cohorts: %w", err)
	}
	out := make([]CohortSummary, len(rows))
	for i, r := range rows {
		out[i] = CohortSummary{ID: r.ID, ProgrammeID: r.ProgrammeID, ProgrammeName: r.ProgrammeName, Name: r.Name,
			StartsOn: r.StartsOn.Format(time.DateOnly), EndsOn: r.EndsOn.Format(time.DateOnly), Capacity: r.Capacity,
			Status: r.Status, ActiveParticipants: r.ActiveParticipants, Version: r.Version}
	}
	return out, nil
}

// CohortSummary reads one cohort.
func (s *Store) CohortSummary(ctx context.Context, db *gorm.DB, id uuid.UUID) (CohortSummary, error) {
	list, err := s.CohortSummaries(ctx, db, "c.id = ?", id)
	if err != nil {
		return CohortSummary{}, err
	}
	if len(list) == 0 {
		return CohortSummary{}, errCohortNotFound
	}
	return list[0], nil
}

// LockCohort reads a cohort FOR UPDATE within tx. With version > 0 the cohort must still be at that version.
func (s *Store) LockCohort(tx *gorm.DB, id uuid.UUID, version int) (lockedCohort, error) {
	var c lockedCohort
	res := tx.Raw(`SELECT c.id, c.programme_id, p.name AS programme_name, c.name, c.starts_on, c.ends_on, c.capacity,
			c.status, c.version,
			(SELECT count(*) FROM enrolments e WHERE e.cohort_id = c.id AND e.status = 'active') AS active
		FROM cohorts c JOIN programmes p ON p.id = c.programme_id WHERE c.id = ? FOR UPDATE OF c`, id).Scan(&c)
	switch {
	case res.Error != nil:
		return c, fmt.Errorf("planning: lock cohort %s: %w", id, res.Error)
	case res.RowsAffected == 0:
		return c, errCohortNotFound
	case version > 0 && c.Version != version:
		return c, httpio.Stale()
	}
	return c, nil
}

// InsertCohortFromTemplate adds a planned cohort and copies the programme's template modules and their options.
func (s *Store) InsertCohortFromTemplate(tx *gorm.DB, programmeID uuid.UUID, in NewCohortInput) (uuid.UUID, error) {
	var id uuid.UUID
	err := tx.Raw(`INSERT INTO cohorts (programme_id, name, starts_on, ends_on, capacity) VALUES (?, ?, ?, ?, ?) RETURNING id`,
		programmeID, in.Name, in.StartsOn, in.EndsOn, in.Capacity).Row().Scan(&id)
	if violatesUnique(err) {
		return uuid.Nil, errCohortNameTaken
	}
	if err != nil {
		return uuid.Nil, fmt.Errorf("planning: insert cohort: %w", err)
	}
	if err := tx.Exec(`INSERT INTO modules (cohort_id, template_id, position, key, title, description)
		SELECT ?, id, position, key, title, description FROM module_templates WHERE programme_id = ?`, id, programmeID).Error; err != nil {
		return uuid.Nil, fmt.Errorf("planning: copy modules: %w", err)
	}
	if err := tx.Exec(`INSERT INTO module_options (module_id, template_option_id, position, title, description)
		SELECT m.id, o.id, o.position, o.title, o.description
		FROM module_template_options o JOIN modules m ON m.template_id = o.module_template_id
		WHERE m.cohort_id = ?`, id).Error; err != nil {
		return uuid.Nil, fmt.Errorf("planning: copy options: %w", err)
	}
	return id, nil
}

var errCohortNameTaken = apperror.Newf(apperror.Conflict, "Deze naam is al in gebruik",
	"Deze leergang heeft al een groep met deze naam. Kies een andere naam, bijvoorbeeld met het jaartal erin.")

// UpdateCohort writes a cohort's fields and raises its version; the caller holds the lock (LockCohort).
func (s *Store) UpdateCohort(tx *gorm.DB, id uuid.UUID, name, startsOn, endsOn string, capacity int) error {
	err := tx.Exec(`UPDATE cohorts SET name = ?, starts_on = ?, ends_on = ?, capacity = ?, updated_at = now(),
		version = version + 1 WHERE id = ?`, name, startsOn, endsOn, capacity, id).Error
	if violatesUnique(err) {
		return errCohortNameTaken
	}
	if err != nil {
		return fmt.Errorf("planning: update cohort %s: %w", id, err)
	}
	return nil
}

// SetCohortStatus moves the locked cohort to status and carries its enrolments along: completing a cohort
// completes its active participants, reopening it makes them active again.
func (s *Store) SetCohortStatus(tx *gorm.DB, c lockedCohort, status string) error {
	err := tx.Exec(`UPDATE cohorts SET status = ?, archived_at = CASE WHEN ? = 'archived' THEN now() END,
		updated_at = now(), version = version + 1 WHERE id = ?`, status, status, c.ID).Error
	if err != nil {
		return fmt.Errorf("planning: cohort status: %w", err)
	}
	from, to := "", ""
	switch {
	case status == "completed":
		from, to = "active", "completed"
	case c.Status == "completed" && status == "running":
		from, to = "completed", "active"
	default:
		return nil
	}
	err = tx.Exec(`UPDATE enrolments SET status = ?, updated_at = now(), version = version + 1
		WHERE cohort_id = ? AND status = ?`, to, c.ID, from).Error
	if err != nil {
		return fmt.Errorf("planning: enrolments of cohort %s: %w", c.ID, err)
	}
	return nil
}
