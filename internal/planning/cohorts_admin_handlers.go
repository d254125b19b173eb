package planning

import (
	"net/http"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/httpio"
)

type cohortsResponse struct {
	Cohorts []CohortSummary `json:"cohorts"`
}

// ProgrammeCohorts handles GET /programmes/{programmeID}/cohorts.
func (h *Handlers) ProgrammeCohorts(c echo.Context) error {
	id, err := httpio.PathUUID(c, "programmeID")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	list, err := h.svc.ProgrammeCohorts(ctx, access.FromContext(ctx), id)
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, cohortsResponse{Cohorts: list})
}

// CreateCohort handles POST /programmes/{programmeID}/cohorts.
func (h *Handlers) CreateCohort(c echo.Context) error {
	id, err := httpio.PathUUID(c, "programmeID")
	if err != nil {
		return err
	}
	var in NewCohortInput
	if err := httpio.DecodeJSON(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	out, err := h.svc.CreateCohort(ctx, access.FromContext(ctx), id, in)
	if err != nil {
		return err
	}
	return respondCohort(c, http.StatusCreated, out)
}

// UpdateCohort handles PATCH /cohorts/{cohortID} with If-Match.
func (h *Handlers) UpdateCohort(c echo.Context) error {
	id, version, err := pathAndVersion(c, "cohortID")
	if err != nil {
		return err
	}
	var in CohortPatch
	if err := httpio.DecodeJSON(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	out, err := h.svc.UpdateCohort(ctx, access.FromContext(ctx), id, version, in)
	if err != nil {
		return err
	}
	return respondCohort(c, http.StatusOK, out)
}

// ChangeCohortStatus handles POST /cohorts/{cohortID}/status with If-Match.
func (h *Handlers) ChangeCohortStatus(c echo.Context) error {
	id, version, err := pathAndVersion(c, "cohortID")
	if err != nil {
		return err
	}
	var in StatusChange
	if err := httpio.DecodeJSON(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	out, err := h.svc.ChangeCohortStatus(ctx, access.FromContext(ctx), id, version, in)
	if err != nil {
		return err
	}
	return respondCohort(c, http.StatusOK, out)
}

// CohortModules handles GET /cohorts/{cohortID}/modules.
func (h *Handlers) CohortModules(c echo.Context) error {
	id, err := httpio.PathUUID(c, "cohortID")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	out, err := h.svc.CohortModules(ctx, access.FromContext(ctx), id)
	if err != nil {
		return err
	}
	httpio.SetVersion(c, out.Version)
	return httpio.JSON(c, http.StatusOK, out)
}

// ReplaceCohortModules handles PUT /cohorts/{cohortID}/modules with If-Match (the cohort's version).
func (h *Handlers) ReplaceCohortModules(c echo.Context) error {
	id, version, err := pathAndVersion(c, "cohortID")
	if err != nil {
		return err
	}
	var in CohortModulesInput
	if err := httpio.DecodeJSON(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	out, err := h.svc.ReplaceCohortModules(ctx, access.FromContext(ctx), id, version, in)
	if err != nil {
		return err
	}
	httpio.SetVersion(c, out.Version)
	return httpio.JSON(c, http.StatusOK, out)
}

func respondCohort(c echo.Context, status int, out CohortSummary) error {
	httpio.SetVersion(c, out.Version)
	return httpio.JSON(c, status, out)
}

// pathAndVersion reads a uuid path parameter and the If-Match version of an update.
func pathAndVersion(c echo.Context, param string) (id uuid.UUID, version int, err error) {
	if id, err = httpio.PathUUID(c, param); err != nil {
		return id, 0, err
	}
	version, err = httpio.IfMatchVersion(c)
	return id, version, err
}
