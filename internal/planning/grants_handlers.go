package planning

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/httpio"
)

type grantsResponse struct {
	Grants []RoleGrant `json:"grants"`
}

// Grants handles GET /programmes/{programmeID}/grants.
func (h *Handlers) Grants(c echo.Context) error {
	id, err := httpio.PathUUID(c, "programmeID")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	list, err := h.svc.Grants(ctx, access.FromContext(ctx), id)
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, grantsResponse{Grants: list})
}

// Grant handles POST /programmes/{programmeID}/grants.
func (h *Handlers) Grant(c echo.Context) error {
	id, err := httpio.PathUUID(c, "programmeID")
	if err != nil {
		return err
	}
	var in NewGrantInput
	if err := httpio.DecodeJSON(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	out, err := h.svc.Grant(ctx, access.FromContext(ctx), id, in)
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusCreated, out)
}

// Revoke handles DELETE /grants/{grantID}.
func (h *Handlers) Revoke(c echo.Context) error {
	id, err := httpio.PathUUID(c, "grantID")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	if err := h.svc.Revoke(ctx, access.FromContext(ctx), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
