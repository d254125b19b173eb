package planning

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/httpio"
)

// ProgrammeSpeakers handles GET /programmes/{programmeID}/speakers.
func (h *Handlers) ProgrammeSpeakers(c echo.Context) error {
	id, err := httpio.PathUUID(c, "programmeID")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	list, err := h.svc.ProgrammeSpeakers(ctx, access.FromContext(ctx), id)
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, map[string][]Speaker{"speakers": list})
}

// CreateSpeaker handles POST /programmes/{programmeID}/speakers.
func (h *Handlers) CreateSpeaker(c echo.Context) error {
	id, err := httpio.PathUUID(c, "programmeID")
	if err != nil {
		return err
	}
	var in SpeakerInput
	if err := httpio.DecodeJSON(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	sp, err := h.svc.CreateSpeaker(ctx, access.FromContext(ctx), id, in)
	if err != nil {
		return err
	}
	httpio.SetVersion(c, sp.Version)
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/speakers/"+sp.ID.String())
	return httpio.JSON(c, http.StatusCreated, sp)
}

// Speaker handles GET /speakers/{speakerID}: the full entry, or only the public profile.
func (h *Handlers) Speaker(c echo.Context) error {
	id, err := httpio.PathUUID(c, "speakerID")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	sp, err := h.svc.SpeakerForReader(ctx, access.FromContext(ctx), id)
	if err != nil {
		return err
	}
	if full, ok := sp.(Speaker); ok {
		httpio.SetVersion(c, full.Version)
	}
	return httpio.JSON(c, http.StatusOK, sp)
}

// UpdateSpeaker handles PATCH /speakers/{speakerID} (If-Match).
func (h *Handlers) UpdateSpeaker(c echo.Context) error {
	id, err := httpio.PathUUID(c, "speakerID")
	if err != nil {
		return err
	}
	version, err := httpio.IfMatchVersion(c)
	if err != nil {
		return err
	}
	var patch SpeakerPatch
	if err := httpio.DecodeJSON(c, &patch); err != nil {
		return err
	}
	ctx := c.Request().Context()
	sp, err := h.svc.UpdateSpeaker(ctx, access.FromContext(ctx), id, version, patch)
	if err != nil {
		return err
	}
	httpio.SetVersion(c, sp.Version)
	return httpio.JSON(c, http.StatusOK, sp)
}
