package planning

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/httpio"
)

// BookingHandlers are the endpoints that book speakers and take their answers: they sign and check the links in
// invitations, so they carry the key ring and the public URL.
type BookingHandlers struct {
	svc   *Service
	links SpeakerLinks
}

// NewBookingHandlers returns the booking handlers.
func NewBookingHandlers(svc *Service, links SpeakerLinks) *BookingHandlers {
	return &BookingHandlers{svc: svc, links: links}
}

// Book handles POST /sessions/{sessionID}/bookings.
func (h *BookingHandlers) Book(c echo.Context) error {
	id, err := httpio.PathUUID(c, "sessionID")
	if err != nil {
		return err
	}
	var in BookingInput
	if err := httpio.DecodeJSON(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	out, err := h.svc.BookSpeaker(ctx, access.FromContext(ctx), id, in, h.links)
	if err != nil {
		return err
	}
	httpio.SetVersion(c, out.Booking.Version)
	return httpio.JSON(c, http.StatusCreated, out)
}

// Cancel handles POST /bookings/{bookingID}/cancel (If-Match).
func (h *BookingHandlers) Cancel(c echo.Context) error {
	id, err := httpio.PathUUID(c, "bookingID")
	if err != nil {
		return err
	}
	version, err := httpio.IfMatchVersion(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	b, err := h.svc.CancelBooking(ctx, access.FromContext(ctx), id, version)
	if err != nil {
		return err
	}
	httpio.SetVersion(c, b.Version)
	return httpio.JSON(c, http.StatusOK, b)
}

// Invitation handles GET /speaker-invitations/{token}; no login, the signed token is the credential.
func (h *BookingHandlers) Invitation(c echo.Context) error {
	inv, err := h.svc.SpeakerInvitation(c.Request().Context(), c.Param("token"), h.links)
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, inv)
}

// Respond handles POST /speaker-invitations/{token}.
func (h *BookingHandlers) Respond(c echo.Context) error {
	var in SpeakerResponse
	if err := httpio.DecodeJSON(c, &in); err != nil {
		return err
	}
	inv, err := h.svc.RespondToInvitation(c.Request().Context(), c.Param("token"), in, h.links)
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, inv)
}
