package planning

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/httpio"
)

// SessionAttendance handles GET /sessions/{sessionID}/attendance.
func (h *Handlers) SessionAttendance(c echo.Context) error {
	id, err := httpio.PathUUID(c, "sessionID")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	sheet, err := h.svc.SessionAttendance(ctx, access.FromContext(ctx), id)
	if err != nil {
		return err
	}
	httpio.SetVersion(c, sheet.Version)
	return httpio.JSON(c, http.StatusOK, sheet)
}

// RecordAttendance handles PUT /sessions/{sessionID}/attendance (If-Match): the changed lines of the sheet at once.
func (h *Handlers) RecordAttendance(c echo.Context) error {
	id, err := httpio.PathUUID(c, "sessionID")
	if err != nil {
		return err
	}
	version, err := httpio.IfMatchVersion(c)
	if err != nil {
		return err
	}
	var upd AttendanceUpdate
	if err := httpio.DecodeJSON(c, &upd); err != nil {
		return err
	}
	ctx := c.Request().Context()
	sheet, err := h.svc.RecordAttendance(ctx, access.FromContext(ctx), id, version, upd)
	if err != nil {
		return err
	}
	httpio.SetVersion(c, sheet.Version)
	return httpio.JSON(c, http.StatusOK, sheet)
}

// CohortAttendance handles GET /cohorts/{cohortID}/attendance.
func (h *Handlers) CohortAttendance(c echo.Context) error {
	id, err := httpio.PathUUID(c, "cohortID")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	rates, err := h.svc.CohortAttendance(ctx, access.FromContext(ctx), id)
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, rates)
}

// MyAttendance handles GET /me/attendance.
func (h *Handlers) MyAttendance(c echo.Context) error {
	ctx := c.Request().Context()
	mine, err := h.svc.MyAttendance(ctx, access.FromContext(ctx))
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, mine)
}
