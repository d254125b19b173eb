package planning

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/httpio"
)

// Handlers are the HTTP endpoints of planning.
type Handlers struct{ svc *Service }

// NewHandlers returns the planning handlers.
func NewHandlers(svc *Service) *Handlers { return &Handlers{svc: svc} }

// Cohort handles GET /cohorts/{cohortID}.
func (h *Handlers) Cohort(c echo.Context) error {
	id, err := httpio.PathUUID(c, "cohortID")
	if err != nil {
		return err
	}
	ov, err := h.svc.CohortOverview(c.Request().Context(), access.FromContext(c.Request().Context()), id)
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, ov)
}
