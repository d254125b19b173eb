package httpapi

import (
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/apperror"
	"github.com/vgs/leergang/internal/audit"
	"github.com/vgs/leergang/internal/identity"
)

// requireUser authenticates the bearer token and puts the principal in the request context; requests without
// a valid token stop here with 401.
func requireUser(svc *identity.Service) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			auth := c.Request().Header.Get(echo.HeaderAuthorization)
			token, ok := strings.CutPrefix(auth, "Bearer ")
			if !ok || strings.TrimSpace(token) == "" {
				return apperror.Newf(apperror.Unauthenticated, "Niet ingelogd", "Log in om verder te gaan.")
			}
			p, err := svc.Authenticate(c.Request().Context(), strings.TrimSpace(token))
			if err != nil {
				return err
			}
			c.SetRequest(c.Request().WithContext(access.WithPrincipal(c.Request().Context(), p)))
			return next(c)
		}
	}
}

// sameOrigin guards the cookie-authenticated endpoints (refresh, logout) against cross-site requests, on top
// of SameSite=Strict: a browser always sends Origin on POST, and it must be our own.
func sameOrigin(baseURL string, allowed []string) echo.MiddlewareFunc {
	ok := map[string]bool{}
	if u, err := url.Parse(baseURL); err == nil {
		ok[u.Scheme+"://"+u.Host] = true
	}
	for _, o := range allowed {
		ok[strings.TrimRight(o, "/")] = true
	}
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			origin := c.Request().Header.Get(echo.HeaderOrigin)
			if origin == "" || ok[origin] || origin == c.Scheme()+"://"+c.Request().Host {
				return next(c)
			}
			return apperror.Newf(apperror.Forbidden, "Geen toegang", "Dit verzoek komt van een andere website.")
		}
	}
}

// auditRequest hands the audit log the route (the template, e.g. GET /api/v1/goals/:goalID), the request id and
// the client address (through the configured IPExtractor), so every entry says how a read came about.
func auditRequest(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := audit.Request{
			Route:     c.Request().Method + " " + c.Path(),
			RequestID: c.Response().Header().Get(echo.HeaderXRequestID),
			IP:        c.RealIP(),
		}
		c.SetRequest(c.Request().WithContext(audit.WithRequest(c.Request().Context(), r)))
		return next(c)
	}
}
