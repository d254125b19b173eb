package evaluation

import (
	"mime"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/apperror"
	"github.com/vgs/leergang/internal/httpio"
	"github.com/vgs/leergang/internal/nltime"
)

// Report handles GET /programmes/{programmeID}/evaluation-report.
func (h *Handlers) Report(c echo.Context) error {
	id, err := httpio.PathUUID(c, "programmeID")
	if err != nil {
		return err
	}
	formSplits := false
	if raw := c.QueryParam("formSplits"); raw != "" {
		if formSplits, err = strconv.ParseBool(raw); err != nil {
			return errBadFormSplits
		}
	}
	ctx := c.Request().Context()
	body, err := h.svc.ReportJSON(ctx, access.FromContext(ctx), id, c.QueryParam("cohortId"), formSplits)
	if err != nil {
		return err
	}
	return httpio.GzippedJSON(c, http.StatusOK, body)
}

// exportTypes are the media types of the export formats.
var exportTypes = map[string]string{
	"csv":  "text/csv; charset=utf-8",
	"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"pdf":  "application/pdf",
}

// ExportReport handles GET /programmes/{programmeID}/evaluation-report/export/{format}.
func (h *Handlers) ExportReport(c echo.Context) error {
	id, err := httpio.PathUUID(c, "programmeID")
	if err != nil {
		return err
	}
	format := c.Param("format")
	contentType, ok := exportTypes[format]
	if !ok {
		return apperror.Newf(apperror.NotFound, "Niet gevonden", "Het rapport is er als csv, xlsx of pdf.")
	}
	ctx := c.Request().Context()
	r, body, err := h.svc.ExportReport(ctx, access.FromContext(ctx), id, c.QueryParam("cohortId"), format)
	if err != nil {
		return err
	}
	if err := h.svc.RecordExport(ctx, access.FromContext(ctx), r, format); err != nil {
		return err
	}
	name := "evaluatierapport-" + r.slug + "-" + r.GeneratedAt.In(nltime.Amsterdam).Format("2006-01-02") + "." + format
	c.Response().Header().Set(echo.HeaderContentDisposition, mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	if gzippedExport(format) {
		return httpio.Gzipped(c, http.StatusOK, contentType, body)
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	return c.Blob(http.StatusOK, contentType, body)
}
