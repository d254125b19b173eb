package planning

import (
	"context"
	"fmt"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/apperror"
	"github.com/vgs/leergang/internal/httpio"
)

const participantSQL = `SELECT e.id, e.user_id, u.name, u.email, e.gemeente, e.job_title, e.status, e.enrolled_at,
		e.withdrawn_at, u.password_hash IS NOT NULL AS password_set, e.version
	FROM enrolments e JOIN users u ON u.id = e.user_id`

// Participants lists enrolments matching where (a condition on e), active and completed before withdrawn,
// then by name.
func (s *Store) Participants(ctx context.Context, db *gorm.DB, where string, args ...any) ([]Participant, error) {
	out := []Participant{}
	err := db.WithContext(ctx).Raw(participantSQL+` WHERE `+where+` ORDER BY e.status = 'withdrawn', u.name, u.email`,
		args...).Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("planning: participants: %w", err)
	}
	return out, nil
}

// Participant reads one enrolment.
func (s *Store) Participant(ctx context.Context, db *gorm.DB, enrolmentID uuid.UUID) (Participant, error) {
	list, err := s.Participants(ctx, db, "e.id = ?", enrolmentID)
	if err != nil {
		return Participant{}, err
	}
	if len(list) == 0 {
		return Participant{}, errEnrolmentNotFound
	}
	return list[0], nil
}

// existingEnrolment is what is known of an address in a cohort: Status is empty when it is not outcomeEnrolled.
type existingEnrolment struct {
	Status string
	Erased bool
}

// EnrolmentOfEmail tells whether the account with this address (if any) is outcomeEnrolled in the cohort, and whether
// it was erased.
func (s *Store) EnrolmentOfEmail(tx *gorm.DB, cohortID uuid.UUID, email string) (existingEnrolment, error) {
	var e existingEnrolment
	err := tx.Raw(`SELECT coalesce(e.status, '') AS status, u.erased_at IS NOT NULL AS erased
		FROM users u LEFT JOIN enrolments e ON e.user_id = u.id AND e.cohort_id = ?
		WHERE u.email = ?`, cohortID, email).Scan(&e).Error
	if err != nil {
		return e, fmt.Errorf("planning: enrolment of %s: %w", email, err)
	}
	return e, nil
}

// InsertEnrolment enrols a user; a second enrolment of the same person in the cohort is a conflict.
func (s *Store) InsertEnrolment(tx *gorm.DB, cohortID, userID uuid.UUID, gemeente, jobTitle string) (uuid.UUID, error) {
	var id uuid.UUID
	err := tx.Raw(`INSERT INTO enrolments (cohort_id, user_id, gemeente, job_title) VALUES (?, ?, ?, ?) RETURNING id`,
		cohortID, userID, gemeente, jobTitle).Row().Scan(&id)
	if violatesUnique(err) {
		return uuid.Nil, apperror.Newf(apperror.Conflict, "Al ingeschreven", "Deze persoon is al deelnemer van deze groep.")
	}
	if err != nil {
		return uuid.Nil, fmt.Errorf("planning: insert enrolment: %w", err)
	}
	return id, nil
}

// WithdrawEnrolment marks an active enrolment withdrawn if it is still at version.
func (s *Store) WithdrawEnrolment(tx *gorm.DB, id uuid.UUID, version int) error {
	var e struct {
		Status  string
		Version int
	}
	res := tx.Raw(`SELECT status, version FROM enrolments WHERE id = ? FOR UPDATE`, id).Scan(&e)
	switch {
	case res.Error != nil:
		return fmt.Errorf("planning: enrolment %s: %w", id, res.Error)
	case res.RowsAffected == 0:
		return errEnrolmentNotFound
	case e.Version != version:
		return httpio.Stale()
	case e.Status != "active":
		return apperror.Newf(apperror.Conflict, "Niet (meer) actief", "Alleen een actieve deelnemer kan worden uitgeschreven.")
	}
	err := tx.Exec(`UPDATE enrolments SET status = 'withdrawn', withdrawn_at = now(), updated_at = now(),
		version = version + 1 WHERE id = ?`, id).Error
	if err != nil {
		return fmt.Errorf("planning: withdraw %s: %w", id, err)
	}
	return nil
}
