package planning

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/apperror"
	"github.com/vgs/leergang/internal/httpio"
)

// ImportParticipants handles POST /cohorts/{cohortID}/participants/import: the body is the CSV file itself
// (text/csv), ?dryRun=true only reports.
func (h *Handlers) ImportParticipants(c echo.Context) error {
	id, err := httpio.PathUUID(c, "cohortID")
	if err != nil {
		return err
	}
	// Who may import is settled before the request's format is: a refused caller learns nothing from a 415.
	ctx := c.Request().Context()
	if err := h.svc.MayImportParticipants(ctx, access.FromContext(ctx), id); err != nil {
		return err
	}
	mt, params, err := mime.ParseMediaType(c.Request().Header.Get(echo.HeaderContentType))
	if err != nil || mt != "text/csv" || (params["charset"] != "" && !strings.EqualFold(params["charset"], "utf-8")) {
		return apperror.Newf(apperror.UnsupportedMediaType, "Verkeerd inhoudstype",
			"Stuur het bestand als text/csv in UTF-8.")
	}
	dryRun := false
	if raw := c.QueryParam("dryRun"); raw != "" {
		if dryRun, err = strconv.ParseBool(raw); err != nil {
			var v apperror.Validation
			v.Add("dryRun", "invalid", "Gebruik dryRun=true of dryRun=false.")
			return v.Err()
		}
	}
	body, err := io.ReadAll(c.Request().Body)
	if err != nil {
		var maxErr *http.MaxBytesError
		if errors.As(err, &maxErr) {
			return apperror.Newf(apperror.TooLarge, "Bestand te groot", "Het bestand is groter dan %d bytes.", maxErr.Limit)
		}
		return apperror.Newf(apperror.BadRequest, "Verzoek niet leesbaar", "Het bestand kon niet worden gelezen.")
	}
	report, err := h.svc.ImportParticipants(ctx, access.FromContext(ctx), id, body, dryRun, h.baseURL)
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, report)
}
