package evaluation

import "github.com/labstack/echo/v4"

// Report handles GET /programmes/{programmeID}/evaluation-report.
func (h *Handlers) Report(c echo.Context) error { return echo.ErrNotImplemented }

// ExportReport handles GET /programmes/{programmeID}/evaluation-report/export/{format}.
func (h *Handlers) ExportReport(c echo.Context) error { return echo.ErrNotImplemented }
