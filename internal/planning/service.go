package planning

import (
	"context"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/apperror"
)

// Service applies the planning rules and access checks.
type Service struct {
	store *Store
	now   func() time.Time
}

// NewService wires the planning service.
func NewService(db *gorm.DB) *Service { return &Service{store: NewStore(db), now: time.Now} }

// upcomingLimit is how many sessions an overview shows ahead.
const upcomingLimit = 5

// CohortOverview returns the cohort with its modules and next sessions, for its members, facilitators and admins.
func (s *Service) CohortOverview(ctx context.Context, p *access.Principal, cohortID uuid.UUID) (CohortOverview, error) {
	c, err := s.store.Cohort(ctx, cohortID)
	if err != nil {
		return CohortOverview{}, err
	}
	if !p.CanViewCohort(c.ProgrammeID, c.ID) {
		return CohortOverview{}, apperror.Newf(apperror.Forbidden, "Geen toegang",
			"U hoort niet bij deze groep.")
	}
	mods, err := s.store.ModulesByCohort(ctx, cohortID)
	if err != nil {
		return CohortOverview{}, err
	}
	sessions, err := s.store.UpcomingSessionsByCohort(ctx, cohortID, s.now(), upcomingLimit)
	if err != nil {
		return CohortOverview{}, err
	}
	return CohortOverview{
		ID: c.ID, Name: c.Name, ProgrammeID: c.ProgrammeID, ProgrammeName: c.ProgrammeName,
		StartsOn: c.StartsOn.Format(time.DateOnly), EndsOn: c.EndsOn.Format(time.DateOnly), Status: c.Status,
		Modules: mods, UpcomingSessions: sessions,
	}, nil
}
