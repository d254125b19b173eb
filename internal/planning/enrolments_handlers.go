package planning

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/httpio"
)

type participantsResponse struct {
	Participants []Participant `json:"participants"`
}

// Participants handles GET /cohorts/{cohortID}/participants.
func (h *Handlers) Participants(c echo.Context) error {
	id, err := httpio.PathUUID(c, "cohortID")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	list, err := h.svc.Participants(ctx, access.FromContext(ctx), id)
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, participantsResponse{Participants: list})
}

// Enrol handles POST /cohorts/{cohortID}/participants.
func (h *Handlers) Enrol(c echo.Context) error {
	id, err := httpio.PathUUID(c, "cohortID")
	if err != nil {
		return err
	}
	var in EnrolInput
	if err := httpio.DecodeJSON(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	out, err := h.svc.Enrol(ctx, access.FromContext(ctx), id, in, h.baseURL)
	if err != nil {
		return err
	}
	httpio.SetVersion(c, out.Version)
	return httpio.JSON(c, http.StatusCreated, out)
}

// Withdraw handles POST /enrolments/{enrolmentID}/withdraw with If-Match.
func (h *Handlers) Withdraw(c echo.Context) error {
	id, version, err := pathAndVersion(c, "enrolmentID")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	out, err := h.svc.Withdraw(ctx, access.FromContext(ctx), id, version)
	if err != nil {
		return err
	}
	httpio.SetVersion(c, out.Version)
	return httpio.JSON(c, http.StatusOK, out)
}

// ResendInvitation handles POST /enrolments/{enrolmentID}/invitation.
func (h *Handlers) ResendInvitation(c echo.Context) error {
	id, err := httpio.PathUUID(c, "enrolmentID")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	if err := h.svc.ResendInvitation(ctx, access.FromContext(ctx), id, h.baseURL); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
