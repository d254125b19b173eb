package identity

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/vgs/leergang/internal/httpio"
)

// LookupInvitation handles POST /auth/invitation: whose invitation a token is. The token travels in the body,
// not the URL, so it does not end up in access logs.
func (h *AccountHandlers) LookupInvitation(c echo.Context) error {
	var in InvitationToken
	if err := httpio.DecodeJSON(c, &in); err != nil {
		return err
	}
	info, err := h.svc.LookupInvitation(c.Request().Context(), in)
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, info)
}

// SetPassword handles POST /auth/set-password.
func (h *AccountHandlers) SetPassword(c echo.Context) error {
	var in SetPasswordInput
	if err := httpio.DecodeJSON(c, &in); err != nil {
		return err
	}
	out, err := h.svc.SetPassword(c.Request().Context(), in)
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, out)
}
