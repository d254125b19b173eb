package evaluation

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/httpio"
)

// CohortForms handles GET /cohorts/{cohortID}/evaluation-forms.
func (h *Handlers) CohortForms(c echo.Context) error {
	id, err := httpio.PathUUID(c, "cohortID")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	out, err := h.svc.CohortForms(ctx, access.FromContext(ctx), id)
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, out)
}

// AttachForm handles POST /cohorts/{cohortID}/evaluation-forms.
func (h *Handlers) AttachForm(c echo.Context) error {
	id, err := httpio.PathUUID(c, "cohortID")
	if err != nil {
		return err
	}
	var in AttachInput
	if err := httpio.DecodeJSON(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	f, err := h.svc.AttachForm(ctx, access.FromContext(ctx), id, in)
	if err != nil {
		return err
	}
	return created(c, f)
}

// SetPeriod handles PUT /evaluation-forms/{formID}/period.
func (h *Handlers) SetPeriod(c echo.Context) error {
	id, err := httpio.PathUUID(c, "formID")
	if err != nil {
		return err
	}
	version, err := httpio.IfMatchVersion(c)
	if err != nil {
		return err
	}
	var in PeriodInput
	if err := httpio.DecodeJSON(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	f, err := h.svc.SetPeriod(ctx, access.FromContext(ctx), id, version, in)
	if err != nil {
		return err
	}
	httpio.SetVersion(c, f.Version)
	return httpio.JSON(c, http.StatusOK, f)
}

// DeleteForm handles DELETE /evaluation-forms/{formID}.
func (h *Handlers) DeleteForm(c echo.Context) error {
	id, err := httpio.PathUUID(c, "formID")
	if err != nil {
		return err
	}
	version, err := httpio.IfMatchVersion(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	if err := h.svc.DeleteForm(ctx, access.FromContext(ctx), id, version); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// Progress handles GET /evaluation-forms/{formID}/progress.
func (h *Handlers) Progress(c echo.Context) error {
	id, err := httpio.PathUUID(c, "formID")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	out, err := h.svc.Progress(ctx, access.FromContext(ctx), id)
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, out)
}

// Remind handles POST /evaluation-forms/{formID}/reminders. The body, with a personal message, is optional.
func (h *Handlers) Remind(c echo.Context) error {
	id, err := httpio.PathUUID(c, "formID")
	if err != nil {
		return err
	}
	var in ReminderInput
	if c.Request().ContentLength != 0 { // no body at all: the standard reminder
		if err := httpio.DecodeJSON(c, &in); err != nil {
			return err
		}
	}
	ctx := c.Request().Context()
	out, err := h.svc.Remind(ctx, access.FromContext(ctx), id, in, h.baseURL)
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, out)
}
