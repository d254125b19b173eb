package identity

import (
	"net/http"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/apperror"
	"github.com/vgs/leergang/internal/httpio"
)

// SessionHandlers are the endpoints of a person's login sessions (devices) and password, and the admin's
// revoke-all.
type SessionHandlers struct {
	auth    *Handlers // for the refresh cookie, cleared when the current session ends
	svc     *Service
	baseURL string // for the forgotten-password link in the password-changed mail
}

// NewSessionHandlers returns the handlers. cookieSecure is as for NewHandlers.
func NewSessionHandlers(svc *Service, cookieSecure bool, baseURL string) *SessionHandlers {
	return &SessionHandlers{auth: NewHandlers(svc, cookieSecure), svc: svc, baseURL: baseURL}
}

type loginSessionList struct {
	Sessions []LoginSession `json:"sessions"`
}

// List handles GET /me/sessions.
func (h *SessionHandlers) List(c echo.Context) error {
	ctx := c.Request().Context()
	sessions, err := h.svc.MySessions(ctx, access.FromContext(ctx))
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, loginSessionList{Sessions: sessions})
}

// Revoke handles DELETE /me/sessions/{loginSessionID}. Ending the current session is logging out, so the
// refresh cookie goes too.
func (h *SessionHandlers) Revoke(c echo.Context) error {
	id, err := pathID(c, "loginSessionID")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	p := access.FromContext(ctx)
	if err := h.svc.RevokeMySession(ctx, p, id); err != nil {
		return err
	}
	if id == p.SessionID {
		h.auth.clearCookie(c)
	}
	return c.NoContent(http.StatusNoContent)
}

// RevokeOthers handles POST /me/sessions/revoke-others.
func (h *SessionHandlers) RevokeOthers(c echo.Context) error {
	ctx := c.Request().Context()
	out, err := h.svc.RevokeMyOtherSessions(ctx, access.FromContext(ctx))
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, out)
}

// ChangePassword handles POST /me/password.
func (h *SessionHandlers) ChangePassword(c echo.Context) error {
	var in PasswordChangeInput
	if err := httpio.DecodeJSON(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	out, err := h.svc.ChangePassword(ctx, access.FromContext(ctx), in, h.baseURL)
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, out)
}

// RevokeUser handles POST /admin/users/{userID}/sessions/revoke. Who may is checked before the id is read, so
// others learn nothing from the answer.
func (h *SessionHandlers) RevokeUser(c echo.Context) error {
	ctx := c.Request().Context()
	p := access.FromContext(ctx)
	if p == nil || !p.IsAdmin {
		return errNotSessionAdmin
	}
	id, err := pathID(c, "userID")
	if err != nil {
		return err
	}
	out, err := h.svc.RevokeUserSessions(ctx, p, id)
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, out)
}

// pathID reads a uuid path parameter; anything else is a malformed request (400).
func pathID(c echo.Context, name string) (uuid.UUID, error) {
	id, err := uuid.Parse(c.Param(name))
	if err != nil {
		return uuid.Nil, apperror.Newf(apperror.BadRequest, "Ongeldig kenmerk",
			"Het kenmerk in het adres is geen geldig kenmerk (uuid).")
	}
	return id, nil
}
