package httpapi

import (
	"github.com/labstack/echo/v4"

	"github.com/vgs/leergang/internal/database"
)

// countStatements gives every request a statement counter, so that what auth, the handler and the error mapping
// send to PostgreSQL is counted alike. With show (LEERGANG_SERVER_TIMING), the response tells the count and the
// statements' time in a Server-Timing header, written just before the first byte: the load generator reads it.
func countStatements(show bool) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			ctx, counter := database.WithStatementCounter(c.Request().Context())
			c.SetRequest(c.Request().WithContext(ctx))
			if show {
				c.Response().Before(func() {
					c.Response().Header().Set("Server-Timing", counter.ServerTiming())
				})
			}
			return next(c)
		}
	}
}
