package planning

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/httpio"
)

// CohortSessions handles GET /cohorts/{cohortID}/sessions.
func (h *Handlers) CohortSessions(c echo.Context) error {
	id, err := httpio.PathUUID(c, "cohortID")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	out, err := h.svc.CohortSessions(ctx, access.FromContext(ctx), id)
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, out)
}

// Session handles GET /sessions/{sessionID}.
func (h *Handlers) Session(c echo.Context) error {
	id, err := httpio.PathUUID(c, "sessionID")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	s, err := h.svc.Session(ctx, access.FromContext(ctx), id)
	if err != nil {
		return err
	}
	httpio.SetVersion(c, s.Version)
	return httpio.JSON(c, http.StatusOK, s)
}

// CreateSession handles POST /cohorts/{cohortID}/sessions.
func (h *Handlers) CreateSession(c echo.Context) error {
	id, err := httpio.PathUUID(c, "cohortID")
	if err != nil {
		return err
	}
	var in SessionInput
	if err := httpio.DecodeJSON(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	s, err := h.svc.CreateSession(ctx, access.FromContext(ctx), id, in)
	if err != nil {
		return err
	}
	httpio.SetVersion(c, s.Version)
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/sessions/"+s.ID.String())
	return httpio.JSON(c, http.StatusCreated, s)
}

// UpdateSession handles PATCH /sessions/{sessionID} (If-Match).
func (h *Handlers) UpdateSession(c echo.Context) error {
	id, err := httpio.PathUUID(c, "sessionID")
	if err != nil {
		return err
	}
	version, err := httpio.IfMatchVersion(c)
	if err != nil {
		return err
	}
	var patch SessionPatch
	if err := httpio.DecodeJSON(c, &patch); err != nil {
		return err
	}
	ctx := c.Request().Context()
	s, err := h.svc.UpdateSession(ctx, access.FromContext(ctx), id, version, patch, h.baseURL)
	if err != nil {
		return err
	}
	httpio.SetVersion(c, s.Version)
	return httpio.JSON(c, http.StatusOK, s)
}

// CancelSession handles POST /sessions/{sessionID}/cancel (If-Match).
func (h *Handlers) CancelSession(c echo.Context) error {
	id, err := httpio.PathUUID(c, "sessionID")
	if err != nil {
		return err
	}
	version, err := httpio.IfMatchVersion(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	s, err := h.svc.CancelSession(ctx, access.FromContext(ctx), id, version, h.baseURL)
	if err != nil {
		return err
	}
	httpio.SetVersion(c, s.Version)
	return httpio.JSON(c, http.StatusOK, s)
}
