package identity

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/apperror"
	"github.com/vgs/leergang/internal/httpio"
)

// Handlers are the HTTP endpoints of identity: login, refresh, logout, me.
type Handlers struct {
	svc          *Service
	cookieSecure bool
}

// NewHandlers returns the handlers. cookieSecure is false only for tests on plain http.
func NewHandlers(svc *Service, cookieSecure bool) *Handlers {
	return &Handlers{svc: svc, cookieSecure: cookieSecure}
}

// RefreshCookieName is the refresh token's cookie. The __Host- prefix makes the browser insist on Secure,
// Path=/ and no Domain, so no other site or subdomain can plant or read it.
func (h *Handlers) RefreshCookieName() string {
	if h.cookieSecure {
		return "__Host-leergang_refresh"
	}
	return "leergang_refresh"
}

type tokenResponse struct {
	AccessToken string `json:"accessToken"`
	TokenType   string `json:"tokenType"`
	ExpiresIn   int    `json:"expiresIn"`
	User        Me     `json:"user"`
	// RecoveryCodes only when the login just set up a second factor.
	RecoveryCodes []string `json:"recoveryCodes,omitempty"`
}

// Login handles POST /auth/login.
func (h *Handlers) Login(c echo.Context) error {
	var in LoginInput
	if err := httpio.DecodeJSON(c, &in); err != nil {
		return err
	}
	s, err := h.svc.Login(c.Request().Context(), in, clientOf(c))
	if err != nil {
		return err
	}
	if s.Challenge != nil {
		return httpio.JSON(c, http.StatusAccepted, s.Challenge) // no session and no cookie before the second factor
	}
	return h.respond(c, s)
}

// Refresh handles POST /auth/refresh.
func (h *Handlers) Refresh(c echo.Context) error {
	token := ""
	if ck, err := c.Cookie(h.RefreshCookieName()); err == nil {
		token = ck.Value
	}
	s, err := h.svc.Refresh(c.Request().Context(), token, clientOf(c))
	if err != nil {
		// Only a token that is no good loses its cookie: when the database is away (503) the login is still valid
		// and the browser should try again, not be signed out.
		if e, ok := apperror.As(err); ok && e.Code == apperror.Unauthenticated {
			h.clearCookie(c)
		}
		return err
	}
	return h.respond(c, s)
}

// Logout handles POST /auth/logout.
func (h *Handlers) Logout(c echo.Context) error {
	if ck, err := c.Cookie(h.RefreshCookieName()); err == nil {
		if err := h.svc.Logout(c.Request().Context(), ck.Value); err != nil {
			return err
		}
	}
	h.clearCookie(c)
	return c.NoContent(http.StatusNoContent)
}

// Me handles GET /me.
func (h *Handlers) Me(c echo.Context) error {
	me, err := h.svc.Me(c.Request().Context(), access.FromContext(c.Request().Context()))
	if err != nil {
		return err
	}
	return httpio.JSON(c, http.StatusOK, me)
}

func (h *Handlers) respond(c echo.Context, s Session) error {
	c.SetCookie(&http.Cookie{
		Name:     h.RefreshCookieName(),
		Value:    s.RefreshToken,
		Path:     "/",
		MaxAge:   int(s.RefreshTTL / time.Second),
		HttpOnly: true,
		Secure:   h.cookieSecure,
		SameSite: http.SameSiteStrictMode,
	})
	return httpio.JSON(c, http.StatusOK, tokenResponse{
		AccessToken: s.AccessToken, TokenType: "Bearer", ExpiresIn: int(s.ExpiresIn / time.Second), User: s.Me,
		RecoveryCodes: s.RecoveryCodes,
	})
}

func (h *Handlers) clearCookie(c echo.Context) {
	c.SetCookie(&http.Cookie{Name: h.RefreshCookieName(), Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: h.cookieSecure, SameSite: http.SameSiteStrictMode})
}

func clientOf(c echo.Context) Client {
	return Client{UserAgent: c.Request().UserAgent(), IP: c.RealIP()}
}
