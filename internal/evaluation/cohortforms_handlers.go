package evaluation

import "github.com/labstack/echo/v4"

// CohortForms handles GET /cohorts/{cohortID}/evaluation-forms.
func (h *Handlers) CohortForms(c echo.Context) error { return echo.ErrNotImplemented }

// AttachForm handles POST /cohorts/{cohortID}/evaluation-forms.
func (h *Handlers) AttachForm(c echo.Context) error { return echo.ErrNotImplemented }

// SetPeriod handles PUT /evaluation-forms/{formID}/period.
func (h *Handlers) SetPeriod(c echo.Context) error { return echo.ErrNotImplemented }

// DeleteForm handles DELETE /evaluation-forms/{formID}.
func (h *Handlers) DeleteForm(c echo.Context) error { return echo.ErrNotImplemented }

// Progress handles GET /evaluation-forms/{formID}/progress.
func (h *Handlers) Progress(c echo.Context) error { return echo.ErrNotImplemented }

// Remind handles POST /evaluation-forms/{formID}/reminders.
func (h *Handlers) Remind(c echo.Context) error { return echo.ErrNotImplemented }
