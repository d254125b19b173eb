package httpapi

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/vgs/leergang/internal/identity"
	"github.com/vgs/leergang/internal/planning"
)

// registerRoutes is the whole API at a glance. Every /api/v1 route is described in api/openapi.yaml; a test
// fails when one is not.
func registerRoutes(e *echo.Echo, d Deps) {
	e.GET("/healthz", healthz)
	e.GET("/readyz", readyz(d.DB))

	v1 := e.Group("/api/v1")
	v1.GET("/openapi.yaml", func(c echo.Context) error {
		c.Response().Header().Set(echo.HeaderCacheControl, "no-cache")
		return c.Blob(http.StatusOK, "application/yaml", d.OpenAPI)
	})

	auth := identity.NewHandlers(d.Identity, d.Config.CookieSecure)
	cookieAuth := v1.Group("/auth", sameOrigin(d.Config.BaseURL, d.Config.CORSOrigins))
	cookieAuth.POST("/login", auth.Login)
	cookieAuth.POST("/refresh", auth.Refresh)
	cookieAuth.POST("/logout", auth.Logout)

	user := v1.Group("", requireUser(d.Identity))
	user.GET("/me", auth.Me)

	plan := planning.NewHandlers(d.Planning, d.Config.BaseURL)
	user.GET("/cohorts/:cohortID", plan.Cohort)
	user.GET("/me/calendar-feed", plan.CalendarFeedStatus)
	user.POST("/me/calendar-feed", plan.ResetCalendarFeed)
	v1.GET("/calendar/:file", plan.CalendarICS) // the secret in the URL is the credential

	// Unknown API paths are a problem+json 404, never the SPA's index.html.
	v1.Any("/*", func(c echo.Context) error { return echo.ErrNotFound })

	e.GET("/*", spaHandler(d.SPA))
	e.HEAD("/*", spaHandler(d.SPA))
}
