package planning

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/httpio"
)

type programmesResponse struct {
	Programmes []ProgrammeSummary `json:"programmes"`
}

// Programmes handles GET /programmes.
func (h *Handlers) Programmes(c echo.Context) error {
	ctx := c.Request().Context()
	list, err := h.svc.Programmes(ctx, access.FromContext(ctx))
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, programmesResponse{Programmes: list})
}

// Programme handles GET /programmes/{programmeID}.
func (h *Handlers) Programme(c echo.Context) error {
	id, err := httpio.PathUUID(c, "programmeID")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	prog, err := h.svc.Programme(ctx, access.FromContext(ctx), id)
	if err != nil {
		return err
	}
	return respondProgramme(c, http.StatusOK, prog)
}

// CreateProgramme handles POST /programmes.
func (h *Handlers) CreateProgramme(c echo.Context) error {
	var in NewProgrammeInput
	if err := httpio.DecodeJSON(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	prog, err := h.svc.CreateProgramme(ctx, access.FromContext(ctx), in)
	if err != nil {
		return err
	}
	return respondProgramme(c, http.StatusCreated, prog)
}

// UpdateProgramme handles PATCH /programmes/{programmeID} with If-Match.
func (h *Handlers) UpdateProgramme(c echo.Context) error {
	id, err := httpio.PathUUID(c, "programmeID")
	if err != nil {
		return err
	}
	version, err := httpio.IfMatchVersion(c)
	if err != nil {
		return err
	}
	var in ProgrammePatch
	if err := httpio.DecodeJSON(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	prog, err := h.svc.UpdateProgramme(ctx, access.FromContext(ctx), id, version, in)
	if err != nil {
		return err
	}
	return respondProgramme(c, http.StatusOK, prog)
}

func respondProgramme(c echo.Context, status int, prog Programme) error {
	httpio.SetVersion(c, prog.Version)
	return httpio.JSON(c, status, prog)
}
