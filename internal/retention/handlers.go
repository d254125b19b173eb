package retention

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/apperror"
	"github.com/vgs/leergang/internal/httpio"
	"github.com/vgs/leergang/internal/nltime"
)

// Overview is the rule and where every archived cohort stands, oldest archive first.
type Overview struct {
	RetentionMonths int            `json:"retentionMonths"`
	NoticeDays      int            `json:"noticeDays"`
	Cohorts         []CohortStatus `json:"cohorts"`
}

// CohortStatus is one archived cohort: when its period ends, and whether it was noticed and purged.
type CohortStatus struct {
	CohortID      uuid.UUID  `json:"cohortId"`
	ProgrammeName string     `json:"programmeName"`
	Name          string     `json:"name"`
	ArchivedAt    time.Time  `json:"archivedAt"`
	PurgeDueOn    string     `json:"purgeDueOn"`
	NoticeSentAt  *time.Time `json:"noticeSentAt"`
	PurgeOn       *time.Time `json:"purgeOn"`
	PurgedAt      *time.Time `json:"purgedAt"`
}

// Overview returns the rule and the archived cohorts to admins, in one query.
func (s *Service) Overview(ctx context.Context, p *access.Principal) (Overview, error) {
	switch {
	case p == nil:
		return Overview{}, apperror.Newf(apperror.Unauthenticated, "Niet ingelogd", "Log in om verder te gaan.")
	case !p.IsAdmin:
		return Overview{}, apperror.Newf(apperror.Forbidden, "Geen toegang", "Alleen beheerders zien de bewaartermijnen.")
	}
	out := Overview{RetentionMonths: s.rule.Months, NoticeDays: s.rule.NoticeDays, Cohorts: []CohortStatus{}}
	err := s.db.WithContext(ctx).Raw(`SELECT c.id AS cohort_id, p.name AS programme_name, c.name, c.archived_at,
			r.notice_sent_at, r.purge_on, r.purged_at
		FROM cohorts c JOIN programmes p ON p.id = c.programme_id
		LEFT JOIN cohort_retention r ON r.cohort_id = c.id
		WHERE c.status = 'archived'
		ORDER BY c.archived_at, c.id`).Scan(&out.Cohorts).Error
	if err != nil {
		return Overview{}, fmt.Errorf("retention: overview: %w", err)
	}
	for i, c := range out.Cohorts {
		out.Cohorts[i].PurgeDueOn = s.rule.DueAt(c.ArchivedAt).In(nltime.Amsterdam).Format(time.DateOnly)
	}
	return out, nil
}

// Handlers are the HTTP endpoints of retention.
type Handlers struct{ svc *Service }

// NewHandlers returns the retention handlers.
func NewHandlers(svc *Service) *Handlers { return &Handlers{svc: svc} }

// Overview handles GET /admin/retention.
func (h *Handlers) Overview(c echo.Context) error {
	ctx := c.Request().Context()
	out, err := h.svc.Overview(ctx, access.FromContext(ctx))
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, out)
}
