// Package cohorts looks up a cohort for the features that write into one (goals, reflections, portraits): one
// query, one "Groep niet gevonden", and one rule for who may write there as a participant.
package cohorts

import (
	"context"
	"fmt"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/apperror"
)

// ErrNotFound is the answer for a cohort that does not exist.
var ErrNotFound = apperror.New(apperror.NotFound, "Groep niet gevonden")

// Ref is what the rules need to know about a cohort.
type Ref struct {
	ID          uuid.UUID
	ProgrammeID uuid.UUID
	Status      string
	// FrameworkID is the programme's leadership framework, which goals refer to.
	FrameworkID *uuid.UUID
}

// Archived: an archived cohort is read-only for its participants.
func (c Ref) Archived() bool { return c.Status == "archived" }

// Find returns the cohort, or ErrNotFound.
func Find(ctx context.Context, db *gorm.DB, id uuid.UUID) (Ref, error) {
	var c Ref
	res := db.WithContext(ctx).Raw(`SELECT c.id, c.programme_id, c.status, p.framework_id
		FROM cohorts c JOIN programmes p ON p.id = c.programme_id WHERE c.id = ?`, id).Scan(&c)
	if res.Error != nil {
		return Ref{}, fmt.Errorf("cohorts: %s: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return Ref{}, ErrNotFound
	}
	return c, nil
}

// CheckParticipant lets p write their own content in the cohort: a participant who has not withdrawn, in a
// cohort that is not archived. The errors are the feature's own words; archived is nil for a feature that keeps
// its content writable after the cohort is archived.
func CheckParticipant(p *access.Principal, c Ref, notParticipant, archived error) error {
	if !p.InCohort(access.Participant, c.ProgrammeID, c.ID) {
		return notParticipant
	}
	if archived != nil && c.Archived() {
		return archived
	}
	return nil
}
